"""Small builders for register content in tests: publish through revisions, as editors do."""

from __future__ import annotations

import datetime

from legal_documents.models import (
    DocumentRelation,
    DocumentType,
    ExpiredDocumentListPage,
    ExpiredListEntry,
    HistoryEvent,
    Issuer,
    LegalDocumentIndexPage,
    LegalDocumentPage,
)

D = datetime.date


def register_index() -> LegalDocumentIndexPage:
    return LegalDocumentIndexPage.objects.get()


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_document(
    number,
    title="Văn bản thử",
    *,
    type_name="Quyết định",
    issuer="UBND tỉnh",
    relations=(),
    events=(),
    fields=(),
    **values,
) -> LegalDocumentPage:
    """A published document; relations = [(kind, target, part)], events = [HistoryEvent kw]."""
    document = LegalDocumentPage(
        title=title,
        number=number,
        document_type=DocumentType.named(type_name),
        issuer=Issuer.named(issuer),
        **values,
    )
    document.relations = [
        DocumentRelation(kind=kind, target=target, part=part) for kind, target, part in relations
    ]
    document.events = [HistoryEvent(**event) for event in events]
    register_index().add_child(instance=document)
    if fields:
        document.fields.set(fields)
    return publish(document)


def make_list(year, decision_number, entries, decision_date=None) -> ExpiredDocumentListPage:
    """entries = [(group, document, date, part, reason)]."""
    page = ExpiredDocumentListPage(
        title=f"Danh mục văn bản hết hiệu lực, ngưng hiệu lực năm {year}",
        year=year,
        decision_number=decision_number,
        decision_date=decision_date or D(year + 1, 1, 22),
        signer="Nguyễn Văn A",
    )
    page.entries = [
        ExpiredListEntry(group=g, document=doc, date=date, part=part, reason=reason)
        for g, doc, date, part, reason in entries
    ]
    register_index().add_child(instance=page)
    return publish(page)
