"""Demo content, home page lists and the search document of procedures."""

import io

import pytest

from procedures_catalog import demo
from procedures_catalog.home import home_context
from procedures_catalog.models import ProcedurePage
from procedures_catalog.search_documents import procedure_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(home_page):
    demo.load(home_page, io.StringIO())
    return home_page


def test_demo_is_idempotent_and_complete(demo_loaded):
    count = ProcedurePage.objects.count()
    assert count >= 25
    out = io.StringIO()
    demo.load(demo_loaded, out)
    assert ProcedurePage.objects.count() == count
    assert f"{count} không đổi" in out.getvalue()
    birth = ProcedurePage.objects.get(code="1.001193")
    assert birth.live
    assert birth.documents.first().form.file.read().startswith(b"%PDF-1.4")
    assert {c.fee_label for c in birth.channels.all()} == {"Miễn phí"}
    assert "123/2015/nd-cp" in birth.legal_basis.values_list("normalized_number", flat=True)
    old = ProcedurePage.objects.get(status="abolished")
    assert old.successor.code == "2.002045"
    assert ProcedurePage.objects.filter(legal_basis__number="57/QĐ-UBND").exists()


def test_home_lists(rf, demo_loaded):
    context = home_context(rf.get("/"))
    fields = {item.title: item for item in context["procedure_fields"]}
    assert fields["Hộ tịch"].count == 9
    assert fields["Hộ tịch"].url == "/thu-tuc/linh-vuc/ho-tich/"
    assert any(item.title == "Khởi sự kinh doanh" for item in context["life_situations"])
    assert context["popular_procedures"][0].url == "/thu-tuc/1.001193/"


def test_search_document(demo_loaded):
    page = ProcedurePage.objects.get(code="1.001193")
    document = procedure_document(page)
    assert document.kind == "procedure" and document.number == "1.001193"
    assert document.url.endswith("/thu-tuc/1.001193/")
    assert document.facets["field"] == "Hộ tịch"
    assert document.facets["level"] == ["Cấp xã"]
    assert document.facets["online"] == "Trực tuyến toàn trình"
    assert "Giấy chứng sinh" in document.body
    assert document.extra["code"] == "1.001193"
    page.unpublish()
    assert procedure_document(ProcedurePage.objects.get(pk=page.pk)) is None
