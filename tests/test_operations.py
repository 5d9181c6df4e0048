"""What an operator relies on: /healthz, a 503 page for a database outage, one log line per
outage rather than a traceback per request."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from base import outage
from search.engines import elasticsearch as es

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_state():
    outage._down.clear()
    es.reset_clients()
    yield
    outage._down.clear()
    es.reset_clients()


def test_healthz_reports_each_service(client, home_page):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "search"}
    assert all(check["ok"] for check in data["checks"].values())
    assert data["checks"]["search"]["engine"] == "database"
    assert data["checks"]["cache"]["backend"] == "LocMemCache"


@override_settings(ELASTICSEARCH_URL="http://elastic:s3cret-pass@127.0.0.1:9")
def test_healthz_names_the_failing_service_without_secrets(client, home_page, settings, caplog):
    with caplog.at_level(logging.ERROR):
        response = client.get("/healthz")
        client.get("/healthz")
    # The public search answers from the database meanwhile: the server stays in service.
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "degraded"
    assert data["checks"]["database"]["ok"] and data["checks"]["cache"]["ok"]
    assert data["checks"]["search"] == {
        "ok": False,
        "error": data["checks"]["search"]["error"],
        "ms": data["checks"]["search"]["ms"],
    }
    body = response.content.decode()
    for secret in ("s3cret", "127.0.0.1:9", settings.SECRET_KEY):
        assert secret not in body
    # Two failing probes, one log line.
    assert caplog.text.count("search unavailable") == 1


def _database_down(*args, **kwargs):
    raise OperationalError('connection to server at "db.internal" (10.0.0.9), port 5432 failed')


def test_database_outage_is_a_vietnamese_503_logged_once(client, home_page, caplog):
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", _database_down),
        caplog.at_level(logging.INFO),
    ):
        responses = [client.get(path) for path in ("/", "/thu-tuc/", "/tin-tuc/")]
    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"]
        assert response["Cache-Control"] == "no-store"
        text = response.content.decode()
        assert "Cổng thông tin tạm thời gián đoạn" in text
        assert "db.internal" not in text
    assert caplog.text.count("database unavailable") == 1
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.name == "django.request"]

    # Back up: pages answer again and the recovery is logged once.
    with caplog.at_level(logging.INFO):
        assert client.get("/").status_code == 200
    assert "database available again" in caplog.text


def test_healthz_with_the_database_down_is_a_json_503(client, home_page):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", _database_down):
        response = client.get("/healthz")
    assert response.status_code == 503
    data = json.loads(response.content)
    assert data["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": data["checks"]["database"]["ms"],
    }


def test_database_error_outside_a_view_still_gets_the_503_page(rf):
    from home.views import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert "tạm thời gián đoạn" in response.content.decode()


def test_elasticsearch_client_is_made_once_per_process(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    first = es.ElasticsearchEngine.from_settings()
    second = es.ElasticsearchEngine.from_settings()
    assert first.client is second.client


def test_healthz_answers_json_when_the_site_lookup_is_not_cached(client, home_page):
    """A fresh worker has no Site in Django's cache: the cache middleware's lookup must not
    turn the outage into the HTML 503 page before /healthz can say what failed."""
    from django.core.cache import cache

    cache.clear()
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", _database_down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["checks"]["database"]["ok"] is False
