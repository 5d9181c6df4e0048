"""The register in a real browser: filter the list, open a document, look a number up."""

import pytest

from legal_documents.models import RelationKind
from legal_documents.tests.helpers import D, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register_url(live_server, home_page):
    old = make_document(
        "15/2015/TT-BTP",
        "Thông tư hướng dẫn Luật Hộ tịch",
        type_name="Thông tư",
        issuer="Bộ Tư pháp",
        issued_on=D(2015, 11, 16),
        effective_on=D(2016, 1, 1),
    )
    make_document(
        "04/2020/TT-BTP",
        "Thông tư quy định chi tiết Luật Hộ tịch",
        type_name="Thông tư",
        issuer="Bộ Tư pháp",
        issued_on=D(2020, 5, 28),
        effective_on=D(2020, 7, 16),
        relations=[(RelationKind.REPLACES, old, "")],
    )
    make_document(
        "22/2020/QĐ-UBND",
        "Quy chế Trung tâm Phục vụ hành chính công",
        issuer="UBND tỉnh Đồng Tháp",
        issued_on=D(2020, 8, 3),
        effective_on=D(2020, 8, 15),
    )
    return live_server.url + "/van-ban/"


def test_filter_the_register_and_open_a_document(browser_page, register_url):
    page = browser_page
    page.goto(register_url)
    assert page.locator(".ld-list li").count() == 3
    page.get_by_label("Loại văn bản").select_option(label="Thông tư")
    page.get_by_label("Sắp xếp theo").select_option(label="Ngày ban hành (cũ nhất)")
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.wait_for_url("**loai=thong-tu**")
    titles = page.locator(".ld-list li > a").all_inner_texts()
    assert titles == [
        "15/2015/TT-BTP – Thông tư hướng dẫn Luật Hộ tịch",
        "04/2020/TT-BTP – Thông tư quy định chi tiết Luật Hộ tịch",
    ]
    # The filter state is in the URL and the form shows it after the reload.
    assert page.get_by_label("Loại văn bản").input_value() == "thong-tu"

    page.get_by_role(
        "link", name="04/2020/TT-BTP – Thông tư quy định chi tiết Luật Hộ tịch"
    ).click()
    assert page.locator("h1").inner_text() == "Thông tư quy định chi tiết Luật Hộ tịch"
    related = page.locator("#lien-quan").inner_text()
    assert "Thay thế" in related and "15/2015/TT-BTP" in related
    page.get_by_role("link", name="15/2015/TT-BTP – Thông tư hướng dẫn Luật Hộ tịch").click()
    assert "Bị thay thế bởi" in page.locator("#lien-quan").inner_text()


def test_bad_filter_shows_a_message_not_an_error_page(browser_page, register_url):
    response = browser_page.goto(register_url + "?nam=hai-nghin")
    assert response.status == 400
    assert "Năm ban hành phải là một số" in browser_page.get_by_role("alert").inner_text()


def test_number_lookup_without_diacritics(browser_page, register_url):
    page = browser_page
    page.goto(register_url)
    page.get_by_label("Tra cứu theo số ký hiệu").fill("22 / qd-ubnd")
    page.get_by_role("button", name="Tra số ký hiệu").click()
    # The year left out of the number: the register offers the near match.
    assert "số gần giống" in page.locator("h2").first.inner_text()
    page.get_by_role(
        "link", name="22/2020/QĐ-UBND – Quy chế Trung tâm Phục vụ hành chính công"
    ).click()
    page.wait_for_url("**/van-ban/22-2020-qd-ubnd/")
    assert "22/2020/QĐ-UBND" in page.locator(".ld-kicker").inner_text()
