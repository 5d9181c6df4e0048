"""Phones first, in a real browser at 360 px (and 320 px with the largest text size): every
section and the search reachable from every page, with and without JavaScript; results before
filters; the yearly expired list as cards; no sideways scrolling; axe-core finds nothing.

axe-core comes from npm (tests/browser/package.json, `npm ci` in .ci/run), injected from
disk: nothing is loaded from another host. Without it the axe test skips and says why, unless
REQUIRE_BROWSER=1 (CI), where it fails.
"""

import os
from pathlib import Path

import pytest

from home.models import PortalSettings
from legal_documents.models.choices import ListGroup
from legal_documents.tests.helpers import D, make_document, make_list
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/thu-tuc/",
    "/thu-tuc/1.001193/",
    "/van-ban/",
    "/van-ban/het-hieu-luc/2019/",
    "/tin-tuc/",
    "/kiem-tra/",
    "/kiem-tra/khac-phuc/",
    "/tim-kiem/?q=khai+sinh",
    "/khong-co-trang-nay/",
]
SECTIONS = ["Thủ tục hành chính", "Văn bản", "Tin cải cách hành chính", "Kiểm tra CCHC"]
LONG_EMAIL = "bophantiepnhanvatraketquahosohanhchinh.ubndtinh@dongthap.gov.vn"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def site_url(live_server, home_page):
    make_procedures(
        record("1.001193", "Đăng ký khai sinh"),
        record("1.000894", "Đăng ký kết hôn"),
        record("2.002044", "Cấp giấy phép thành lập công ty", field="Doanh nghiệp"),
    )
    document = make_document(
        "30/2015/QĐ-UBND",
        "Quy định về quản lý hộ tịch trên địa bàn tỉnh",
        issued_on=D(2015, 2, 1),
        expires_on=D(2019, 7, 1),
    )
    make_list(2019, "57/QĐ-UBND", [(ListGroup.EXPIRED_WHOLE, document, D(2019, 8, 1), "", "")])
    make_article(title="Một cửa điện tử ở xã", category=make_category())
    portal = PortalSettings.objects.first()
    portal.office_email = LONG_EMAIL
    portal.save()
    return live_server.url


def phone(browser, width=360, javascript=True, bypass_csp=False):
    context = browser.new_context(
        viewport={"width": width, "height": 740},
        locale="vi-VN",
        java_script_enabled=javascript,
        bypass_csp=bypass_csp,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_every_page_reaches_every_section_and_the_search_without_scrolling_sideways(
    browser, site_url
):
    for javascript in (True, False):
        context, page = phone(browser, javascript=javascript)
        for path in PAGES:
            page.goto(site_url + path)
            assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways"
            header = page.locator("header.site-header").bounding_box()
            assert header["height"] <= 200, f"{path}: the header takes {header['height']} px"
            menu = page.locator("details.site-menu > summary")
            assert menu.get_attribute("aria-expanded") is None  # <details> announces itself
            menu.click()
            nav = page.get_by_role("navigation", name="Điều hướng chính")
            for title in [*SECTIONS, "Tìm kiếm"]:
                box = nav.get_by_role("link", name=title, exact=True).bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (path, title)
            search = page.locator("form[role=search] input[type=search]")
            assert search.count(), f"{path} has no search box"
            box = search.first.bounding_box()
            assert box and box["x"] + box["width"] <= 360, path
        context.close()


def test_the_menu_opens_from_the_keyboard_and_is_always_open_on_a_desktop(browser, site_url):
    context, page = phone(browser)
    page.goto(site_url + "/van-ban/")
    section = page.get_by_role("link", name="Thủ tục hành chính", exact=True)
    assert not section.is_visible()
    page.locator("details.site-menu > summary").focus()
    page.keyboard.press("Enter")
    assert section.is_visible()
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/van-ban/")
    assert not page.locator("details.site-menu > summary").is_visible()
    assert page.get_by_role("link", name="Thủ tục hành chính", exact=True).is_visible()
    context.close()


def test_the_search_box_in_any_header_searches(browser, site_url):
    context, page = phone(browser, javascript=False)
    page.goto(site_url + "/van-ban/")
    page.get_by_label("Tìm trên cổng thông tin").fill("khai sinh")
    page.get_by_label("Tìm trên cổng thông tin").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=khai+sinh")
    context.close()


def test_largest_text_at_320px_fits_including_the_long_email(browser, site_url):
    context, page = phone(browser, width=320)
    page.goto(site_url + "/")
    page.locator("details.site-menu > summary").click()
    for _ in range(3):
        page.get_by_role("button", name="Tăng cỡ chữ").click()
    for path in PAGES:
        page.goto(site_url + path)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways at 320 px, largest text"
    page.goto(site_url + "/thu-tuc/1.001193/")
    boxes = "[...document.querySelectorAll('main table, main .table-scroll')]"
    cut = page.evaluate(f"{boxes}.filter(e => e.scrollWidth > e.clientWidth + 1).length")
    assert cut == 0, "a table on the procedure page hides columns behind a sideways scroll"
    page.goto(site_url + "/")
    email = page.locator(f'a[href="mailto:{LONG_EMAIL}"]').first
    box = email.bounding_box()
    assert box["x"] + box["width"] <= 320
    context.close()


def test_results_come_before_the_filters_which_count_the_active_ones(browser, site_url):
    context, page = phone(browser)
    page.goto(site_url + "/thu-tuc/?linh-vuc=ho-tich")
    filters = page.locator("details.filter-panel")
    assert filters.get_attribute("open") is None  # folded on a phone
    assert "1" in filters.locator("summary .count").inner_text()
    first_result = page.locator(".procedure-list li").first.bounding_box()
    assert first_result["y"] < 740, "the first result is on the first screen"
    filters.locator("summary").click()
    assert page.get_by_label("Lĩnh vực").is_visible()
    page.goto(site_url + "/van-ban/")
    assert page.locator("details.filter-panel").get_attribute("open") is None
    assert page.locator(".ld-list li").first.bounding_box()["y"] < 900
    context.close()


def test_yearly_expired_list_reads_as_cards(browser, site_url):
    context, page = phone(browser)
    page.goto(site_url + "/van-ban/het-hieu-luc/2019/")
    assert page.locator("table").count() == 0
    card = page.locator(".ld-year-row").first
    box = card.bounding_box()
    assert box["width"] <= 360 and box["x"] >= 0
    assert "Danh mục và lịch sử văn bản không khớp" in card.inner_text()  # dates differ
    assert page.locator(".ld-totals").is_visible()
    context.close()


def test_text_size_buttons_are_named_with_their_visible_text(browser, site_url):
    context, page = phone(browser)
    page.goto(site_url + "/")
    page.locator("details.site-menu > summary").click()
    for visible, spoken in (("A−", "giảm cỡ chữ"), ("A", "cỡ chữ mặc định"), ("A+", "tăng")):
        button = page.get_by_role("button", name=spoken)
        name = button.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()")
        assert name.startswith(visible) and button.get_attribute("aria-label") is None
    context.close()


def test_axe_finds_no_violations(browser, site_url):
    if not AXE.exists():
        message = "axe-core missing: run `npm ci` in tests/browser"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # axe-core is injected by the test, not served by the site: the strict CSP (no inline
    # script) would rightly refuse it, so this one context bypasses the policy.
    context, page = phone(browser, bypass_csp=True)
    found = {}
    for path in PAGES:
        page.goto(site_url + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {
                rules: {"label-content-name-mismatch": {enabled: true}}
            })).violations.map(
                v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
        )
        if violations:
            found[path] = violations
    context.close()
    assert found == {}
