"""The index never lies: what changes without a publish reaches the index too.

- a legal document's status that changes by date (`refresh_legal_document_status` writes
  with `.update()`, which sends no signal);
- a relation published on another document (it changes the target's status);
- a vocabulary renamed (document type, issuer, procedure field: builders declare `depends_on`);
- rich text is indexed with Wagtail's own text extraction (paragraphs stay apart, entities
  are decoded).
"""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command

from legal_documents.models import DocumentType, RelationKind
from legal_documents.tests.helpers import make_document
from search.documents import document_key
from search.models import SearchEntry

pytestmark = pytest.mark.django_db
D = datetime.date


def entry(page):
    return SearchEntry.objects.get(key=document_key(page))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the index updates) as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_status_changed_by_date_is_reindexed(home_page, committed):
    with committed():
        document = make_document(
            "12/2020/QĐ-UBND", "Quyết định tạm thời", issued_on=D(2020, 1, 1),
            effective_on=D(2020, 1, 1), expires_on=D(2030, 1, 1),
        )  # fmt: skip
    assert entry(document).facets["status"] == ["Còn hiệu lực"]
    with mock.patch("legal_documents.status.today", return_value=D(2030, 1, 2)), committed():
        call_command("refresh_legal_document_status", stdout=mock.Mock())
    assert entry(document).facets["status"] == ["Hết hiệu lực toàn bộ"]


def test_relation_published_on_another_document_reindexes_its_target(home_page, committed):
    with committed():
        target = make_document("5/2019/QĐ-UBND", "Quy định cũ", issued_on=D(2019, 1, 1),
                               effective_on=D(2019, 1, 1))  # fmt: skip
    assert entry(target).facets["status"] == ["Còn hiệu lực"]
    with committed():
        make_document(
            "9/2024/QĐ-UBND", "Quyết định thay thế", issued_on=D(2024, 1, 1),
            effective_on=D(2024, 1, 1), relations=[(RelationKind.REPLACES, target, "")],
        )  # fmt: skip
    assert entry(target).facets["status"] != ["Còn hiệu lực"]


def test_vocabulary_rename_reindexes_the_items_using_it(home_page, committed):
    with committed():
        document = make_document("7/2021/CT-UBND", "Chỉ thị về cải cách", type_name="Chỉ thị")
    assert entry(document).facets["type"] == ["Chỉ thị"]
    kind = DocumentType.objects.get(name="Chỉ thị")
    kind.name = "Chỉ thị của UBND"
    with committed():
        kind.save()
    assert entry(document).facets["type"] == ["Chỉ thị của UBND"]


def test_rich_text_is_indexed_as_separate_words_with_entities_decoded(home_page, committed):
    with committed():
        document = make_document(
            "3/2022/QĐ-UBND", "Quyết định có nội dung",
            body="<p>Điều 1. Áp dụng cấp xã</p><p>Điều 2. Sở Tư pháp &amp; UBND</p>",
        )  # fmt: skip
    body = entry(document).body
    assert "xãĐiều" not in body and "cấp xã" in body
    assert "Tư pháp & UBND" in body and "&amp;" not in body


def test_legal_document_title_carries_its_number(home_page, committed):
    with committed():
        document = make_document("45/2019/QH14", "Bộ luật Lao động 2019", type_name="Luật")
    assert entry(document).title == "45/2019/QH14 Bộ luật Lao động 2019"
    with committed():
        named = make_document("57/QĐ-UBND", "Quyết định 57/QĐ-UBND về hộ tịch")
    assert entry(named).title == "Quyết định 57/QĐ-UBND về hộ tịch"
