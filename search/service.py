"""What the views call: the configured engine, with the database engine as its fallback.

If Elasticsearch is configured but unreachable or answers with an error, the search is
answered from the database engine (whose entries every index update keeps, see
search/indexing.py) with a discreet notice, and the error is logged.

A circuit breaker keeps a hung cluster from costing more than one timeout: after a failure,
this process sends nothing to Elasticsearch for `SEARCH_ELASTICSEARCH_COOLDOWN` seconds
(default 30) and answers every search, suggestion and count from the database at once; the
first request after the pause tries Elasticsearch again. An index whose mapping version is
not this code's counts as such a failure: it is never searched (it may lack fields and
analyzers the queries use), and the log says to rebuild it.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

from base.outage import report_failure, report_recovery
from search.engines.base import (
    SearchQuery,
    SearchResults,
    Suggestion,
    get_database_engine,
    get_engine,
)

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Máy chủ tìm kiếm đang bận; kết quả dưới đây lấy từ cơ sở dữ liệu của cổng và có thể "
    "được sắp xếp khác thường lệ."
)


class CircuitBreaker:
    """Open (skip the remote engine) for `cooldown` seconds after a failure; per process."""

    def __init__(self):
        self._lock = threading.Lock()
        self.open_until = 0.0

    @property
    def cooldown(self) -> float:
        return float(getattr(settings, "SEARCH_ELASTICSEARCH_COOLDOWN", 30))

    def allows(self) -> bool:
        return time.monotonic() >= self.open_until

    def trip(self) -> None:
        with self._lock:
            self.open_until = time.monotonic() + self.cooldown

    def reset(self) -> None:
        with self._lock:
            self.open_until = 0.0


breaker = CircuitBreaker()


def _remote_engine():
    """The configured engine when it is Elasticsearch and the breaker lets it through."""
    if not breaker.allows():
        return None
    try:
        engine = get_engine()
    except Exception as error:
        # Settings that cannot work (search.E001): the database answers, the log says why once.
        breaker.trip()
        report_failure("elasticsearch", error)
        return None
    if engine.name == "database":
        return None
    try:
        # An index built for other code is not searched (search.engines.elasticsearch).
        engine.check_mapping()
    except Exception as error:
        breaker.trip()
        report_failure(engine.name, error)
        return None
    return engine


def check_at_startup() -> None:
    """Called once per process when it starts (portal/wsgi.py): with Elasticsearch
    configured, its settings and the live index's mapping version are checked now, and a
    problem is logged before the first visitor searches. Never raises."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        _remote_engine()


def run_search(query: SearchQuery) -> SearchResults:
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return get_database_engine().search(query)
    engine = _remote_engine()
    if engine is not None:
        try:
            results = engine.search(query)
            report_recovery(engine.name)
            return results
        except Exception as error:
            breaker.trip()
            # One log line per outage, not a traceback per search (base.outage).
            report_failure(engine.name, error)
    results = get_database_engine().search(query)
    results.notice = FALLBACK_NOTICE
    return results


def run_suggest(prefix: str, limit: int = 8) -> list[Suggestion]:
    engine = _remote_engine()
    if engine is not None:
        try:
            return engine.suggest(prefix, limit)
        except Exception as error:
            breaker.trip()
            report_failure(engine.name, error)
    return get_database_engine().suggest(prefix, limit)


def known_values(name: str) -> set[str]:
    """Facet values the index holds (the database engine's copy is always complete)."""
    return get_database_engine().facet_values(name)
