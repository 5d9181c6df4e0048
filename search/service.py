"""What the views call: the configured engine, with the database engine as its fallback.

If Elasticsearch is configured but unreachable or answers with an error, the search is
answered from the database engine (whose entries every index update keeps, see
search/indexing.py) with a discreet notice, and the error is logged.
"""

from __future__ import annotations

import logging

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


def run_search(query: SearchQuery) -> SearchResults:
    engine = get_engine()
    try:
        results = engine.search(query)
        report_recovery(engine.name)
        return results
    except Exception as error:
        if engine.name == "database":
            raise
        # One log line per outage, not a traceback per search (base.outage).
        report_failure(engine.name, error)
    results = get_database_engine().search(query)
    results.notice = FALLBACK_NOTICE
    return results


def run_suggest(prefix: str, limit: int = 8) -> list[Suggestion]:
    engine = get_engine()
    try:
        return engine.suggest(prefix, limit)
    except Exception as error:
        if engine.name == "database":
            raise
        report_failure(engine.name, error)
    return get_database_engine().suggest(prefix, limit)


def known_values(name: str) -> set[str]:
    """Facet values the index holds (the database engine's copy is always complete)."""
    return get_database_engine().facet_values(name)
