"""`/healthz`: can this app server answer? Database, cache and search engine, as JSON.

For load balancers, monitoring and the operator's first look. 200 when every check passes
("ok") or only the cache fails ("degraded": pages are built without it), 503 otherwise.
It says which check failed and the kind of error, never an address, a password or a
message that could hold one; the details go to the log (once, base.outage).
"""

from __future__ import annotations

import secrets
import time

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from base.outage import report_failure, report_recovery
from search.engines.base import get_engine


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"engine": connection.vendor}


class CacheUnavailable(Exception):
    """The cache did not give back what was just stored (Redis down, errors ignored)."""


def _cache() -> dict:
    cache = caches["default"]
    token = secrets.token_hex(8)
    cache.set("healthz", token, 30)
    if cache.get("healthz") != token:
        raise CacheUnavailable("cache did not return what was stored")
    return {"backend": type(cache).__name__}


def _search() -> dict:
    engine = get_engine()
    if engine.name != "database":
        engine.check_mapping()  # an index built for other code is not searched
    return {"engine": engine.name, "documents": engine.count()}


CHECKS = {"database": _database, "cache": _cache, "search": _search}
# Without these the site still serves every page, only slower: "degraded", still a 200 so
# that a load balancer keeps the server. Without Elasticsearch the search answers from the
# database engine (search.service); taking every server out would take the site down.
DEGRADED_WITHOUT = {"cache", "search"}


@never_cache
@require_GET
def healthz(request):
    results, failed = {}, set()
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            result = {"ok": True, **check()}
            report_recovery(name)
        except Exception as error:
            report_failure(name, error)
            result = {"ok": False, "error": type(error).__name__}
            failed.add(name)
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[name] = result
    if not failed:
        status = "ok"
    elif failed <= DEGRADED_WITHOUT:
        status = "degraded"
    else:
        status = "error"
    response = JsonResponse(
        {"status": status, "checks": results}, status=503 if status == "error" else 200
    )
    # The failure is logged once by base.outage; Django would add a line per probe.
    response._has_been_logged = True
    return response
