"""The caching proxy for real: Varnish (deploy/varnish/portal.vcl) in front of gunicorn.

Starts the production settings on a throw-away SQLite database, gunicorn and varnishd on free
ports, and checks that a page is a cache HIT on the second request and that a publish shows
on the next request, within one second, on the page and everywhere it is listed.

It needs Debian's varnish package and takes about half a minute, so it runs on its own: the
suite skips it unless RUN_PROXY_TESTS=1, which `.ci/run` sets in its proxy block.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.stack import Stack, _NoRedirect

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("RUN_PROXY_TESTS") != "1",
        reason="proxy test: run by .ci/run (RUN_PROXY_TESTS=1 with Debian's varnish)",
    ),
]

SETUP = """
from home.demo import load_home
from news.tests.factories import make_article, make_category
load_home("Đồng Tháp")
category = make_category("Kiểm tra CCHC")
first = make_article(title="Bài đầu tiên", category=category)
other = make_article(title="Bài liên quan", category=category)
print("URLS", first.url, other.url)
"""

EDIT = """
import json, time, urllib.request
from news.models import NewsPage
page = NewsPage.objects.get(url_path__endswith="/{slug}/")
page.title = {title!r}
page.save_revision().publish()
published_at = time.monotonic()
# The next request, straight after the publish returned (the purge was sent on commit).
request = urllib.request.Request("http://127.0.0.1:{port}{path}", headers={{"Host": "localhost"}})
with urllib.request.urlopen(request, timeout=10) as response:
    body = response.read().decode()
    cache = response.headers["X-Cache"]
seconds = time.monotonic() - published_at
print(json.dumps({{"seconds": seconds, "shows": {title!r} in body, "cache": cache}}))
"""

RENAME_SECTION = """
from news.models import NewsIndexPage
index = NewsIndexPage.objects.get()
index.title = {title!r}
index.save_revision().publish()
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not shutil.which("varnishd") and not os.path.exists("/usr/sbin/varnishd"):
        pytest.fail("varnishd not found: apt-get install varnish")
    stack = Stack(tmp_path_factory.mktemp("proxy"))
    try:
        stack.prepare()
        line = [x for x in stack.shell(SETUP).splitlines() if x.startswith("URLS ")][-1]
        first, other = line.split()[1:]
        stack.urls = {"first": first, "other": other}
        stack.start_gunicorn(workers=2)
        stack.start_varnish()
        yield stack
    finally:
        stack.stop()


def via_proxy(stack, path, **headers):
    return stack.get(stack.proxy_port, path, headers)


def publish_title(stack, url, title) -> dict:
    """Publish a new title, then request `url` through the proxy at once (same process)."""
    slug = url.rstrip("/").rsplit("/", 1)[1]
    code = EDIT.format(slug=slug, title=title, port=stack.proxy_port, path=url)
    return json.loads(stack.shell(code).strip().splitlines()[-1])


def test_second_request_is_a_hit(stack):
    url = stack.urls["first"]
    status, headers, _ = via_proxy(stack, url)
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert "public" in headers["Cache-Control"]
    status, headers, body = via_proxy(stack, url)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Bài đầu tiên" in body
    # The headers that drive purging stay inside the proxy.
    assert "X-Cache-Owner" not in headers and "X-Url" not in headers


def test_publish_shows_within_a_second_everywhere_it_is_listed(stack):
    url = stack.urls["first"]
    pages = [url, "/tin-tuc/", "/tin-tuc/?trang=1", "/", "/tin-tuc/rss/", "/tin-tuc/2025/"]
    pages = [p for p in pages if via_proxy(stack, p)[0] == 200]
    assert {url, "/tin-tuc/", "/"} <= set(pages)
    for page in pages:
        assert via_proxy(stack, page)[1]["X-Cache"] == "HIT", page

    publish_title(stack, url, "Bài đã sửa tiêu đề")
    for page in pages:
        status, headers, body = via_proxy(stack, page)
        assert status == 200
        assert "Bài đã sửa tiêu đề" in body, page
        if page != url:  # the page itself was fetched again by publish_title
            assert headers["X-Cache"] == "MISS", page
    status, headers, body = via_proxy(stack, url)
    assert headers["X-Cache"] == "HIT" and "Bài đã sửa tiêu đề" in body


