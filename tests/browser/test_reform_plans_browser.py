"""The reform plan, its tasks list and a quarterly report on a 360 px phone.

Screenshots go to $SCREENSHOT_DIR when it is set (for a person to look at), never asserted on.
"""

import io
import os

import pytest

from agencies.demo import load as load_agencies
from reform_plans.demo import load as load_plans
from reform_statistics.demo import load as load_statistics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


@pytest.fixture
def site_url(live_server, home_page):
    out = io.StringIO()
    load_agencies(home_page, out)
    load_statistics(home_page, out)
    load_plans(home_page, out)
    return live_server.url


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _no_horizontal_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"


def test_plan_and_overdue_tasks_on_a_phone(browser_page, site_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/ke-hoach-cchc/")
    page.locator(".stats-table a").first.click()
    assert page.locator("h1").inner_text().startswith("Kế hoạch cải cách hành chính năm")
    _no_horizontal_scroll(page)
    _shot(page, "ke-hoach-360")
    chart = page.get_by_role("img", name="Tiến độ theo lĩnh vực cải cách", exact=True)
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] > 100
    # Every status of the demo shows, overdue derived from the dates.
    statuses = set(page.locator(".task-table .badge").all_inner_texts())
    assert statuses == {"Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Quá hạn"}

    page.get_by_role("link", name="Cải cách tổ chức bộ máy").first.click()
    page.wait_for_url("**linh-vuc=to-chuc-bo-may")
    page.locator("summary").filter(has_text="Lọc nhiệm vụ").click()
    page.get_by_label("Trạng thái").select_option(label="Quá hạn")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**tinh-trang=qua-han**")
    rows = page.locator(".task-table tbody tr")
    assert rows.count() == 1
    assert "Quá hạn" in rows.first.inner_text()
    _no_horizontal_scroll(page)
    _shot(page, "nhiem-vu-qua-han-360")


def test_quarterly_report_on_a_phone(browser_page, site_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/bao-cao-cchc/")
    page.get_by_role("link", name="Báo cáo kết quả cải cách hành chính quý III năm 2025").click()
    _no_horizontal_scroll(page)
    figures = page.locator(".report-figure-list").first
    assert "Hồ sơ tiếp nhận" in figures.inner_text()
    assert "11.719" in figures.inner_text()  # the demo statistics of Q3/2025, summed
    _shot(page, "bao-cao-quy-360")
