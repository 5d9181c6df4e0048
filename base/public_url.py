"""Absolute URLs, built in one place from one setting: the site's public base URL.

Pages link with root-relative URLs (`/thu-tuc/1.001193/`), which work on whatever host and
port the site is served from. A few formats need absolute URLs: feeds, the sitemap, canonical
and `og:url` links, JSON-LD, CSV/JSON exports, e-mails. They all come from `absolute_url()`:

- `settings.PORTAL_BASE_URL` (env `PORTAL_BASE_URL`, e.g. `https://cchc.dongthap.gov.vn`) is
  where the public reaches the site; production requires it;
- unset (development, tests), the request's own scheme and host are used, so links follow the
  address the site is actually served on (`scripts/dev` on any port, a test's live server);
- unset and without a request (a management command), `settings.WAGTAILADMIN_BASE_URL`.

Never build absolute URLs from the Wagtail `Site` record or a hard-coded host: the Site names
one host and port (the demo's used to say `localhost:80`), which is not where a development
server, a test's live server or gunicorn behind a proxy is reached.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed


def public_base_url(request=None) -> str:
    """`scheme://host[:port]` of the public site, without a trailing slash."""
    configured = getattr(settings, "PORTAL_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None and hasattr(request, "get_host"):
        return f"{request.scheme}://{request.get_host()}"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url: str, request=None) -> str:
    """`url` (root-relative) made absolute; URLs that already name a host are kept."""
    if not url:
        return url
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(public_base_url(request)).scheme}:{url}"
    return public_base_url(request) + (url if url.startswith("/") else f"/{url}")


def admin_absolute_url(path: str) -> str:
    """An admin path made absolute for an e-mail to editors: the admin's own base URL
    (`WAGTAILADMIN_BASE_URL`), which may differ from the public site's."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_path(page) -> str:
    """The page's root-relative URL, whatever the Site records say ("" when not routable).

    What search documents and JSON for the page's own scripts store: it works on every host.
    """
    parts = page.get_url_parts()
    return (parts[2] or "") if parts else ""


class PublicUrlPageMixin:
    """Wagtail pages whose full URL (sitemap, `fullpageurl`, `page.full_url`) uses the public
    base URL rather than the `Site` record's hostname and port."""

    def get_full_url(self, request=None):
        parts = self.get_url_parts(request=request)
        if parts is None or parts[2] is None:
            return None
        return absolute_url(parts[2], request)

    full_url = property(get_full_url)


class _PublicHostRequest:
    """The request as Django's feed framework sees it: host and scheme of the public site."""

    def __init__(self, request):
        self._request = request
        base = urlsplit(public_base_url(request))
        self._host = base.netloc
        self._secure = base.scheme == "https"

    def get_host(self):
        return self._host

    def is_secure(self):
        return self._secure

    def __getattr__(self, name):
        return getattr(self._request, name)


class PublicFeed(Feed):
    """A syndication feed whose links (channel, items, self) use the public base URL, as the
    sitemap and canonical links do; Django's own feeds would use the request's host."""

    def get_feed(self, obj, request):
        return super().get_feed(obj, _PublicHostRequest(request))
