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
    browser_page.wait_for_url("**loai-noi-dung=thu-tuc*")
    assert browser_page.locator(".search-hit").count() == 2
    browser_page.locator("a[data-facet=field][data-value='Đất đai']").click()
    browser_page.wait_for_url("**linh-vuc=*")
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
    assert listbox.is_hidden()


def test_arrow_down_and_enter_open_the_suggestion(browser_page, site_url):
    browser_page.goto(site_url + "/tim-kiem/")
    box = browser_page.get_by_role("combobox")
    box.press_sequentially("1.0011")
    option = browser_page.get_by_role("option").first
    option.wait_for()
    assert option.inner_text().startswith("1.001193")
    box.press("ArrowDown")
    box.press("Enter")
    browser_page.wait_for_url("**/thu-tuc/1.001193/")


def test_clicking_a_suggestion_opens_it(browser_page, site_url):
    browser_page.goto(site_url + "/tim-kiem/")
    browser_page.get_by_role("combobox").press_sequentially("57/qd")
    browser_page.get_by_role("option", name="Quyết định công bố").click()
    browser_page.wait_for_url("**/van-ban/57-qd-ubnd/")


@pytest.mark.parametrize("width", [360, 1280])
def test_the_button_submits_what_was_typed_while_suggestions_show(browser_page, site_url, width):
    browser_page.set_viewport_size({"width": width, "height": 800})
    browser_page.goto(site_url + "/tim-kiem/")
    box = browser_page.get_by_label("Từ khóa, tên thủ tục")
    box.press_sequentially("dang ky")
    browser_page.get_by_role("listbox").wait_for()
    box.press("ArrowDown")  # a highlighted option must not hijack the button
    browser_page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    browser_page.wait_for_url("**/tim-kiem/?q=dang*")
    # Empty dates and the default sort stay out of a shareable URL.
    assert browser_page.url.endswith("/tim-kiem/?q=dang+ky")
    assert browser_page.locator(".search-hit").count() == 3
    assert browser_page.get_by_role("listbox").is_hidden()


def test_phone_layout_has_no_sideways_scroll_and_folded_facets(browser_page, site_url):
    browser_page.set_viewport_size({"width": 360, "height": 800})
    browser_page.goto(site_url + "/tim-kiem/?q=dang+ky")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360
    facets = browser_page.locator("details.search-facets-toggle")
    assert facets.get_attribute("open") is None
    assert browser_page.locator("a[data-facet=kind]").first.is_hidden()
    browser_page.get_by_text("Lọc kết quả").click()
    browser_page.locator("a[data-facet=kind][data-value=procedure]").click()
    browser_page.wait_for_url("**loai-noi-dung=thu-tuc*")
    assert browser_page.locator(".search-hit").count() == 2
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360


def test_home_page_box_gets_suggestions_from_the_same_script(browser_page, site_url):
    """The home page marks its box with data-suggest; once it loads search.js it suggests."""
    browser_page.goto(site_url + "/")
    browser_page.add_style_tag(url=site_url + "/static/css/search.css")
    browser_page.add_script_tag(url=site_url + "/static/js/search.js")
    box = browser_page.get_by_role("combobox")
    box.press_sequentially("dang k")
    browser_page.get_by_role("option").first.wait_for()
    box.press("Escape")
    browser_page.get_by_role("button", name="Tìm kiếm", exact=True).click()
    browser_page.wait_for_url("**/tim-kiem/?q=dang+k")


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
        # Results come first; the filters open from their disclosure, without script too.
        page.locator("details.search-facets-toggle > summary").click()
        page.locator("a[data-facet=kind][data-value=legal_document]").click()
        page.wait_for_url("**loai-noi-dung=van-ban*")
        assert page.locator(".search-hit").count() == 1
    finally:
        context.close()
