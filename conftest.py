"""Fixtures shared by every test in the repository: the site frame and a headless browser.

Browser tests drive Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through
Playwright; they skip with the reason where Chromium is missing, unless REQUIRE_BROWSER=1
(as in CI), where a missing browser fails the run instead of hiding the tests.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that browser
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the site frame once per test database; each test's transaction rolls back to it."""
    with django_db_blocker.unblock():
        from home.demo import load_home

        load_home("Đồng Tháp")


@pytest.fixture
def home_page(db):
    """The published home page with its section pages and settings, as the demo frame makes.

    Transactional tests (browser tests) flush the database, so the frame is rebuilt when gone.
    """
    from home.demo import load_home
    from home.models import HomePage

    return HomePage.objects.first() or load_home("Đồng Tháp")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        message = f"Chromium not found at {CHROMIUM_PATH}: install Debian's chromium package"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh tab at phone-friendly desktop size; tests resize it as they need."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
