"""The editor-set priority in search results: a page field reviewed with the page, copied by
the builders into the indexed document (search/featured.py; the ranking is in the contract
suite, tests/test_search_contract.py)."""

import datetime

import pytest

from legal_documents.models import DocumentType, LegalDocumentIndexPage, LegalDocumentPage
from legal_documents.search_documents import legal_document
from news.models import NewsPage
from procedures_catalog.models import ProcedureIndexPage, ProcedurePage
from procedures_catalog.search_documents import procedure_document
from search.documents import document_key
from search.featured import SearchPriority, featured_of
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [ProcedurePage, LegalDocumentPage, NewsPage])
def test_editors_set_it_on_the_promote_tab_in_vietnamese(model):
    form_class = model.get_edit_handler().get_form_class()
    assert "search_priority" in form_class.base_fields
    field = model._meta.get_field("search_priority")
    assert field.verbose_name == "Ưu tiên trong kết quả tìm kiếm"
    assert [label for _, label in field.choices] == ["Bình thường", "Ưu tiên", "Ưu tiên cao"]
    assert field.default == SearchPriority.NORMAL


def test_builders_copy_it_and_the_index_stores_it(home_page, django_capture_on_commit_callbacks):
    procedure = ProcedurePage(title="Đăng ký khai sinh", code="2.000986", search_priority=2)
    ProcedureIndexPage.objects.get().add_child(instance=procedure)
    document = LegalDocumentPage(
        title="Quyết định công bố thủ tục", number="12/QĐ-UBND",
        document_type=DocumentType.named("Quyết định"), issued_on=datetime.date(2024, 3, 5),
        search_priority=1,
    )  # fmt: skip
    LegalDocumentIndexPage.objects.get().add_child(instance=document)
    assert procedure_document(procedure).featured == 2
    assert legal_document(document).featured == 1
    with django_capture_on_commit_callbacks(execute=True):
        procedure.save_revision().publish()
    assert SearchEntry.objects.get(key=document_key(procedure)).featured == 2


def test_an_unknown_value_counts_as_normal():
    assert featured_of(ProcedurePage(search_priority=7)) == 0
    assert featured_of(object()) == 0
