"""A database outage answered with a Vietnamese 503 page, logged once, not a 500 per request."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from base.outage import report_failure, report_recovery

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
