"""HTTP caching of public pages, and Django's cache for what every page shares.

Two layers, both invalidated by `base.purging` when content changes:

- `CacheHeadersMiddleware` marks what a shared cache (Varnish, see `deploy/varnish/`) may keep:
  anonymous GET and HEAD requests get `Cache-Control: public, max-age=0, s-maxage=N` and an
  ETag, without `Vary: Cookie`; everything personal (a session cookie, a response that sets
  a cookie or uses the CSRF token, the admin, previews, POST) gets `private, no-cache,
  no-store`. Each public response names the Wagtail page that owns it in `X-Cache-Owner`
  so that purging a page also drops its query-string variants and sub-routes.
- `shared()` keeps expensive, shared fragments (the navigation, the portal settings and
  footer, a catalogue's facet counts and filter options) in Django's cache under the current
  content generation; `bump_generation()` makes every one of them stale at once.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http.request import split_domain_port
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from wagtail.models import Site

logger = logging.getLogger(__name__)

# Responses a shared cache may keep: success, permanent redirects, "not found".
CACHEABLE_STATUSES = {200, 203, 301, 404, 410}
# Paths that are never cached, whoever asks: the editors' admin (where previews live too),
# Django's admin, documents (which may sit in private collections), the health check.
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/healthz")
OWNER_HEADER = "X-Cache-Owner"
# Views outside the page tree (sitemap, feeds, search, exports) belong to the site root:
# they change whenever anything is published, and so does the home page.
ROOT_OWNER = "/"


def shared_cache_seconds() -> int:
    return int(getattr(settings, "PORTAL_SHARED_CACHE_SECONDS", 60))


def is_personal(request) -> bool:
    """True when the answer may depend on who asks (a session, credentials)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def is_public(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in CACHEABLE_STATUSES
        and not request.path.startswith(UNCACHED_PREFIXES)
        and not is_personal(request)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "is_preview", False)
    )


def _drop_vary(response, names):
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() not in names]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class CacheHeadersMiddleware:
    """Sets the caching headers described in the module docstring.

    Sits right after WhiteNoise (static files keep WhiteNoise's own headers) and before the
    session, locale and CSRF middleware, so that it sees the `Vary` headers they add.
    A view that sets `Cache-Control` itself keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_site(request)
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if not is_public(request, response):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response
        # An anonymous visitor without a session sees the same page as every other one: the
        # session was only read to find that nobody is logged in (Wagtail's user bar), and
        # the site speaks one language.
        names = {"cookie"}
        if len(settings.LANGUAGES) == 1:
            names.add("accept-language")
        _drop_vary(response, names)
        # Browsers revalidate pages (max-age=0); a view may let them keep its answer a while
        # (request.browser_max_age: the API) since the proxy's copy is purged on publish anyway.
        max_age = getattr(request, "browser_max_age", 0)
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared_cache_seconds())
        response[OWNER_HEADER] = getattr(request, "cache_owner", ROOT_OWNER)
        if not response.streaming and response.status_code == 200:
            set_response_etag(response)
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        return response


def remember_site(request):
    """Find the request's Wagtail Site (with its root page) in Django's cache, not the database.

    Wagtail looks for it on every request (`Site.find_for_request`, cached on the request).
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return  # answered with a 400 further down
    hostname, port = split_domain_port(host)
    key = f"site:{hostname}:{port or request.get_port()}"

    def load():
        site = Site.find_for_request(request)
        if site is not None:
            # Loaded now, as the specific page Wagtail's serve view routes from.
            site.root_page = site.root_page.specific
        return site

    try:
        request._wagtail_site = shared(key, load, request=request)
    except DatabaseError:
        # The database is down: leave the lookup to the view, where the outage middleware
        # answers with the 503 page (and /healthz says which service failed).
        return


def mark_owner(request, page):
    """Record the Wagtail page a response belongs to (called before Wagtail serves it)."""
    url = page.get_url(request=request)
    if url and url.startswith("/"):
        request.cache_owner = url


# Shared fragments ---------------------------------------------------------------------------

GENERATION_KEY = "portal:content-generation"


def _per_process_cache() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _generation_file() -> Path | None:
    """Where processes without a shared cache learn of changes: a file's modification time.

    With Redis every process reads the generation from the cache. With the per-process
    memory cache (the embedded default, or gunicorn without REDIS_URL) a change made in one
    process (a publish in the admin, a command) must still reach the others on the machine:
    they compare the modification time of this file, one `stat` per request.
    """
    path = getattr(settings, "PORTAL_GENERATION_FILE", None)
    return Path(path) if path and _per_process_cache() else None


def fragment_seconds() -> int | None:
    """How long a fragment may live at most.

    Every change makes them stale anyway; the limit only frees the cache of the fragments
    of past generations.
    """
    return getattr(settings, "PORTAL_FRAGMENT_CACHE_SECONDS", 3600)


def content_generation() -> str:
    path = _generation_file()
    if path is not None:
        try:
            return str(path.stat().st_mtime_ns)
        except FileNotFoundError:
            bump_generation()
            return str(path.stat().st_mtime_ns)
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = str(time.time_ns())
        cache.add(GENERATION_KEY, generation, None)
        # None again when the cache is down: every fragment is then built afresh.
        generation = cache.get(GENERATION_KEY) or generation
    return generation


def bump_generation() -> None:
    """Make every shared fragment stale (content, settings or a vocabulary changed)."""
    path = _generation_file()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(str(time.time_ns()))
            return
        except OSError:
            logger.exception("Cannot write %s; other processes keep stale fragments", path)
    cache.set(GENERATION_KEY, str(time.time_ns()), None)


def shared(name: str, build, *, request=None):
    """The value of fragment `name` for the current content, built once and shared.

    `build` must return something picklable (plain data, model instances without open
    querysets). With `request`, the generation is read once per request.
    """
    generation = getattr(request, "_portal_generation", None) if request is not None else None
    if generation is None:
        generation = content_generation()
        if request is not None:
            request._portal_generation = generation
    key = f"portal:fragment:{generation}:{name}"
    # Stored in a one-item tuple: a cache that cannot answer (Redis down, with django-redis
    # ignoring the error) returns None instead of the default, and must read as a miss.
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 1:
        return stored[0]
    value = build()
    cache.set(key, (value,), fragment_seconds())
    return value
