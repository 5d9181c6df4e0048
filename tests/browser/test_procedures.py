"""The procedure catalogue in a real browser: filters, a procedure, the checklist, a form."""

import re

import pytest

from procedures_catalog.demo import PDF_FORM, form_document
from procedures_catalog.models import ProcedurePage
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_url(live_server, home_page):
    make_procedures(
        record("1.001193", "Đăng ký khai sinh", online_level="toan_trinh"),
        record("1.000894", "Đăng ký kết hôn"),
        record(
            "2.002044",
            "Đăng ký thành lập công ty",
            field="Doanh nghiệp",
            levels=["cap_tinh"],
            implementing_agencies=["Sở Tài chính"],
        ),
    )
    page = ProcedurePage.objects.get(code="1.001193")
    declaration = page.documents.first()
    declaration.form = form_document()
    declaration.save()
    page.save_revision().publish()
    return live_server.url


def test_browse_with_filters_and_open_a_procedure(browser_page, site_url):
    browser_page.goto(site_url + "/thu-tuc/")
    assert browser_page.locator("#results-title").inner_text() == "3 thủ tục"
    browser_page.get_by_label("Lĩnh vực").select_option("ho-tich")
    browser_page.get_by_label("Dịch vụ công trực tuyến").select_option("toan-trinh")
    browser_page.get_by_role("button", name="Lọc").click()
    browser_page.wait_for_url(lambda url: "linh-vuc=ho-tich" in url and "truc-tuyen=toan" in url)
    assert browser_page.locator("#results-title").inner_text() == "1 thủ tục"
    browser_page.get_by_role("link", name="Đăng ký khai sinh").click()
    browser_page.wait_for_url("**/thu-tuc/1.001193/")
    assert browser_page.locator("h1").inner_text() == "Đăng ký khai sinh"
    assert "Miễn phí" in browser_page.locator(".essentials").inner_text()


def test_printable_checklist_fits_one_a4_page(browser_page, site_url):
    browser_page.goto(site_url + "/thu-tuc/1.001193/")
    browser_page.get_by_role("link", name="In danh mục giấy tờ").click()
    browser_page.wait_for_url("**/thu-tuc/1.001193/in/")
    assert browser_page.locator(".tick-list .tick").count() == 1
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".site-header").is_visible()
    pdf = browser_page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1


def test_form_download(browser_page, site_url):
    browser_page.goto(site_url + "/thu-tuc/1.001193/")
    link = browser_page.locator(".form-link").first
    assert "Tờ khai đăng ký khai sinh" in link.inner_text()
    with browser_page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read() == PDF_FORM
