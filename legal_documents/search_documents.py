"""The search document of a legal document page (see search/documents.py)."""

from __future__ import annotations

from django.utils.html import strip_tags

from base.public_url import page_path
from legal_documents.models import LegalDocumentPage
from search.documents import KIND_LEGAL_DOCUMENT, SearchDocument, document_key, register


@register(LegalDocumentPage)
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
            strip_tags(page.body or ""),
        )
        if part
    )
    return SearchDocument(
        key=document_key(page),
        kind=KIND_LEGAL_DOCUMENT,
        url=page_path(page),
        title=page.title,
        number=page.number,
        summary=page.summary or page.summary_text,
        body=body,
        date=page.issued_on,
        facets=facets,
        extra={"number": page.number, "type": type_name, "status": status},
        # Documents in force matter most to citizens; expired ones stay findable.
        weight=1.0 if page.current_status in ("con_hieu_luc", "het_mot_phan") else 0.7,
    )
