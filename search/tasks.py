"""Index updates off the editor's request: an outbox and a django-tasks task.

`record_page_update` / `record_delete` write a `PendingIndexUpdate` row in the editor's
transaction (nothing if it rolls back) and enqueue `process_index_updates` after the commit.
The task writes every pending update to every engine (search.indexing.update_instances) and
deletes the rows that succeeded; a failed one keeps its row with the error and is tried again
later, after a back-off (2, 4, 8... minutes, at most an hour): by the next task (any later
publish enqueues one), by the task itself when the backend can run it later, or by
`manage.py process_search_updates` (cron). `rebuild_search_index` clears what it covered.

With the ImmediateBackend (settings/base.py) the task runs right after the commit, in the
request; with a worker backend (TASKS) it runs in the worker and the editor never waits for
Elasticsearch. The number of waiting updates is on the admin dashboard (wagtail_hooks).
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task
from wagtail.models import Page

from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)

MAX_BACKOFF = datetime.timedelta(hours=1)


def _enqueue_after_commit() -> None:
    transaction.on_commit(lambda: process_index_updates.enqueue())


def record_page_update(page_ids, descendants: bool) -> None:
    from search.indexing import BATCH_SIZE

    ids = sorted(set(page_ids))
    PendingIndexUpdate.objects.bulk_create(
        PendingIndexUpdate(
            action=PendingIndexUpdate.PAGE,
            page_ids=ids[start : start + BATCH_SIZE],
            descendants=descendants,
        )
        for start in range(0, len(ids), BATCH_SIZE)
    )
    _enqueue_after_commit()


def record_delete(keys: list[str]) -> None:
    PendingIndexUpdate.objects.create(action=PendingIndexUpdate.DELETE, keys=list(keys))
    _enqueue_after_commit()


def _apply(update: PendingIndexUpdate) -> None:
    from search.indexing import page_and_descendants, update_instances, writing_engines

    if update.action == PendingIndexUpdate.DELETE:
        errors = []
        for engine in writing_engines():
            try:
                engine.delete(update.keys)
            except Exception as error:
                errors.append(f"{engine.name}: {error}")
        if errors:
            raise RuntimeError("; ".join(errors))
        return
    if update.descendants:
        for page_id in update.page_ids:
            update_instances(page_and_descendants(page_id), strict=True)
    else:
        update_instances(Page.objects.filter(pk__in=update.page_ids).specific(), strict=True)


def backlog() -> dict:
    """What the admin shows: updates waiting, and those that failed at least once."""
    pending = PendingIndexUpdate.objects.all()
    return {"pending": pending.count(), "failing": pending.filter(attempts__gt=0).count()}


@task()
def process_index_updates() -> dict:
    """Write the pending updates that are due; keep the failed ones for a retry."""
    now = timezone.now()
    due = PendingIndexUpdate.objects.filter(next_attempt_at__isnull=True) | (
        PendingIndexUpdate.objects.filter(next_attempt_at__lte=now)
    )
    done = failed = 0
    for update in due.order_by("id")[:1000]:
        try:
            _apply(update)
        except Exception as error:
            failed += 1
            update.attempts += 1
            delay = min(datetime.timedelta(minutes=2**update.attempts), MAX_BACKOFF)
            update.next_attempt_at = now + delay
            update.last_error = str(error)[:2000]
            update.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            logger.warning(
                "Search index update %s failed (attempt %s), retried after %s: %s",
                update, update.attempts, delay, error,
            )  # fmt: skip
        else:
            done += 1
            PendingIndexUpdate.objects.filter(pk=update.pk).delete()
    if failed and default_task_backend.supports_defer:
        retry_at = PendingIndexUpdate.objects.order_by("next_attempt_at").first()
        if retry_at is not None and retry_at.next_attempt_at:
            process_index_updates.using(run_after=retry_at.next_attempt_at).enqueue()
    return {"done": done, "failed": failed}
