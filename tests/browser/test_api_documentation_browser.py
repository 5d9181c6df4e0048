"""The open data API as its users meet it: the documentation page on a 360 px phone, reached
from the footer, and the API read by a script on another origin (CORS, in a real browser).

Screenshots go to $SCREENSHOT_DIR when it is set (for a person to look at), never asserted on.
"""

import io
import os

import pytest

from agencies.demo import load as load_agencies
from reform_statistics.demo import load as load_statistics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


@pytest.fixture
def site_url(live_server, home_page):
    load_agencies(home_page, io.StringIO())
    load_statistics(home_page, io.StringIO())
    return live_server.url


def _no_horizontal_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"


def test_documentation_page_on_a_phone(browser_page, site_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/")
    page.get_by_role("link", name="Dữ liệu mở: API cho nhà phát triển").click()
    page.wait_for_url("**/du-lieu-mo/api/")
    assert page.locator("h1").inner_text() == "API dữ liệu mở"
    _no_horizontal_scroll(page)
    assert page.locator(".api-endpoint").count() == 14
    answer = page.locator("#thong-ke details.api-answer").first
    answer.locator("summary").click()
    assert '"figures"' in answer.locator("pre").inner_text()
    _no_horizontal_scroll(page)  # long JSON lines scroll inside their box
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, "du-lieu-mo-api-360.png"), full_page=True)


@pytest.fixture
def foreign_page(browser):
    """A tab in a second Chromium that lets pages on one loopback name call the other: its
    local-network checks (a permission prompt in headless runs) would hide what CORS does."""
    from conftest import CHROMIUM_ARGS, CHROMIUM_PATH

    other = browser.browser_type.launch(
        executable_path=CHROMIUM_PATH,
        args=[
            *CHROMIUM_ARGS,
            "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,"
            "PrivateNetworkAccessSendPreflights",
        ],
    )
    page = other.new_page()
    yield page
    other.close()


def test_another_site_can_read_the_api(foreign_page, site_url):
    page = foreign_page
    # A newsroom's page on another origin (the other loopback name: the browser then applies
    # CORS and no private-network rule), written here rather than served by the site.
    if "://localhost" in site_url:
        other = site_url.replace("://localhost", "://127.0.0.1")
    else:
        other = site_url.replace("://127.0.0.1", "://localhost")
    assert other != site_url
    foreign = other + "/toa-soan.html"
    page.route(
        foreign,
        lambda route: route.fulfill(
            body="<!DOCTYPE html><title>Tòa soạn</title>", content_type="text/html"
        ),
    )
    page.goto(foreign)
    result = page.evaluate(
        """async (url) => {
            const response = await fetch(url, {headers: {"Accept": "application/json"}});
            const data = await response.json();
            return {status: response.status, periods: data.length};
        }""",
        site_url + "/api/v1/statistics/periods",
    )
    assert result == {"status": 200, "periods": 8}
    # The same page cannot read the site's pages: this really is another origin.
    refused = page.evaluate(
        "async (url) => { try { await fetch(url); return 'read'; }"
        " catch (error) { return 'refused'; } }",
        site_url + "/thong-ke/",
    )
    assert refused == "refused"
