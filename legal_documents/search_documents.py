"""The search document of a legal document page (see search/documents.py)."""

from __future__ import annotations

from wagtail.rich_text import get_text_for_indexing

from base.public_url import page_path
from legal_documents.models import LegalDocumentPage
from search.documents import KIND_LEGAL_DOCUMENT, SearchDocument, document_key, register
from search.featured import featured_of
from search.text import normalize_document_number

EXPIRED_STATUSES = ("het_toan_bo", "ngung_toan_bo")


def title_with_number(title: str, number: str) -> str:
    """ "Quyết định 57/QĐ-UBND" stays; "Bộ luật Dân sự 2015" becomes "91/2015/QH13 Bộ luật..."."""
    if not number or normalize_document_number(number) in normalize_document_number(title):
        return title
    return f"{number} {title}".strip()


@register(
    LegalDocumentPage,
    depends_on={
        "legal_documents.DocumentType": "document_type",
        "legal_documents.Issuer": "issuer",
        "legal_documents.LegalField": "fields",
    },
)
def legal_document(page: LegalDocumentPage) -> SearchDocument | None:
    """Every live, public document is searchable, whatever its status: people look up
    expired documents too; the status facet tells them apart."""
    if not page.live or page.get_view_restrictions().exists():
        return None
    status = page.current_status.label
    type_name = page.document_type.name if page.document_type_id else ""
    issuer = page.issuer.name if page.issuer_id else ""
    facets = {"type": type_name, "issuer": issuer, "status": status}
    if page.year:
        facets["year"] = str(page.year)
    facets = {name: value for name, value in facets.items() if value}
    body = " ".join(
        part
        for part in (
            page.summary,
            " ".join(f.name for f in page.fields.all()),
            page.signer,
            get_text_for_indexing(page.body or ""),
        )
        if part
    )
    return SearchDocument(
        key=document_key(page),
        kind=KIND_LEGAL_DOCUMENT,
        url=page_path(page),
        # The number is part of how people name a document: it leads its title.
        title=title_with_number(page.title, page.number),
        number=page.number,
        summary=page.summary or page.summary_text,
        body=body,
        date=page.issued_on,
        facets=facets,
        extra={"number": page.number, "type": type_name, "status": status},
        featured=featured_of(page),
        # Documents no longer in force come after the others; an unknown status is no reason.
        weight=0.8 if page.current_status in EXPIRED_STATUSES else 1.0,
    )
