"""Caching: which responses a shared cache may keep, what a change purges, and the fragments
every page shares (base/cache.py, base/purging.py).

The proxy itself (Varnish in front of gunicorn) is tested by tests/test_varnish.py.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page, PageViewRestriction

from base import purging
from base.cache import content_generation
from home.models import PortalSettings
from legal_documents.tests.helpers import make_document
from news.models import NewsIndexPage, RelatedArticle
from news.tests.factories import make_article, make_category
from procedures_catalog.models import ProcedureIndexPage
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that remembers what Wagtail asked it to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_caching.RecordingBackend"}}
    PURGED.clear()
    purging.discard_pending()
    yield PURGED
    PURGED.clear()


def paths(urls) -> set[str]:
    return {"/" + url.split("/", 3)[3] for url in urls}


# Headers ----------------------------------------------------------------------------------


def test_anonymous_page_is_public_with_etag_and_no_vary_cookie(client, home_page):
    article = make_article(category=make_category())
    response = client.get(article.url)
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "max-age=0" in control
    assert "Cookie" not in response.get("Vary", "")
    assert "Accept-Language" not in response.get("Vary", "")
    assert not response.cookies
    assert response["X-Cache-Owner"] == article.url
    again = client.get(article.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_sub_routes_and_views_outside_the_tree_have_owners(client, home_page):
    make_procedures(record("1.001193", "Đăng ký khai sinh"))
    index_url = ProcedureIndexPage.objects.get().url
    response = client.get(index_url + "?linh-vuc=ho-tich")
    assert response.status_code == 200 and response["X-Cache-Owner"] == index_url
    # A procedure reached by its code belongs to the procedure page.
    assert client.get("/thu-tuc/1.001193/")["X-Cache-Owner"] == "/thu-tuc/1.001193/"
    # The list's exports are query-string variants of the index, purged with it.
    response = client.get(index_url + "?dinh-dang=csv")
    assert response.status_code == 200 and response["X-Cache-Owner"] == index_url
    # Sitemap, feeds: the site root's, purged with the home page.
    for url in ("/sitemap.xml", "/van-ban/feed/moi.rss"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" in response["Cache-Control"] and response["X-Cache-Owner"] == "/"


def test_logged_in_users_admin_and_posts_are_never_cached(client, home_page):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(user)
    for url in ("/", "/admin/", "/tin-tuc/"):
        response = client.get(url)
        assert "private" in response["Cache-Control"], url
        assert "no-store" in response["Cache-Control"], url
        assert "X-Cache-Owner" not in response
    client.logout()
    response = client.post("/tim-kiem/", {"q": "hộ tịch"})
    assert "public" not in response.get("Cache-Control", "")
    assert "public" not in client.get("/admin/login/")["Cache-Control"]


def test_a_page_with_a_form_token_is_private(client, home_page, django_capture_on_commit_callbacks):
    """A password-protected page renders a CSRF token: it must not be shared."""
    article = make_article(category=make_category())
    assert "public" in client.get(article.url)["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="bí-mật"
        )
    response = client.get(article.url)
    assert response.status_code == 200 and b"csrfmiddlewaretoken" in response.content
    assert "private" in response["Cache-Control"]
    assert "X-Cache-Owner" not in response


def test_bad_input_is_not_cached_publicly(client, home_page):
    response = client.get("/thu-tuc/?sap-xep=khong-co")
    assert response.status_code == 400
    assert "public" not in response["Cache-Control"]


# Purging ----------------------------------------------------------------------------------


def test_publishing_an_article_purges_its_lists_home_and_related(
    purged, home_page, django_capture_on_commit_callbacks
):
    category = make_category()
    listed_in = make_article(category=category)
    article = make_article(category=category)
    listed_in.related_links = [RelatedArticle(article=article)]
    listed_in.save_revision().publish()
    purged.clear()
    purging.discard_pending()
    generation = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Tiêu đề mới"
        article.save_revision().publish()
    news_index = NewsIndexPage.objects.get()
    assert {article.url, news_index.url, "/", listed_in.url} <= paths(purged)
    # Nothing else: other sections stay cached.
    assert "/thu-tuc/" not in paths(purged)
    assert content_generation() != generation


def test_unpublishing_and_deleting_purge_the_page_and_its_index(
    purged, home_page, django_capture_on_commit_callbacks
):
    article = make_article(category=make_category())
    url = article.url
    purged.clear()
    purging.discard_pending()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert {url, "/tin-tuc/", "/"} <= paths(purged)
    other = make_article(category=make_category())
    purged.clear()
    purging.discard_pending()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=other.pk).specific.delete()
    assert {other.url, "/tin-tuc/", "/"} <= paths(purged)


def test_a_changed_legal_document_purges_the_procedures_citing_it(
    purged, home_page, django_capture_on_commit_callbacks
):
    document = make_document("60/2014/QH13", "Luật Hộ tịch", type_name="Luật")
    make_procedures(
        record(
            "1.001193",
            "Đăng ký khai sinh",
            legal_basis=[{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
        )
    )
    purged.clear()
    purging.discard_pending()
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Luật Hộ tịch (sửa)"
        document.save_revision().publish()
    assert {document.url, "/van-ban/", "/thu-tuc/1.001193/"} <= paths(purged)
    purged.clear()
    procedure = ProcedureIndexPage.objects.get().get_children().specific().get()
    with django_capture_on_commit_callbacks(execute=True):
        procedure.save_revision().publish()
    assert {"/thu-tuc/1.001193/", "/thu-tuc/", document.url} <= paths(purged)


def test_moves_sections_settings_and_vocabularies_purge_everything(
    purged, home_page, django_capture_on_commit_callbacks
):
    # "/*" purges everything (Wagtail's own handler may also purge the page itself).
    with django_capture_on_commit_callbacks(execute=True):
        NewsIndexPage.objects.get().save_revision().publish()
    assert "/*" in paths(purged)
    purged.clear()
    purging.discard_pending()
    with django_capture_on_commit_callbacks(execute=True):
        portal = PortalSettings.objects.get()
        portal.office_phone = "0277 3 123 456"
        portal.save()
    assert "/*" in paths(purged)
    purged.clear()
    purging.discard_pending()
    with django_capture_on_commit_callbacks(execute=True):
        make_category("Một chuyên mục mới")
    assert "/*" in paths(purged)
    purged.clear()
    category = make_category()
    plan = make_article(category=category)
    target = make_article(category=category)
    purged.clear()
    purging.discard_pending()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=plan.pk).move(Page.objects.get(pk=target.pk), "last-child")
    assert "/*" in paths(purged)


def test_one_purge_per_transaction_however_many_pages(
    purged, home_page, django_capture_on_commit_callbacks
):
    make_procedures(record("9.100000", "Thủ tục đầu"))  # creates the field and agency
    purging.discard_pending()
    generations = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_procedures(*[record(f"9.{n:06d}", f"Thủ tục {n}") for n in range(5)])
    assert callbacks and not purged, "the purge waits for the commit"
    assert [c for c in callbacks if c is purging.flush] == [purging.flush], "once per commit"
    for callback in callbacks:
        callback()
        generations.append(content_generation())
    assert len(set(generations)) == 1, "one flush, the other callbacks find nothing"
    assert "/*" not in paths(purged)
    assert {"/thu-tuc/9.000000/", "/thu-tuc/9.000004/", "/thu-tuc/", "/"} <= paths(purged)


def test_nothing_is_sent_without_a_configured_proxy(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(category=make_category())
    assert purging._state.pending is None


# Shared fragments --------------------------------------------------------------------------


def test_navigation_and_footer_follow_publishing_and_settings(
    client, home_page, django_capture_on_commit_callbacks
):
    client.get("/")
    news_index = NewsIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        news_index.title = "Tin cải cách"
        news_index.save_revision().publish()
    nav = BeautifulSoup(client.get("/").content, "html.parser").select_one(".main-nav")
    assert "Tin cải cách" in nav.get_text()
    with django_capture_on_commit_callbacks(execute=True):
        portal = PortalSettings.objects.get()
        portal.office_hotline = "1900 1234"
        portal.save()
    assert "1900 1234" in client.get("/").content.decode()


def test_catalogue_facets_follow_a_new_procedure(
    client, home_page, django_capture_on_commit_callbacks
):
    make_procedures(record("1.001193", "Đăng ký khai sinh"))

    def field_options():
        page = BeautifulSoup(client.get("/thu-tuc/").content, "html.parser")
        return {o.get_text(" ", strip=True) for o in page.select("select[name=linh-vuc] option")}

    before = field_options()
    assert not any("Doanh nghiệp" in o for o in before)
    with django_capture_on_commit_callbacks(execute=True):
        make_procedures(record("2.002044", "Thành lập công ty", field="Doanh nghiệp"))
    assert any("Doanh nghiệp" in o for o in field_options())


def test_catalogue_facet_counts_stay_right_after_publishing(
    client, home_page, django_capture_on_commit_callbacks
):
    """The counts come from Django's cache; every publish or unpublish must recount them, for
    the unfiltered catalogue and for a filtered one alike."""
    make_procedures(
        record("1.001193", "Đăng ký khai sinh"),
        record("2.002044", "Thành lập công ty", field="Doanh nghiệp", levels=["cap_tinh"]),
    )

    def counts(url, name):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        options = page.select(f"select[name={name}] option")
        return {o.get_text(" ", strip=True) for o in options if o.get("value")}

    fields, levels_in_civil_status = (
        ("/thu-tuc/", "linh-vuc"),
        ("/thu-tuc/?linh-vuc=ho-tich", "cap"),
    )
    assert counts(*fields) == {"Hộ tịch (1)", "Doanh nghiệp (1)"}
    assert counts(*levels_in_civil_status) == {"Cấp xã (1)"}
    assert counts(*fields) == {"Hộ tịch (1)", "Doanh nghiệp (1)"}  # now from the cache

    with django_capture_on_commit_callbacks(execute=True):
        added = make_procedures(record("1.000894", "Đăng ký kết hôn", levels=["cap_tinh"]))
    assert counts(*fields) == {"Hộ tịch (2)", "Doanh nghiệp (1)"}
    assert counts(*levels_in_civil_status) == {"Cấp xã (1)", "Cấp tỉnh (1)"}

    with django_capture_on_commit_callbacks(execute=True):
        added["1.000894"].unpublish()
    assert counts(*fields) == {"Hộ tịch (1)", "Doanh nghiệp (1)"}
    assert counts(*levels_in_civil_status) == {"Cấp xã (1)"}


def test_frame_costs_no_query_once_cached(client, home_page):
    article = make_article(category=make_category())
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(article.url)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "home_portalsettings" not in tables and "home_footerlink" not in tables
    assert "wagtailcore_site" not in tables


def test_processes_without_a_shared_cache_learn_of_changes_from_a_file(settings, tmp_path):
    """gunicorn workers with the per-process memory cache: a change in one reaches all."""
    from base.cache import bump_generation

    settings.PORTAL_GENERATION_FILE = tmp_path / "content-generation"
    first = content_generation()
    assert content_generation() == first
    bump_generation()
    second = content_generation()
    assert second != first
    # Another process bumps: it rewrites the file.
    import os

    os.utime(settings.PORTAL_GENERATION_FILE, ns=(1, 1))
    assert content_generation() not in (first, second)
