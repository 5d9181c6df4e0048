"""The search document of a procedure page (see search/documents.py)."""

import re

from base.public_url import page_path
from base.visibility import is_public
from procedures_catalog.choices import ENDED_STATUSES, OnlineLevel
from procedures_catalog.models import ProcedurePage
from procedures_catalog.status import status_sentence
from search.documents import KIND_PROCEDURE, SearchDocument, document_key, register
from search.featured import featured_of

# The level a citizen most often deals with ranks a little higher among near-equal matches
# (the commune's variant of a civil-status procedure before the ministry's).
LEVEL_WEIGHTS = {"Cấp xã": 1.04, "Cấp huyện": 1.03, "Cấp tỉnh": 1.02}
# When people name only a thing ("hộ chiếu", "căn cước"), they mean the procedure that issues
# or registers it, not the one that replaces, corrects or reports it lost.
MAIN_PROCEDURE = re.compile(
    r"^(?:thủ tục )?(?:cấp|đăng ký)(?! lại| đổi| bổ sung| thay đổi| biến động)"
)


@register(
    ProcedurePage,
    depends_on={
        "procedures_catalog.Field": "field",
        "procedures_catalog.Level": "levels",
        "agencies.Agency": "implementing_agencies",
    },
)
def procedure_document(page: ProcedurePage) -> SearchDocument | None:
    if not page.live or page.get_view_restrictions().exists():
        return None
    levels = [level.name for level in page.levels.all()]
    agencies = [agency.name for agency in page.implementing_agencies.all()]
    field = page.field.name if page.field else ""
    online = page.get_online_level_display() if page.online_level else OnlineLevel.NONE.label
    documents = [f"{d.case} {d.name}".strip() for d in page.documents.all()]
    channels = list(page.channels.all())
    times = list(dict.fromkeys(c.time_label for c in channels if c.time_label))
    fees = list(dict.fromkeys(c.fee_label for c in channels if c.fee_amount is not None))
    fee_notes = list(dict.fromkeys(c.fee_note for c in channels if c.fee_note))
    extra = {
        "code": page.code,
        "field": field,
        "level": ", ".join(levels),
        "online": online,
        "status": page.get_status_display(),
        "time": "; ".join(times[:2]),
        "fee": "; ".join(fees[:2]),
    }
    if page.is_ended:
        # What the result must say instead of inviting an application (template: search.html).
        extra["ended"] = status_sentence(page)
        successor = page.successor if is_public(page.successor) else None
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
            # People ask "lệ phí ... bao nhiêu", "... bao lâu": the answer's words are searchable.
            f"Phí, lệ phí: {'; '.join(fees)}." if fees else "",
            *fee_notes[:2],
            f"Thời hạn giải quyết: {'; '.join(times)}." if times else "",
            *(basis.number for basis in page.legal_basis.all()),
        )
        if part
    )
    return SearchDocument(
        key=document_key(page),
        kind=KIND_PROCEDURE,
        url=page_path(page),
        title=page.full_name,
        number=page.code,
        summary=page.listing_summary or (page.results.splitlines() or [""])[0],
        body=body,
        # The catalogue's own date (last change in the source, status, decision), not the
        # date the record was loaded here.
        date=page.catalogue_date,
        facets={"field": field, "level": levels, "agency": agencies, "online": online},
        featured=featured_of(page),
        extra=extra,
        # Procedures in force come before abolished or replaced ones.
        weight=(0.3 if page.status in ENDED_STATUSES else 1.0)
        * max((LEVEL_WEIGHTS.get(level, 1.0) for level in levels), default=1.0)
        * (1.06 if MAIN_PROCEDURE.match(page.full_name.lower()) else 1.0),
    )
