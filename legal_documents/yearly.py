"""Every document that expired or was suspended in a year, joined from two sources: the
published yearly lists and the documents' own histories (dates, editors' events, relations).

Where the two disagree - listed but the document's history says nothing or another date or
extent, or expired per its history but in no list - the row carries flags for editors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from base.visibility import is_public, public_q, restricted_paths
from legal_documents.models import (
    ExpiredListEntry,
    HistoryEvent,
    LegalDocumentPage,
    RecordedChange,
)
from legal_documents.models.choices import ENDING_EVENTS, EventKind, ListGroup

# Which list groups and which own events describe the same extent of change.
WHOLE_EVENTS = {EventKind.EXPIRED, EventKind.REPLACED, EventKind.REPEALED, EventKind.SUSPENDED}
WHOLE_GROUPS = {ListGroup.EXPIRED_WHOLE, ListGroup.SUSPENDED_WHOLE}


@dataclass
class OwnFact:
    kind: str
    label: str
    date: datetime.date
    part: str = ""
    cause: LegalDocumentPage | None = None


@dataclass
class YearRow:
    document: LegalDocumentPage
    entries: list[ExpiredListEntry] = field(default_factory=list)
    facts: list[OwnFact] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def date(self) -> datetime.date:
        dates = [e.date for e in self.entries] + [f.date for f in self.facts]
        return min(dates)


def _own_facts(document_ids=None, year=None, paths=None) -> dict[int, list[OwnFact]]:
    """Ending facts from the public documents' own records (not from lists), by document id.

    A cause that is not public (private or unpublished) is left out, never named.
    """
    facts: dict[int, list[OwnFact]] = {}
    paths = restricted_paths() if paths is None else paths

    documents = LegalDocumentPage.objects.filter(public_q(paths=paths)).exclude(expires_on=None)
    if year is not None:
        documents = documents.filter(expires_on__year=year)
    if document_ids is not None:
        documents = documents.filter(pk__in=document_ids)
    for pk, date in documents.values_list("pk", "expires_on"):
        facts.setdefault(pk, []).append(OwnFact(EventKind.EXPIRED, "Hết hiệu lực", date))

    events = HistoryEvent.objects.filter(public_q("page__", paths), kind__in=ENDING_EVENTS)
    changes = RecordedChange.objects.filter(
        public_q("document__", paths), kind__in=ENDING_EVENTS, expired_list=None
    )
    if year is not None:
        events = events.filter(date__year=year)
        changes = changes.filter(date__year=year)
    if document_ids is not None:
        events = events.filter(page_id__in=document_ids)
        changes = changes.filter(document_id__in=document_ids)
    for event in events.select_related("cause"):
        facts.setdefault(event.page_id, []).append(
            OwnFact(
                event.kind,
                event.get_kind_display(),
                event.date,
                event.part,
                event.cause if is_public(event.cause, paths) else None,
            )
        )
    for change in changes.select_related("cause"):
        facts.setdefault(change.document_id, []).append(
            OwnFact(
                change.kind,
                change.get_kind_display(),
                change.date,
                change.part,
                change.cause if is_public(change.cause, paths) else None,
            )
        )
    return facts


def _is_whole(fact: OwnFact) -> bool:
    return fact.kind in WHOLE_EVENTS and not fact.part


def expired_in_year(year: int) -> list[YearRow]:
    """Rows for the public yearly view: public lists naming public documents only."""
    paths = restricted_paths()
    entries = list(
        ExpiredListEntry.objects.filter(public_q("page__", paths), public_q("document__", paths))
        .filter(Q(date__year=year) | Q(page__year=year))
        .select_related("page", "document", "document__document_type")
    )
    own_in_year = _own_facts(year=year, paths=paths)
    listed_ids = {e.document_id for e in entries}
    # For listed documents, their own facts in any year (to tell "another date" from "none").
    own_any = _own_facts(document_ids=list(listed_ids), paths=paths) if listed_ids else {}
    # Documents expired in this year per their history: are they in any list at all?
    in_any_list = set(
        ExpiredListEntry.objects.filter(
            public_q("page__", paths), document_id__in=own_in_year
        ).values_list("document_id", flat=True)
    )

    # Lists cover the documents of the bodies whose decision announced them (the province's
    # HĐND and UBND); a national decree that expired is not missing from a provincial list.
    from legal_documents.models import ExpiredDocumentListPage

    list_issuers = set(
        ExpiredDocumentListPage.objects.filter(public_q())
        .exclude(decision__issuer=None)
        .values_list("decision__issuer_id", flat=True)
    )
    rows: dict[int, YearRow] = {}
    documents = LegalDocumentPage.objects.in_bulk(listed_ids | set(own_in_year))
    for entry in entries:
        document = documents.get(entry.document_id)
        if document is None or not is_public(document, paths):
            continue
        rows.setdefault(document.pk, YearRow(document)).entries.append(entry)
    for pk, facts in own_in_year.items():
        if pk in documents:
            rows.setdefault(pk, YearRow(documents[pk])).facts.extend(facts)

    for pk, row in rows.items():
        own = own_any.get(pk, row.facts)
        for entry in row.entries:
            if not own:
                row.flags.append(
                    f"Danh mục {entry.page.decision_number} ghi “{entry.get_group_display()}” "
                    "nhưng hồ sơ văn bản không ghi nhận sự kiện nào."
                )
                continue
            if not any(f.date == entry.date for f in own):
                dates = ", ".join(sorted({f"{f.date:%d/%m/%Y}" for f in own}))
                row.flags.append(
                    f"Ngày khác nhau: danh mục ghi {entry.date:%d/%m/%Y}, "
                    f"hồ sơ văn bản ghi {dates}."
                )
            whole_listed = entry.group in WHOLE_GROUPS
            if whole_listed and not any(_is_whole(f) for f in own):
                row.flags.append("Danh mục ghi toàn bộ, hồ sơ văn bản chỉ ghi một phần.")
            elif not whole_listed and own and all(_is_whole(f) for f in own):
                row.flags.append("Danh mục ghi một phần, hồ sơ văn bản ghi toàn bộ.")
        in_scope = not list_issuers or row.document.issuer_id in list_issuers
        if row.facts and not row.entries and pk not in in_any_list and in_scope:
            row.flags.append("Hết hiệu lực theo hồ sơ văn bản nhưng không có trong danh mục nào.")
    return sorted(rows.values(), key=lambda r: (r.date, r.document.number_sort))


def available_years() -> list[int]:
    """Years with a published list or a document expiring, newest first."""
    from legal_documents.models import ExpiredDocumentListPage

    years = set(ExpiredDocumentListPage.objects.filter(public_q()).values_list("year", flat=True))
    years |= {
        d.year
        for d in LegalDocumentPage.objects.filter(public_q())
        .exclude(expires_on=None)
        .values_list("expires_on", flat=True)
    }
    return sorted(years, reverse=True)
