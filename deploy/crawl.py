"""Crawl the site as served and fail on what a visitor would trip over.

    python deploy/crawl.py ORIGIN [--max-pages N] [--no-assets]

ORIGIN is where the site is served, as `scripts/dev` prints it or the public base URL.

Starting from `/`, `/robots.txt`, `/sitemap.xml` and every feed a page advertises, it fetches
every page of the site it can reach and reports:

- a page that does not answer 200 (redirects are followed when they stay on the site);
- Wagtail's placeholder page ("Welcome to your new Wagtail site!"): nothing set the site up;
- a link to the site itself on another host or port (a loopback name on port 80, the test
  client's "testserver"): what a Site record or hard-coded host produces when the site is served
  elsewhere;
- an asset, form, canonical/og:url, feed, sitemap or JSON-LD URL on any other host: those
  must be the site's own (links to other sites are fine only as `<a href>` and in exports).

Only the standard library, so that it runs from any Python 3.11 without the project's
requirements (CI uses it against gunicorn, the tests against a live server).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import sys
import urllib.error
import urllib.request
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

PLACEHOLDER = "Welcome to your new Wagtail site"
SKIP_PREFIXES = ("/admin/", "/django-admin/")
# Query-string variants (filters, sorting, pages) are many; a few per path show they work.
QUERY_VARIANTS_PER_PATH = 3
RESOURCE_TAGS = {"img": "src", "script": "src", "source": "src", "iframe": "src", "video": "src"}
SAME_SITE_LINK_RELS = {
    "stylesheet",
    "icon",
    "canonical",
    "alternate",
    "manifest",
    "preload",
    "apple-touch-icon",
}
SAME_SITE_META = {"og:url", "og:image", "twitter:image"}
JSON_LD_URL_KEYS = {"url", "@id", "image", "logo"}


# Characters a URL may carry as they are; everything else is percent-encoded before fetching.
URL_SAFE = "/:?&=%#+,;@!$'()*~[]"


@dataclass
class Report:
    origin: str
    fetched: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(self.fetched.values())

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


class _Links(HTMLParser):
    """Links in a page, each as (url, same_site_required, description)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, bool, str]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.found.append((a["href"], False, "<a href>"))
        elif tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            self.found.append((a["href"], bool(rels & SAME_SITE_LINK_RELS), f"<link rel={rels}>"))
        elif tag == "form" and a.get("method", "get").lower() == "post":
            # Checked to be on this site, never fetched: a GET to a POST endpoint says nothing.
            self.found.append((a.get("action") or "", True, "<form method=post action>"))
        elif tag == "form":
            self.found.append((a.get("action") or "", True, "<form action>"))
        elif tag == "meta" and a.get("property", a.get("name", "")) in SAME_SITE_META:
            self.found.append((a.get("content", ""), True, f"<meta {a.get('property')}>"))
        elif tag in RESOURCE_TAGS and a.get(RESOURCE_TAGS[tag]):
            self.found.append((a[RESOURCE_TAGS[tag]], True, f"<{tag} src>"))
        if a.get("srcset"):
            for candidate in a["srcset"].split(","):
                if candidate.strip():
                    self.found.append((candidate.split()[0], True, f"<{tag} srcset>"))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_json_ld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append("".join(self._buffer))


