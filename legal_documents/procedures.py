"""Joins between the register and the procedure catalogue, by normalised document number.

There is no foreign key across the two apps (neither migration depends on the other): a
procedure's legal basis (`procedures_catalog.ProcedureLegalBasis.normalized_number`) meets a
document's `normalized_number`. Where the same number exists in several years, the year
written in the cited title or number decides.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Prefetch

from base.collation import VietnameseCollate
from base.visibility import is_public, public_q
from legal_documents.models import (
    DocumentRelation,
    LegalDocumentPage,
    RelationKind,
    ValidityStatus,
)
from legal_documents.models.choices import ENDING_EVENTS, PROBLEM_STATUSES

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def procedure_models():
    """(ProcedurePage, ProcedureLegalBasis), or (None, None) before the catalogue has them."""
    try:
        return (
            apps.get_model("procedures_catalog", "ProcedurePage"),
            apps.get_model("procedures_catalog", "ProcedureLegalBasis"),
        )
    except LookupError:
        return None, None


def procedures_citing(document: LegalDocumentPage):
    procedure_page, _ = procedure_models()
    if procedure_page is None or not document.normalized_number:
        return []
    return list(
        procedure_page.objects.filter(public_q())
        .filter(legal_basis__normalized_number=document.normalized_number)
        .distinct()
        .order_by(VietnameseCollate("title"), "pk")
    )


def pick_document(candidates: list[LegalDocumentPage], number: str = "", title: str = ""):
    """The one candidate a citation means: the only one, or the one of the cited year."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    years = {int(y) for y in _YEAR.findall(f"{number} {title}")}
    matching = [d for d in candidates if d.year in years]
    if len(matching) == 1:
        return matching[0]
    # Otherwise the latest one: a procedure in force usually cites the current document.
    pool = matching or candidates
    return max(pool, key=lambda d: (d.issued_on or datetime.date.min, d.pk))


def documents_by_number(numbers) -> dict[str, list[LegalDocumentPage]]:
    """Public documents for many normalised numbers, in one query."""
    keys = {n for n in numbers if n}
    found: dict[str, list[LegalDocumentPage]] = {}
    if not keys:
        return found
    documents = (
        LegalDocumentPage.objects.filter(public_q())
        .filter(normalized_number__in=keys)
        .prefetch_related(
            "events",
            "recorded_changes",
            Prefetch("incoming_relations", DocumentRelation.objects.select_related("page")),
        )
    )
    for document in documents:
        found.setdefault(document.normalized_number, []).append(document)
    return found


@dataclass
class BasisChange:
    """Why a procedure's legal basis needs attention: what happened to the document, when."""

    status: ValidityStatus
    date: datetime.date | None
    label: str
    replaced_by: LegalDocumentPage | None = None


def basis_change(
    document: LegalDocumentPage, on: datetime.date | None = None, public_only: bool = False
):
    """The change that makes `document` a problem for procedures resting on it, or None.

    Expired, suspended (in whole or part) or replaced, as of `on` (today by default). With
    `public_only` (on public pages) a replacing document that is private is not named.
    """
    from legal_documents.status import status_on, today

    on = on or today()
    facts = document.status_facts()
    status = status_on(document, on, facts)
    replacing = [
        r
        for r in document.incoming_relations.all()
        if r.kind == RelationKind.REPLACES
        and not r.part
        and (is_public(r.page) if public_only else r.page.live)
        and (r.effective_date() or on) <= on
    ]
    if status not in PROBLEM_STATUSES and not replacing:
        return None
    dates = [f.date for f in facts if f.kind in ENDING_EVENTS and f.date <= on]
    if document.expires_on and document.expires_on <= on:
        dates.append(document.expires_on)
    replaced_by = replacing[0].page if replacing else None
    if replaced_by is not None:
        dates.append(replacing[0].effective_date())
    date = max((d for d in dates if d), default=None)
    if replaced_by is not None:
        label = f"được thay thế bởi {replaced_by.display_name}"
    else:
        label = status.label.lower()
    return BasisChange(status=status, date=date, label=label, replaced_by=replaced_by)


def notice_for(number: str, change: BasisChange) -> str:
    """The sentence a citizen reads on the procedure page."""
    when = f" từ ngày {change.date:%d/%m/%Y}" if change.date else ""
    if change.replaced_by is not None:
        what = f"đã bị thay thế{when} bởi {change.replaced_by.number or change.replaced_by.title}"
    elif change.status == ValidityStatus.EXPIRED:
        what = f"hết hiệu lực{when}"
    elif change.status == ValidityStatus.PARTLY_EXPIRED:
        what = f"hết hiệu lực một phần{when}"
    elif change.status == ValidityStatus.SUSPENDED:
        what = f"ngưng hiệu lực{when}"
    else:
        what = f"ngưng hiệu lực một phần{when}"
    return f"Văn bản {number} {what}; thủ tục đang được rà soát."
