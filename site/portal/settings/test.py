"""Tests: fast hashing, local-memory cache, the embedded search engine unless told otherwise."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - used by the test suite only
ALLOWED_HOSTS = ["*"]
if not os.environ.get("DATABASE_URL"):
    # Tests build their own database; checks run against an empty in-memory one.
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each test process keeps its fragments' generation in its own cache, not in a shared file.
PORTAL_GENERATION_FILE = None
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", BASE_DIR / "var" / "test-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PORTAL_BASE_URL = ""  # absolute URLs follow the test request's host
WAGTAILADMIN_BASE_URL = "http://testserver"
# Elasticsearch-backed tests opt in through ELASTICSEARCH_URL; everything else uses the
# embedded engine so that the suite needs no server.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = "cchc-test"
# Wagtail's own admin search index is not under test; keeping it current on every page save
# would only slow the suite.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.admin_search", "AUTO_UPDATE": False}}

# Rate-limit counters live in the per-process cache across tests: a test that exports once
# must not be refused because earlier tests in the same minute exported too. Tests of the
# limits themselves set their own RATE_LIMITS.
RATE_LIMITS = [(name, pattern, "100000/m") for name, pattern, _rate in RATE_LIMITS]  # noqa: F405
