"""The search document of an inspection result (one builder, registered for InspectionPage)."""

from __future__ import annotations

from wagtail.rich_text import get_text_for_indexing

from base.public_url import page_path
from inspections.models import InspectionPage
from search.documents import KIND_INSPECTION, SearchDocument, document_key, register


@register(InspectionPage)
def inspection_document(page: InspectionPage) -> SearchDocument | None:
    if not page.live or page.get_view_restrictions().exists():
        return None
    units = page.unit_names()
    findings = list(page.findings.select_related("category"))
    remedies = list(page.remedies.select_related("category", "responsible_agency"))
    categories = sorted(
        {f.category.name for f in findings if f.category}
        | {r.category.name for r in remedies if r.category}
    )
    body = [
        get_text_for_indexing(page.scope or ""),
        *(f"{f.get_kind_display()}: {f.text}" for f in findings),
        get_text_for_indexing(page.conclusion or ""),
        *(r.description for r in remedies),
        f"Trưởng đoàn: {page.lead_name} {page.lead_title}".strip(),
    ]
    year = str(page.start_date.year)
    summary = page.summary_text or (
        f"Kiểm tra ngày {page.start_date:%d/%m/%Y}: {'; '.join(units)}. "
        f"{len(remedies)} yêu cầu khắc phục."
    )
    return SearchDocument(
        key=document_key(page),
        kind=KIND_INSPECTION,
        url=page_path(page),
        title=page.title,
        summary=summary,
        body="\n".join(part for part in body if part),
        date=page.start_date,
        facets={"year": year, "unit": units, "category": categories},
        extra={"units": "; ".join(units), "year": year},
    )
