"""The search document of a procedure page (see search/documents.py)."""

from procedures_catalog.choices import ENDED_STATUSES, OnlineLevel
from procedures_catalog.models import ProcedurePage
from procedures_catalog.status import status_sentence
from search.documents import KIND_PROCEDURE, SearchDocument, document_key, register


@register(ProcedurePage)
def procedure_document(page: ProcedurePage) -> SearchDocument | None:
    if not page.live or page.get_view_restrictions().exists():
        return None
    levels = [level.name for level in page.levels.all()]
    agencies = [agency.name for agency in page.implementing_agencies.all()]
    field = page.field.name if page.field else ""
    online = page.get_online_level_display() if page.online_level else OnlineLevel.NONE.label
    documents = [f"{d.case} {d.name}".strip() for d in page.documents.all()]
    extra = {
        "code": page.code,
        "field": field,
        "level": ", ".join(levels),
        "online": online,
        "status": page.get_status_display(),
    }
    if page.is_ended:
        # What the result must say instead of inviting an application (template: search.html).
        extra["ended"] = status_sentence(page)
        successor = page.successor if page.successor_id and page.successor.live else None
        if successor is not None:
            extra["successor_url"] = successor.url or ""
            extra["successor_title"] = f"{successor.title} (mã {successor.code})"
    body = "\n".join(
        part
        for part in (
            page.full_name,
            # The field is the procedure's own subject ("hộ tịch"), so it is searchable text;
            # levels and online level are only facets.
            field,
            *agencies,
            page.listing_summary,
            *(step.description for step in page.steps.all()),
            *documents,
            page.requirements,
            page.results,
            *(basis.number for basis in page.legal_basis.all()),
        )
        if part
    )
    return SearchDocument(
        key=document_key(page),
        kind=KIND_PROCEDURE,
        url=page.full_url or page.url or "",
        title=page.full_name,
        number=page.code,
        summary=page.listing_summary or (page.results.splitlines() or [""])[0],
        body=body,
        # The catalogue's own date (last change in the source, status, decision), not the
        # date the record was loaded here.
        date=page.catalogue_date,
        facets={"field": field, "level": levels, "agency": agencies, "online": online},
        extra=extra,
        # Procedures in force come before abolished or replaced ones.
        weight=0.3 if page.status in ENDED_STATUSES else 1.0,
    )
