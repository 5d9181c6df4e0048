"""Redis down: the site answers every page without its cache (slower), never a 500.

The cache is the production one (`portal.settings.base.redis_cache`) pointed at a port where
nothing listens. Pages, search (rate-limited through the cache), the admin login (django-axes)
and a wrong password all answer; /healthz says the cache is degraded; the outage is logged
once, not a traceback per cache call.
"""

from __future__ import annotations

import json
import logging
import socket

import pytest

from base import outage
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the socket closes: nothing listens there


@pytest.fixture
def redis_down(settings, home_page):
    from portal.settings.base import redis_cache

    procedure = make_procedures(record("1.001193", "Đăng ký khai sinh"))["1.001193"]
    outage._down.clear()
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{closed_port()}/0")}
    yield procedure
    outage._down.clear()


def test_pages_are_served_with_redis_down(client, redis_down, caplog):
    with caplog.at_level(logging.INFO):
        for url in ["/", redis_down.url, "/thu-tuc/", "/tim-kiem/?q=khai+sinh", "/admin/login/"]:
            response = client.get(url)
            assert response.status_code == 200, url
        assert "Đăng ký khai sinh" in client.get(redis_down.url).content.decode()
        # A wrong admin password goes through django-axes: the form again, not a 500.
        response = client.post("/admin/login/", {"username": "ai-do", "password": "sai"})
        assert response.status_code == 200
    failures = [r for r in caplog.records if r.name == "portal.outage"]
    assert len(failures) == 1
    assert failures[0].getMessage().startswith("cache unavailable: ConnectionInterrupted")
    assert not [r for r in caplog.records if r.name == "portal.cache"]


def test_healthz_reports_the_cache_degraded(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["status"] == "degraded"
    assert data["checks"]["cache"] == {
        "ok": False,
        "error": "CacheUnavailable",
        "ms": data["checks"]["cache"]["ms"],
    }
    assert data["checks"]["database"]["ok"]
