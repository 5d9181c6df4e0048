"""The statistics section on a 360 px phone: figures, chart, sortable table, agency page.

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


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _no_horizontal_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"


def test_statistics_on_a_phone(browser_page, site_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/thong-ke/")
    _no_horizontal_scroll(page)
    assert page.locator("#headline-title").inner_text() == "Quý IV/2025"
    _shot(page, "thong-ke-360")
    # The accessible name is the chart's own <title> (an id clash once named it after the h2).
    chart = page.get_by_role("img", name="Tỷ lệ hồ sơ giải quyết đúng hạn theo kỳ", exact=True)
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] > 120

    page.get_by_role("link", name="Tỷ lệ đúng hạn thấp nhất").click()
    page.wait_for_url("**sap-xep=dung_han")
    first = page.locator(".agency-table tbody tr").first.locator("th").inner_text()
    assert first == "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp"
    _no_horizontal_scroll(page)

    page.get_by_label("Kỳ", exact=True).select_option(label="Quý I/2024")
    page.get_by_role("button", name="Xem").click()
    assert page.locator("#agencies-title").inner_text() == "Theo cơ quan, Quý I/2024"

    page.get_by_role("link", name="Sở Tư pháp tỉnh Đồng Tháp").click()
    assert page.locator("h1").inner_text() == "Sở Tư pháp tỉnh Đồng Tháp"
    assert page.locator(".stats-table tbody tr").count() == 8
    _no_horizontal_scroll(page)
    _shot(page, "thong-ke-co-quan-360")