def test_change_is_visible_on_the_next_request_within_one_second(stack):
    url = stack.urls["other"]
    assert via_proxy(stack, url)[0] == 200
    assert via_proxy(stack, url)[1]["X-Cache"] == "HIT"
    next_request = publish_title(stack, url, "Tiêu đề mới của bài liên quan")
    assert next_request["shows"] and next_request["cache"] == "MISS"
    assert next_request["seconds"] < 1.0, next_request
    print(f"publish to change shown through the proxy: {next_request['seconds']:.3f} s")


def test_navigation_change_reaches_every_page_and_every_worker(stack):
    """A section renamed in one process shows in the menu that the gunicorn workers draw
    from their own cached fragments, through the proxy and around it."""
    url = stack.urls["first"]
    via_proxy(stack, url)
    assert via_proxy(stack, url)[1]["X-Cache"] == "HIT"
    stack.shell(RENAME_SECTION.format(title="Tin tức CCHC"))
    _, headers, body = via_proxy(stack, url)
    assert headers["X-Cache"] == "MISS" and "Tin tức CCHC" in body
    for _ in range(6):  # an editor's requests pass to whichever worker is free
        _, headers, body = via_proxy(stack, "/thu-tuc/", Cookie="sessionid=x")
        assert headers["X-Cache"] == "MISS" and "Tin tức CCHC" in body


def test_other_sections_stay_cached(stack):
    assert via_proxy(stack, "/thu-tuc/")[0] == 200
    assert via_proxy(stack, "/thu-tuc/")[1]["X-Cache"] == "HIT"
    publish_title(stack, stack.urls["other"], "Một tiêu đề khác nữa")
    assert via_proxy(stack, "/thu-tuc/")[1]["X-Cache"] == "HIT"


def test_editors_and_forms_pass_through(stack):
    url = stack.urls["first"]
    via_proxy(stack, url)
    _, headers, _ = via_proxy(stack, url, Cookie="sessionid=abc")
    assert headers["X-Cache"] == "MISS"
    _, headers, _ = via_proxy(stack, "/admin/login/")
    _, headers, _ = via_proxy(stack, "/admin/login/")
    assert headers["X-Cache"] == "MISS" and "private" in headers["Cache-Control"]
    # Other cookies (analytics, an old CSRF cookie) do not split the cache.
    _, headers, _ = via_proxy(stack, url, Cookie="csrftoken=x; _ga=1")
    assert headers["X-Cache"] == "HIT"


def test_purging_the_root_drops_the_home_page_and_the_views_outside_the_tree(stack):
    import urllib.request

    for path in ("/", "/sitemap.xml"):
        via_proxy(stack, path)
        assert via_proxy(stack, path)[1]["X-Cache"] == "HIT", path
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.proxy_port}/", method="PURGE", headers={"Host": "localhost"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        assert response.status == 200
    for path in ("/", "/sitemap.xml"):
        assert via_proxy(stack, path)[1]["X-Cache"] == "MISS", path


def test_feedback_form_keeps_pages_cached_and_posts_through(stack):
    """Every page carries the feedback form (feedback/): still a HIT, and a post passes the
    proxy, is stored, and comes back to a thanked page that is cached too."""
    url = stack.urls["other"]
    via_proxy(stack, url)
    status, headers, body = via_proxy(stack, url)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Set-Cookie" not in headers and 'id="gop-y"' in body
    token = re.search(r'name="t" value="([^"]+)"', body).group(1)
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.proxy_port}/gop-y/",
        data=urllib.parse.urlencode({"t": token, "loai": "huu-ich"}).encode(),
        headers={"Host": "localhost", "Origin": "http://localhost"},
    )
    try:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
        raise AssertionError("expected a redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 303
        location = answer.headers["Location"]
    assert location == url + "?gop-y=cam-on#gop-y"
    count = stack.shell("from feedback.models import Feedback; print(Feedback.objects.count())")
    assert count.strip().splitlines()[-1] == "1"
    thanked = location.split("#")[0]
    via_proxy(stack, thanked)
    status, headers, body = via_proxy(stack, thanked)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Cảm ơn bạn đã cho biết ý kiến." in body
