"""Request-level guards every view relies on, in the order they run.

1. `TrustedProxyMiddleware`: the client's address and scheme come from the caching proxy's
   X-Forwarded-* headers only when the request really arrives from a configured proxy
   (settings.TRUSTED_PROXIES); from anyone else those headers are removed. Everything that
   keys on the address (login lockouts, rate limits) reads REMOTE_ADDR afterwards.
2. `ParameterCleaningMiddleware`: see `base.params`; a bad path is a 404, a bad parameter a
   400, both in Vietnamese, before any view or query runs.
3. `RateLimitMiddleware`: search, suggestions and exports per address (django-ratelimit,
   counted in the shared cache), a Vietnamese 429 beyond the limit.

And `DatabaseOutageMiddleware`: a database outage answered with a Vietnamese 503 page, logged
once, not a 500 per request.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cached_property

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import is_ratelimited

from base import params
from base.outage import report_failure, report_recovery
from base.views import bad_request

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def _networks(entries) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry]


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def proxies(self):
        return _networks(getattr(settings, "TRUSTED_PROXIES", []))

    def _trusted(self, address) -> bool:
        return address is not None and any(address in network for network in self.proxies)

    def __call__(self, request):
        meta = request.META
        peer = _address(meta.get("REMOTE_ADDR", ""))
        if self._trusted(peer):
            # Walk the chain from the nearest hop back; the first address that is not one of
            # our proxies is the client. Earlier entries are whatever the client claimed.
            hops = [h for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
            for hop in reversed(hops):
                address = _address(hop)
                if address is None:
                    break
                meta["REMOTE_ADDR"] = str(address)
                if not self._trusted(address):
                    break
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


def client_ip(request) -> str:
    """The client's address, as TrustedProxyMiddleware left it (used by axes and limits)."""
    return request.META.get("REMOTE_ADDR", "")


class ParameterCleaningMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if params.bad_path(request.path):
            raise Http404("bad path")
        # Cookies with control characters are noise from a client, never ours: drop them
        # before the session and CSRF code look them up.
        for name in [n for n, v in request.COOKIES.items() if params.has_control(n + v)]:
            del request.COOKIES[name]
        if len(request.META.get("QUERY_STRING", "")) > params.MAX_QUERY_STRING_LENGTH:
            return bad_request(request, "Địa chỉ quá dài.")
        try:
            if request.path.startswith("/admin/"):
                # The admin has its own long parameters (next=..., ids); only the characters
                # that break a database query are refused there.
                for name, value in request.GET.items():
                    if params.has_control(name + value):
                        raise params.BadParameter("Tham số chứa ký tự điều khiển, không hợp lệ.")
            else:
                cleaned = params.clean_params(request.GET)
                if cleaned is not None:
                    request.GET = cleaned
        except params.BadParameter as error:
            return bad_request(request, error.message)
        return self.get_response(request)


class RateLimitMiddleware:
    """Limits per client address for the expensive public GETs, from settings.RATE_LIMITS.

    RATE_LIMITS is a list of (name, regex, rate such as "60/m"), the regex searched in the path
    with its query string (exports are also `?dinh-dang=csv`); the first match counts.
    Responses the caching proxy serves never reach here, so only uncached work is counted.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.rules = [
            (name, re.compile(pattern), rate)
            for name, pattern, rate in getattr(settings, "RATE_LIMITS", [])
        ]

    def __call__(self, request):
        target = request.get_full_path()
        for name, pattern, rate in self.rules:
            if pattern.search(target):
                if is_ratelimited(
                    request,
                    group=f"portal.{name}",
                    key=lambda group, request: client_ip(request),
                    rate=rate,
                    increment=True,
                ):
                    response = bad_request(
                        request,
                        "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. "
                        "Vui lòng đợi một phút rồi thử lại.",
                        status=429,
                    )
                    response["Retry-After"] = "60"
                    return response
                break
        return self.get_response(request)


DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable() -> HttpResponse:
    """The 503 page; rendered without the request, so nothing in it touches the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once by base.outage; Django's request log would add a line per request.
    response._has_been_logged = True
    return response


class DatabaseOutageMiddleware:
    """Turns "the database is unreachable" (raised by a view or while rendering its template)
    into a 503 with Retry-After, and logs the outage and its end once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 500:
            report_recovery("database")
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            report_failure("database", exception)
            return service_unavailable()
        return None