def _json_ld_urls(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _json_ld_urls(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _json_ld_urls(v, key)
    elif isinstance(value, str) and key in JSON_LD_URL_KEYS:
        yield value


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Crawler:
    def __init__(
        self, origin: str, max_pages: int = 2000, timeout: float = 30, fetch_assets: bool = True
    ):
        parts = urlsplit(origin)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.host, self.port = parts.hostname, parts.port
        self.max_pages = max_pages
        self.fetch_assets = fetch_assets
        self.timeout = timeout
        self.report = Report(self.origin)
        self.seen: set[str] = set()
        self.variants: Counter = Counter()
        self.queue: deque[tuple[str, str]] = deque()
        self.opener = urllib.request.build_opener(_NoRedirect)

    # -- classification ------------------------------------------------------------------

    def is_ours(self, url: str) -> bool:
        return url.startswith(self.origin + "/") or url == self.origin

    def looks_like_us_elsewhere(self, url: str) -> bool:
        """An absolute URL that points at this site, but on a host or port it is not served on."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host == (self.host or "").lower():
            return True  # same host, another port or scheme
        if host in {"localhost", "testserver"} or "." not in host:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return address.is_loopback or address.is_private or address.is_unspecified

    def check_url(self, raw: str, base: str, same_site: bool, what: str) -> str | None:
        """Report a bad URL; return the absolute URL of ours to crawl, else None."""
        raw = raw.strip()
        if raw.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
            return None
        url = urldefrag(urljoin(base, raw))[0]
        if urlsplit(url).scheme not in {"http", "https"}:
            return None
        if self.is_ours(url):
            return url
        if self.looks_like_us_elsewhere(url):
            self.report.fail(base, f"{what} points to another host or port: {raw}")
        elif same_site:
            self.report.fail(base, f"{what} must be on this site: {raw}")
        return None

    # -- crawling ------------------------------------------------------------------------

    def enqueue(self, url: str | None, referrer: str) -> None:
        if url is None or url in self.seen:
            return
        parts = urlsplit(url)
        if parts.path.startswith(SKIP_PREFIXES):
            return
        if parts.query:
            self.variants[parts.path] += 1
            if self.variants[parts.path] > QUERY_VARIANTS_PER_PATH:
                return
        self.seen.add(url)
        self.queue.append((url, referrer))

    def fetch(self, url: str, referrer: str, hops: int = 0):
        # Only http(s) URLs of the crawled origin reach here (is_ours). Non-ASCII characters
        # in a link (a search for "khai sinh" with diacritics) are percent-encoded, as a
        # browser does before sending the request.
        encoded = quote(url, safe=URL_SAFE)
        request = urllib.request.Request(encoded, headers={"User-Agent": "cchc-crawl"})  # noqa: S310
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location")
            if error.code in {301, 302, 303, 307, 308} and location and hops < 5:
                target = urljoin(url, location)
                if not self.is_ours(target):
                    self.report.fail(url, f"redirects off the site to {location}")
                    return None
                return self.fetch(target, referrer, hops + 1)
            self.report.fail(url, f"answers {error.code} (linked from {referrer})")
        except (urllib.error.URLError, TimeoutError) as error:
            self.report.fail(url, f"cannot be fetched: {error} (linked from {referrer})")
        return None

    def run(self) -> Report:
        for path in ("/", "/robots.txt", "/sitemap.xml"):
            self.enqueue(self.origin + path, "start")
        while self.queue and self.report.pages < self.max_pages:
            url, referrer = self.queue.popleft()
            result = self.fetch(url, referrer)
            if result is None:
                continue
            status, content_type, body = result
            self.report.fetched[content_type] += 1
            if status != 200:
                self.report.fail(url, f"answers {status}")
            text = body.decode("utf-8", errors="replace")
            if content_type == "text/html":
                self.parse_html(url, text)
            elif content_type in {"application/xml", "text/xml"} or content_type.endswith("+xml"):
                self.parse_xml(url, body)
            elif content_type == "text/plain" and url.endswith("/robots.txt"):
                for line in text.splitlines():
                    if line.lower().startswith("sitemap:"):
                        link = line.split(":", 1)[1].strip()
                        self.enqueue(self.check_url(link, url, True, "robots.txt Sitemap"), url)
            elif content_type in {"application/json", "text/csv"}:
                # Exports may name other sites (online services, sources), never ours elsewhere.
                for link in re.findall(r"https?://[^\s\"',<>]+", text):
                    self.check_url(link, url, False, "export URL")
        if self.queue:
            self.report.fail(self.origin, f"stopped after {self.max_pages} pages")
        return self.report

    def parse_html(self, url: str, text: str) -> None:
        if PLACEHOLDER in text:
            self.report.fail(url, "is Wagtail's placeholder page: the site is not set up")
        parser = _Links()
        parser.feed(text)
        for link, same_site, what in parser.found:
            if what.startswith("<form") and not link:
                continue  # posts to the page itself
            target = self.check_url(link, url, same_site, what)
            if what == "<form method=post action>":
                continue
            if what.startswith(("<a", "<link", "<form")):
                self.enqueue(target, url)
            elif self.fetch_assets:
                self.enqueue(target, url)  # assets: fetched once, so a 404 shows
        for block in parser.json_ld:
            try:
                data = json.loads(block)
            except ValueError:
                self.report.fail(url, "has JSON-LD that is not valid JSON")
                continue
            for link in _json_ld_urls(data):
                self.check_url(link, url, True, "JSON-LD url")

    def parse_xml(self, url: str, body: bytes) -> None:
        try:
            root = ElementTree.fromstring(body)  # noqa: S314 - the site under test's own output
        except ElementTree.ParseError as error:
            self.report.fail(url, f"is not well-formed XML: {error}")
            return
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "loc" or (tag in {"link", "id", "guid"} and element.text):
                link = (element.text or "").strip()
                if link.startswith(("http://", "https://")):
                    self.enqueue(self.check_url(link, url, True, f"<{tag}> in XML"), url)
            elif tag == "link" and element.get("href"):
                self.enqueue(self.check_url(element.get("href"), url, True, "<link href>"), url)


def crawl(origin: str, max_pages: int = 2000, fetch_assets: bool = True) -> Report:
    return Crawler(origin, max_pages=max_pages, fetch_assets=fetch_assets).run()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "origin",
        help="where the site is served (the address scripts/dev prints, or PORTAL_BASE_URL)",
    )
    parser.add_argument("--max-pages", type=int, default=2000)
    parser.add_argument(
        "--no-assets", action="store_true", help="check image and script URLs, do not fetch them"
    )
    args = parser.parse_args(argv)
    report = crawl(args.origin, args.max_pages, fetch_assets=not args.no_assets)
    kinds = ", ".join(f"{n} {kind}" for kind, n in report.fetched.most_common())
    print(f"crawled {report.pages} URLs on {report.origin} ({kinds})")
    for problem in report.problems:
        print("  FAIL", problem)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
