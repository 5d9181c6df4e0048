"""The search page in a real browser: unaccented typing, facets, suggestions, no JavaScript."""

import datetime

import pytest

from search.documents import SearchDocument
from search.engines.database import DatabaseEngine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_url(live_server, home_page):
    DatabaseEngine().rebuild(
        [
            SearchDocument(
                key="b.procedure:1",
                kind="procedure",
                url="/thu-tuc/1.001193/",
                title="Đăng ký khai sinh",
                number="1.001193",
                summary="Đăng ký khai sinh cho trẻ em.",
                date=datetime.date(2024, 3, 1),
                facets={"field": "Hộ tịch", "level": ["Cấp xã"]},
                extra={"code": "1.001193", "field": "Hộ tịch"},
            ),
            SearchDocument(
                key="b.procedure:2",
                kind="procedure",
                url="/thu-tuc/2.000001/",
                title="Đăng ký đất đai lần đầu",
                number="2.000001",
                summary="Đăng ký đất đai, tài sản gắn liền với đất.",
                facets={"field": "Đất đai", "level": ["Cấp xã"]},
            ),
            SearchDocument(
                key="b.doc:1",
                kind="legal_document",
                url="/van-ban/57-qd-ubnd/",
                title="Quyết định công bố thủ tục đăng ký hộ tịch",
                number="57/QĐ-UBND",
                summary="Công bố thủ tục đăng ký.",
                facets={"type": "Quyết định", "year": "2024"},
            ),
        ]
    )
    return live_server.url


def test_typing_without_diacritics_finds_accented_results(browser_page, site_url):
    browser_page.goto(site_url + "/tim-kiem/")
    box = browser_page.get_by_label("Từ khóa, tên thủ tục")
    box.fill("dang ky khai sinh")
    box.press("Enter")
    browser_page.locator(".hit-title").first.wait_for()
    assert "q=dang+ky+khai+sinh" in browser_page.url
    first = browser_page.locator(".hit-title").first
    assert first.inner_text() == "Đăng ký khai sinh"
    assert browser_page.locator(".hit-title mark").first.inner_text() == "Đăng"


def test_picking_facets_narrows_and_keeps_the_query(browser_page, site_url):
    browser_page.goto(site_url + "/tim-kiem/?q=dang+ky")
    assert browser_page.locator(".search-hit").count() == 3
    browser_page.locator("a[data-facet=kind][data-value=procedure]").click()
    browser_page.wait_for_url("**kind=procedure*")
    assert browser_page.locator(".search-hit").count() == 2
    browser_page.locator("a[data-facet=field][data-value='Đất đai']").click()
    browser_page.wait_for_url("**field=*")
    assert browser_page.locator(".hit-title").all_inner_texts() == ["Đăng ký đất đai lần đầu"]
    assert browser_page.get_by_label("Từ khóa, tên thủ tục").input_value() == "dang ky"


def test_suggestions_dropdown_with_keyboard(browser_page, site_url):
    browser_page.goto(site_url + "/tim-kiem/")
    box = browser_page.get_by_role("combobox")
    box.press_sequentially("dang k")
    listbox = browser_page.get_by_role("listbox")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = browser_page.get_by_role("option")
    assert "Đăng ký" in options.first.inner_text()
    assert "Thủ tục hành chính" in options.first.inner_text()
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"


def test_the_form_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(site_url + "/tim-kiem/")
        assert page.locator("[role=listbox]").count() == 0
        page.get_by_label("Từ khóa, tên thủ tục").fill("57/qd-ubnd")
        page.get_by_role("button", name="Tìm kiếm", exact=True).click()
        page.wait_for_url("**/tim-kiem/?q=57*")
        assert page.locator(".hit-title").first.inner_text().startswith("Quyết định công bố")
        page.locator("a[data-facet=kind][data-value=legal_document]").click()
        page.wait_for_url("**kind=legal_document*")
        assert page.locator(".search-hit").count() == 1
    finally:
        context.close()
