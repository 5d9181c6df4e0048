"""SQLite as configured for development survives editors submitting at the same time.

Each worker thread opens its own connection with the settings' SQLITE_OPTIONS and runs
read-then-write transactions, the pattern of a page submit (read the page, write a revision),
which in SQLite's default deferred mode fails at once with "database is locked" when another
connection holds the write lock.
"""

import threading
import time

import pytest
from django.db import connections, transaction

from portal.settings.base import SQLITE_OPTIONS

ALIAS = "concurrency_check"
WORKERS = 8
SUBMITS_PER_WORKER = 15


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "concurrency.sqlite3"),
        "OPTIONS": SQLITE_OPTIONS,
    }
    configured = connections.configure_settings({"default": database, ALIAS: database})
    connections.settings[ALIAS] = configured[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute(
                "CREATE TABLE revision (id INTEGER PRIMARY KEY, page INTEGER, n INTEGER)"
            )
        connections[ALIAS].close()
        yield ALIAS
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def test_wal_mode_and_busy_timeout_are_on(sqlite_file, django_db_blocker):
    with django_db_blocker.unblock(), connections[sqlite_file].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000


def test_concurrent_submits_do_not_fail_with_database_is_locked(sqlite_file, django_db_blocker):
    errors = []

    def submit_many(worker):
        try:
            for _n in range(SUBMITS_PER_WORKER):
                with (
                    transaction.atomic(using=sqlite_file),
                    connections[sqlite_file].cursor() as cursor,
                ):
                    cursor.execute("SELECT count(*) FROM revision WHERE page = %s", [worker])
                    (count,) = cursor.fetchone()
                    time.sleep(0.002)  # the work between reading and writing
                    cursor.execute(
                        "INSERT INTO revision (page, n) VALUES (%s, %s)", [worker, count + 1]
                    )
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections[sqlite_file].close()

    with django_db_blocker.unblock():
        threads = [threading.Thread(target=submit_many, args=(w,)) for w in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with connections[sqlite_file].cursor() as cursor:
            cursor.execute("SELECT count(*), max(n) FROM revision")
            total, highest = cursor.fetchone()

    assert errors == []
    assert total == WORKERS * SUBMITS_PER_WORKER
    assert highest == SUBMITS_PER_WORKER  # each worker's reads saw its own committed writes
