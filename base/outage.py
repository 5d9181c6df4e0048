"""Failures of a service the site depends on (database, cache, search engine), logged once.

When PostgreSQL or Elasticsearch is down every request fails the same way, and a traceback per
request buries the one line an operator needs. `report_failure(service, error)` logs the first
failure with its cause on one line, then at most one reminder a minute saying how many
requests failed since; `report_recovery(service)` logs once when the service works again.
State is per process (each gunicorn worker says it once).
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger("portal.outage")
REMINDER_SECONDS = 60

_lock = threading.Lock()
_down: dict[str, dict] = {}  # service -> {"since", "logged", "failures"}


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def report_failure(service: str, error: BaseException) -> None:
    now = time.monotonic()
    with _lock:
        state = _down.get(service)
        if state is None:
            _down[service] = {"since": now, "logged": now, "failures": 1}
            logger.error("%s unavailable: %s", service, _describe(error))
            return
        state["failures"] += 1
        if now - state["logged"] < REMINDER_SECONDS:
            return
        failures, state["logged"] = state["failures"], now
    logger.error(
        "%s still unavailable after %ds (%d failures): %s",
        service,
        now - state["since"],
        failures,
        _describe(error),
    )


def report_recovery(service: str) -> None:
    if service not in _down:  # the usual case, without taking the lock
        return
    with _lock:
        state = _down.pop(service, None)
    if state is not None:
        logger.warning(
            "%s available again after %ds (%d failures)",
            service,
            time.monotonic() - state["since"],
            state["failures"],
        )


def is_down(service: str) -> bool:
    return service in _down


class ReportedOnce(logging.Filter):
    """A logging filter that turns a library's error records into `report_failure` calls.

    django-redis, told to ignore a Redis outage, logs every failed cache call with a
    traceback; attached to its logger (`DJANGO_REDIS_LOGGER`), this drops those records
    and reports the error once (then once a minute) as the `service` failure.
    """

    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        report_failure(self.service, error or RuntimeError(record.getMessage()))
        return False
