"""Procedures and the register: the legal-basis warning on procedure pages, the list of
procedures on a document page, and the editors' report of procedures to review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from legal_documents.models import RelationKind
from legal_documents.tests.helpers import D, make_document
from procedures_catalog.legal_basis import legal_basis_items

pytestmark = pytest.mark.django_db

try:
    from procedures_catalog.models import ProcedureIndexPage, ProcedureLegalBasis, ProcedurePage
except ImportError:  # pragma: no cover - the catalogue is built in parallel
    ProcedurePage = None


def make_procedure(code, title, citations):
    """A live procedure citing [(number, title)] as its legal basis."""
    if ProcedurePage is None:
        pytest.skip("procedures_catalog.models.ProcedurePage does not exist yet")
    index = ProcedureIndexPage.objects.get()
    page = ProcedurePage(title=title, code=code)
    page.legal_basis = [ProcedureLegalBasis(number=n, title=t) for n, t in citations]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_procedure_warns_when_its_legal_basis_expired_or_was_replaced(
    home_page, client, django_capture_on_commit_callbacks
):
    expired = make_document(
        "57/QĐ-UBND",
        "Quy trình cũ",
        issued_on=D(2019, 1, 10),
        effective_on=D(2019, 1, 20),
        expires_on=D(2025, 1, 1),
    )
    replaced = make_document(
        "04/2020/TT-BTP", "Thông tư hộ tịch", type_name="Thông tư", effective_on=D(2020, 7, 16)
    )
    in_force = make_document(
        "60/2014/QH13", "Luật Hộ tịch", type_name="Luật", effective_on=D(2016, 1, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_document(
            "03/2025/TT-BTP",
            "Thông tư mới",
            type_name="Thông tư",
            effective_on=D(2025, 7, 1),
            relations=[(RelationKind.REPLACES, replaced, "")],
        )
    # Same number in another year, not cited: the citation's year picks the right one.
    make_document(
        "57/QĐ-UBND",
        "Quyết định khác năm 2024",
        issued_on=D(2024, 3, 3),
        effective_on=D(2024, 3, 3),
    )
    procedure = make_procedure(
        "1.001193",
        "Đăng ký khai sinh",
        [
            ("57/QĐ-UBND", "ngày 10/01/2019 của UBND tỉnh"),
            ("04/2020/TT-BTP", ""),
            ("60/2014/QH13", "Luật Hộ tịch"),
            ("999/2099/NĐ-CP", "không có trong danh mục"),
        ],
    )
    items = {item.number: item for item in legal_basis_items(procedure)}
    assert items["57/QĐ-UBND"].url == expired.url
    assert items["57/QĐ-UBND"].is_problem
    assert items["57/QĐ-UBND"].changed_on == D(2025, 1, 1)
    assert items["57/QĐ-UBND"].notice == (
        "Văn bản 57/QĐ-UBND hết hiệu lực từ ngày 01/01/2025; thủ tục đang được rà soát."
    )
    assert items["04/2020/TT-BTP"].is_problem
    assert "bị thay thế từ ngày 01/07/2025 bởi 03/2025/TT-BTP" in items["04/2020/TT-BTP"].notice
    assert not items["60/2014/QH13"].is_problem
    assert items["60/2014/QH13"].status_label == "Còn hiệu lực"
    assert items["999/2099/NĐ-CP"].url is None

    # The document page lists the procedure resting on it.
    body = client.get(in_force.url).content.decode()
    assert "Đăng ký khai sinh" in body


def test_report_lists_procedures_to_review(home_page, admin_client):
    make_document(
        "12/2018/QĐ-UBND", "Quy định cũ", effective_on=D(2018, 3, 1), expires_on=D(2024, 6, 1)
    )
    make_document("13/2018/QĐ-UBND", "Quy định còn hiệu lực", effective_on=D(2018, 3, 1))
    make_procedure("2.000001", "Cấp giấy phép", [("12/2018/QĐ-UBND", "")])
    make_procedure("2.000002", "Cấp giấy chứng nhận", [("13/2018/QĐ-UBND", "")])
    response = admin_client.get(reverse("legal_documents_procedures_to_review"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cấp giấy phép" in body and "01/06/2024" in body
    assert "Cấp giấy chứng nhận" not in body
    from wagtail import hooks

    labels = [fn().label for fn in hooks.get_hooks("register_reports_menu_item")]
    assert "Thủ tục cần rà soát căn cứ pháp lý" in labels
