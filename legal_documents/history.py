"""Keeping documents' recorded changes in step with the pages that cause them.

Publishing a document that replaces, repeals, amends or supplements others records the event
in each target's history; publishing an expired-document list records each entry in its
document's history. Both run after the transaction commits, are idempotent (keyed by
`RecordedChange.source`) and refresh the cached status of every document they touch.
"""

from __future__ import annotations

from django.db import transaction

from legal_documents.models import (
    ExpiredDocumentListPage,
    LegalDocumentPage,
    RecordedChange,
)
from legal_documents.models.choices import LIST_GROUP_EVENTS, RELATION_EVENTS


def refresh_statuses(document_ids) -> int:
    """Recompute the cached status of the given documents; returns how many changed (and
    schedules their search documents for reindexing: `.update()` sends no signal)."""
    from legal_documents.status import next_change, status_on, today
    from search.indexing import schedule_pages_update

    now = today()
    changed = 0
    documents = LegalDocumentPage.objects.filter(pk__in=set(document_ids)).prefetch_related(
        "events", "recorded_changes"
    )
    reindex = []
    for document in documents:
        facts = document.status_facts()
        status = status_on(document, now, facts)
        valid_until = next_change(document, now, facts)
        if status != document.status or valid_until != document.status_valid_until:
            LegalDocumentPage.objects.filter(pk=document.pk).update(
                status=status, status_valid_until=valid_until
            )
            changed += 1
            if status != document.status:
                reindex.append(document.pk)
    schedule_pages_update(reindex)
    return changed


def refresh_stale_statuses() -> int:
    """Refresh documents whose cached status may have changed since it was computed.

    Cheap enough to run on reads: one indexed query that is empty on most days.
    """
    from legal_documents.status import today

    stale = LegalDocumentPage.objects.filter(status_valid_until__lte=today()).values_list(
        "pk", flat=True
    )
    ids = list(stale[:500])
    return refresh_statuses(ids) if ids else 0


def sync_relation_changes(source: LegalDocumentPage, live: bool = True) -> None:
    """Record (or, when `source` is no longer live, withdraw) what `source` does to others."""
    previous = set(
        RecordedChange.objects.filter(cause=source, expired_list=None).values_list(
            "document_id", flat=True
        )
    )
    keep = []
    if live:
        for relation in source.relations.all():
            if relation.kind not in RELATION_EVENTS or relation.target_id == source.pk:
                continue
            date = relation.effective_date()
            if date is None:
                continue
            whole, partial = RELATION_EVENTS[relation.kind]
            key = f"relation:{source.pk}:{relation.pk}"
            RecordedChange.objects.update_or_create(
                document_id=relation.target_id,
                source=key,
                defaults={
                    "kind": partial if relation.part else whole,
                    "date": date,
                    "part": relation.part,
                    "reason": "",
                    "cause": source,
                    "expired_list": None,
                },
            )
            keep.append(key)
    stale = RecordedChange.objects.filter(cause=source, expired_list=None).exclude(source__in=keep)
    stale.delete()
    touched = previous | set(source.relations.values_list("target_id", flat=True))
    refresh_statuses(touched | {source.pk})


def sync_list_changes(expired_list: ExpiredDocumentListPage, live: bool = True) -> None:
    """Record (or withdraw) every entry of the list in its document's history."""
    previous = set(expired_list.recorded_changes.values_list("document_id", flat=True))
    keep = []
    if live:
        for entry in expired_list.entries.all():
            if entry.document_id is None:
                continue
            key = f"list:{expired_list.pk}:{entry.pk}"
            RecordedChange.objects.update_or_create(
                document_id=entry.document_id,
                source=key,
                defaults={
                    "kind": LIST_GROUP_EVENTS[entry.group],
                    "date": entry.date,
                    "part": entry.part,
                    "reason": entry.reason,
                    "cause": None,
                    "expired_list": expired_list,
                },
            )
            keep.append(key)
    expired_list.recorded_changes.exclude(source__in=keep).delete()
    touched = previous | set(expired_list.entries.values_list("document_id", flat=True))
    refresh_statuses(touched)


def _after_commit(function, page_id: int, model, live: bool) -> None:
    def run():
        page = model.objects.filter(pk=page_id).first()
        if page is not None:
            function(page, live=live)

    transaction.on_commit(run)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        _after_commit(sync_relation_changes, instance.pk, LegalDocumentPage, True)
    elif isinstance(instance, ExpiredDocumentListPage):
        _after_commit(sync_list_changes, instance.pk, ExpiredDocumentListPage, True)


def on_page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        _after_commit(sync_relation_changes, instance.pk, LegalDocumentPage, False)
    elif isinstance(instance, ExpiredDocumentListPage):
        _after_commit(sync_list_changes, instance.pk, ExpiredDocumentListPage, False)


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished

    for model in (LegalDocumentPage, ExpiredDocumentListPage):
        page_published.connect(on_page_published, sender=model, dispatch_uid=f"ld-pub-{model}")
        page_unpublished.connect(
            on_page_unpublished, sender=model, dispatch_uid=f"ld-unpub-{model}"
        )
