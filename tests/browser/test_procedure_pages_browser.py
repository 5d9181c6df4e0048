"""Procedure pages on a 360 px phone: document groups, the checklist, the office finder.

Screenshots go to $SCREENSHOT_DIR when it is set (for a person to look at), never asserted on.
"""

import io
import os

import pytest
from django.core.management import call_command

from administrative_units.loading import load_province
from agencies.demo import OFFICES_FILE
from procedures_catalog.demo import DEMO_FILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


@pytest.fixture
def site_url(live_server, home_page):
    load_province(82)
    call_command("import_procedures", str(DEMO_FILE), "--no-progress", stdout=io.StringIO())
    call_command("import_offices", str(OFFICES_FILE), stdout=io.StringIO())
    return live_server.url


def _shot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _no_horizontal_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px wider than the screen"


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("code", "common", "last_case"),
    [
        ("1.001193", "Giấy tờ tùy thân", "Trường hợp: Người khác được ủy quyền đi đăng ký thay"),
        ("1.000894", "Giấy tờ tùy thân", "Trường hợp: Một bên đã ly hôn, hủy việc kết hôn"),
        ("2.000720", "Giấy đề nghị đăng ký hộ kinh doanh", "Trường hợp: Người khác nộp hồ sơ"),
    ],
)
def test_common_group_first_then_cases_on_page_and_checklist(
    browser_page, site_url, width, code, common, last_case
):
    browser_page.set_viewport_size({"width": width, "height": 900})
    for path, name in ((f"/thu-tuc/{code}/", "page"), (f"/thu-tuc/{code}/in/", "checklist")):
        browser_page.goto(site_url + path)
        common_group = browser_page.locator(".document-group-common")
        assert common in common_group.inner_text()
        cases = browser_page.locator(".document-group-case")
        assert cases.last.locator("h4").inner_text().startswith(last_case)
        assert common not in cases.last.inner_text()
        hint = browser_page.locator(".case-hint")
        assert "trường hợp của bạn" in hint.inner_text()
        # Reading order: the common group is above the hint, the hint above the first case.
        top = common_group.bounding_box()["y"]
        assert top < hint.bounding_box()["y"] < cases.first.bounding_box()["y"]
        _no_horizontal_scroll(browser_page)
        _shot(browser_page, f"{code}-{name}-{width}")


def test_office_finder_on_a_phone(browser_page, site_url):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_url + "/thu-tuc/1.001193/")
    browser_page.get_by_role("link", name="Chọn xã, phường để xem địa chỉ").click()
    picker = browser_page.get_by_label("Xã, phường nơi bạn nộp hồ sơ")
    assert picker.is_visible()
    picker.select_option(label="Phường Sa Đéc")
    browser_page.get_by_role("button", name="Xem nơi nộp").click()
    browser_page.wait_for_url("**/thu-tuc/1.001193/?xa=29905#noi-nop")
    office = browser_page.locator("#noi-nop .office")
    assert "Bộ phận một cửa phường Sa Đéc" in office.inner_text()
    assert office.get_by_role("link", name="0277 3 861 200").get_attribute("href") == (
        "tel:02773861200"
    )
    assert office.get_by_role("link", name="Xem vị trí trên bản đồ (OpenStreetMap)").is_visible()
    _no_horizontal_scroll(browser_page)
    _shot(browser_page, "office-finder-360")

    # A commune with no office entered: its People's Committee, said plainly.
    picker = browser_page.get_by_label("Xã, phường nơi bạn nộp hồ sơ")
    picker.select_option(label="Phường Đạo Thạnh")
    browser_page.get_by_role("button", name="Xem nơi nộp").click()
    browser_page.wait_for_url("**?xa=28249#noi-nop")
    assert "Ủy ban nhân dân Phường Đạo Thạnh" in browser_page.locator("#noi-nop").inner_text()

    # The print link keeps the commune; the printed checklist carries office, hours, phone, URL.
    browser_page.get_by_role("link", name="In danh mục giấy tờ").click()
    browser_page.wait_for_url("**/thu-tuc/1.001193/in/?xa=28249")
    browser_page.emulate_media(media="print")
    printed = browser_page.locator(".checklist").inner_text()
    assert "Ủy ban nhân dân Phường Đạo Thạnh" in printed
    assert "/thu-tuc/1.001193/" in browser_page.locator(".checklist-source").inner_text()
    assert not browser_page.locator(".commune-picker").is_visible()

    # The next commune-level procedure preselects the commune chosen last (nothing submitted).
    browser_page.emulate_media(media="screen")
    browser_page.goto(site_url + "/thu-tuc/1.000894/")
    assert browser_page.get_by_label("Xã, phường nơi bạn nộp hồ sơ").input_value() == "28249"
    assert "?xa=" not in browser_page.url


def test_province_office_and_an_abolished_procedure_on_a_phone(browser_page, site_url):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_url + "/thu-tuc/3.000333/in/")
    where = browser_page.locator(".checklist-where").inner_text()
    assert "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp" in where
    assert "0277 3 851 234" in where and "7 giờ - 11 giờ 30" in where
    _no_horizontal_scroll(browser_page)
    _shot(browser_page, "province-checklist-360")

    browser_page.goto(site_url + "/thu-tuc/2.000575/")
    notice = browser_page.locator(".status-ended")
    assert "đã bị bãi bỏ" in notice.inner_text()
    assert browser_page.get_by_role("link", name="Nộp hồ sơ trực tuyến").count() == 0
    assert browser_page.get_by_role("link", name="In danh mục giấy tờ").count() == 0
    notice.get_by_role("link").click()
    browser_page.wait_for_url("**/thu-tuc/2.002045/")
    _no_horizontal_scroll(browser_page)
