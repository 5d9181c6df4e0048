"""No input gives a 5xx or reflects markup: the bounded fuzz run of tests/fuzz.py.

Runs on SQLite and, in CI (scripts/test with TEST_DATABASE_URL), again on PostgreSQL, where a
NUL byte in a slug or code used to fail the query. Set FUZZ_REPORT=path to have the counts
written as JSON (bench/fuzz_bench.py does).
"""

import json
import os

import pytest
from django.core.management import call_command
from django.test import Client

from tests import fuzz


@pytest.fixture
def demo_site(db, home_page):
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_no_input_gives_a_server_error_or_unescaped_markup(demo_site, settings):
    settings.RATE_LIMITS = []  # the fuzz run is one client sending thousands of requests
    client = Client(raise_request_exception=False)
    targets = fuzz.public_targets()
    result = fuzz.run(client, targets)

    if report := os.environ.get("FUZZ_REPORT"):
        from django.db import connection

        with open(report, "w") as out:
            json.dump(
                {
                    "database": connection.vendor,
                    "targets": len(targets),
                    "requests": result.requests,
                    "server_errors": len(result.server_errors),
                    "reflections": len(result.reflections),
                    "first_errors": result.server_errors[:20],
                },
                out,
                ensure_ascii=False,
            )
    assert result.requests >= 2000
    assert len(targets) >= 30
    assert result.server_errors == []
    assert result.reflections == []
