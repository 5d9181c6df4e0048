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


def test_journalist_finds_late_agencies_and_the_on_time_trend_then_downloads(
    browser_page, site_url
):
    """The issue's "done when": which agencies had the most late dossiers last quarter, how
    the on-time rate moved over two years, and the table as a file; on a phone, from home."""
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/")
    page.locator("details.site-menu > summary").click()  # the menu folds on a phone
    page.get_by_role("link", name="Thống kê", exact=True).first.click()
    page.wait_for_url("**/thong-ke/")
    # The agency table opens on the latest quarter, most late dossiers first.
    assert page.locator("#agencies-title").inner_text() == "Theo cơ quan, Quý IV/2025"
    assert page.locator(".stats-sorts strong").inner_text() == "Nhiều hồ sơ trễ hạn nhất"
    late = [
        int(cell.replace(".", ""))
        for cell in page.locator(".agency-table tbody tr td:nth-child(3)").all_inner_texts()
    ]
    assert late == sorted(late, reverse=True) and late[0] > 0
    _no_horizontal_scroll(page)
    _shot(page, "nha-bao-1-bang-co-quan-360")
    with page.expect_download() as download_info:
        page.locator(".downloads").last.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "thong-ke-co-quan-quy-2025-4.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        header = handle.readline()
    assert header.startswith("Cơ quan,Kỳ,Tiếp nhận")

    # Two years of the on-time rate: its own page, a chart and the eight quarters beside it.
    page.locator(".stats-figures li").nth(1).get_by_role("link", name="Diễn biến").click()
    page.wait_for_url("**/thong-ke/chi-tieu/dung-han/")
    chart = page.get_by_role("img", name="Giải quyết đúng hạn theo kỳ, toàn tỉnh", exact=True)
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    quarters = page.locator(".stats-table tbody th").all_inner_texts()
    assert quarters[0] == "Quý IV/2025" and quarters[-1] == "Quý I/2024" and len(quarters) == 8
    assert all(text.endswith("%") and "," in text for text in page.locator(
        ".stats-table tbody td").all_inner_texts())  # fmt: skip
    _no_horizontal_scroll(page)
    _shot(page, "nha-bao-2-dung-han-360")


def test_index_history_on_a_phone(browser_page, site_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/thong-ke/")
    page.get_by_role("link", name="Chỉ số CCHC (PAR Index), SIPAS, chỉ số phục vụ").click()
    page.get_by_role("link", name="Chỉ số cải cách hành chính (PAR Index)").click()
    page.wait_for_url("**/thong-ke/chi-so/par-index/")
    chart = page.get_by_role("img", name="Chỉ số CCHC qua các kỳ", exact=True)
    assert chart.bounding_box()["width"] <= 360
    assert page.locator(".index-table tbody tr").first.inner_text().split("\t")[:3] == [
        "Năm 2024",
        "89,90%",
        "17/63",
    ]
    _no_horizontal_scroll(page)
    _shot(page, "chi-so-par-360")
    page.emulate_media(media="print")
    assert page.locator("figure.stats-chart svg").is_visible()
    page.emulate_media(media="screen")
