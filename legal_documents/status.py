"""Validity status derived from a document's dates and recorded events, as of a given day.

The stored `status` field of a document is only a cache for filtering; pages compute the status
for today from the same facts, so a passed expiry date shows as expired without anyone editing
the document (and `refresh_legal_document_status` brings the cache up to date every day).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from legal_documents.models.choices import EVENT_EFFECT, EventKind, ValidityStatus


@dataclass(frozen=True)
class Fact:
    """A dated event as the derivation sees it (editor events, relations and lists alike)."""

    kind: str
    date: datetime.date
    ends_on: datetime.date | None = None


def today() -> datetime.date:
    return timezone.localdate()


def _active(fact: Fact, on: datetime.date) -> bool:
    return fact.date <= on and (fact.ends_on is None or on < fact.ends_on)


def status_on(document, on: datetime.date | None = None, facts: Iterable[Fact] | None = None):
    """The validity status of `document` on day `on` (today by default).

    Rules: before the effective date a document is not yet in force; on and after its expiry
    date it has expired in whole. Events take effect on their date: whole expiry (expired,
    replaced, repealed) ends validity for good; a suspension lasts until its end date, if any;
    partial expiry and partial suspension restrict it. When several apply, the strongest wins
    (expired > suspended > partly suspended > partly expired). A status recorded by hand or by
    an import (`recorded_status`) fills in only where no date or event decides.
    """
    on = on or today()
    facts = list(document.status_facts() if facts is None else facts)
    effective_on = document.effective_on
    expires_on = document.expires_on

    if expires_on and on >= expires_on:
        return ValidityStatus.EXPIRED
    applied = {EVENT_EFFECT[f.kind] for f in facts if f.kind in EVENT_EFFECT and _active(f, on)}
    for strongest in (
        ValidityStatus.EXPIRED,
        ValidityStatus.SUSPENDED,
        ValidityStatus.PARTLY_SUSPENDED,
        ValidityStatus.PARTLY_EXPIRED,
    ):
        if strongest in applied:
            return strongest
    if effective_on and on < effective_on:
        return ValidityStatus.NOT_YET_IN_FORCE
    recorded = getattr(document, "recorded_status", "")
    if recorded and recorded != ValidityStatus.NOT_YET_IN_FORCE:
        return ValidityStatus(recorded)
    if effective_on or any(f.kind == EventKind.IN_FORCE and f.date <= on for f in facts):
        return ValidityStatus.IN_FORCE
    if recorded:
        return ValidityStatus(recorded)
    return ValidityStatus.UNKNOWN


def next_change(document, after: datetime.date, facts: Iterable[Fact] | None = None):
    """The first day after `after` on which the derived status may change, or None."""
    facts = list(document.status_facts() if facts is None else facts)
    dates = [document.effective_on, document.expires_on]
    for fact in facts:
        dates += [fact.date, fact.ends_on]
    upcoming = [d for d in dates if d and d > after]
    return min(upcoming) if upcoming else None
