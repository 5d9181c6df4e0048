"""Keeping the index in step with published content.

Wagtail's publish, unpublish and move signals, page deletion and view-restriction changes
schedule an update for any model with a registered builder (`search.documents.register`): a
row in the editor's transaction and a django-tasks task after the commit (search/tasks.py,
which retries failures and whose backlog the admin dashboard shows). The update rebuilds the search
document of the page and its descendants (their URLs or visibility may have changed) and
writes it to every engine: the database engine always (it is the fallback's data) and
Elasticsearch when configured. A failure is logged and never reaches the editor: the next
`manage.py rebuild_search_index` repairs what it missed.

Bulk writers (the importers) wrap their work in `deferred_updates()`: inside it the signal
handlers only note which pages changed, and when the block ends the noted pages are indexed
once, in batches, after the transaction commits (nothing at all if it rolled back).
`paused_wagtail_index()` does the same for Wagtail's own admin search index, which would
otherwise be written once per saved object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Page, PageViewRestriction

from search.documents import SearchDocument, builder_for, document_key, registered_models
from search.engines.base import SearchEngine, get_database_engine

logger = logging.getLogger(__name__)


def writing_engines() -> list[SearchEngine]:
    """Every engine an update goes to: the database engine, plus Elasticsearch if set."""
    from search.service import breaker

    engines = [get_database_engine()]
    # While the breaker is open the cluster is known to be down: writing to it would only
    # make the editor wait; the next rebuild_search_index repairs what it missed.
    if getattr(settings, "ELASTICSEARCH_URL", "") and breaker.allows():
        from base.outage import report_failure
        from search.engines.elasticsearch import ElasticsearchEngine

        try:
            engines.append(ElasticsearchEngine.from_settings())
        except Exception as error:  # settings that cannot work (search.E001), logged once
            report_failure("elasticsearch", error)
    return engines


def is_public(page: Page, restricted_paths: Iterable[str] | None = None) -> bool:
    """Live, not expired, and not behind a view restriction on itself or an ancestor.

    `restricted_paths` (the tree paths of every restricted page, read once by a bulk update)
    saves the query per page.
    """
    if not page.live or getattr(page, "expired", False):
        return False
    if restricted_paths is not None:
        return not any(page.path.startswith(path) for path in restricted_paths)
    return not page.get_view_restrictions().exists()


def build_document(
    instance, restricted_paths: Iterable[str] | None = None
) -> tuple[str | None, SearchDocument | None]:
    """(key, document) for an instance: document None means "must not be found".

    Key None means the instance's type has no builder and is none of search's business.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    builder = builder_for(instance)
    if builder is None:
        return None, None
    key = document_key(instance)
    if isinstance(instance, Page) and not is_public(instance, restricted_paths):
        return key, None
    try:
        document = builder(instance)
    except Exception:
        logger.exception("Search builder failed for %s; the item is left out of the index", key)
        return key, None
    return key, document


def update_instances(
    instances: Iterable, restricted_paths: Iterable[str] | None = None, strict: bool = False
) -> None:
    """Index or remove each instance in every engine; log failures, never raise (unless
    `strict`: then raise once every engine was tried, for the task to retry)."""
    to_index, to_delete = [], []
    for instance in instances:
        key, document = build_document(instance, restricted_paths)
        if key is None:
            continue
        if document is None:
            to_delete.append(key)
        else:
            to_index.append(document)
    if not (to_index or to_delete):
        return
    failures = []
    for engine in writing_engines():
        try:
            if to_delete:
                engine.delete(to_delete)
            if to_index:
                engine.index(to_index)
        except Exception:
            logger.exception(
                "Search index update failed on %s for %s; rebuild_search_index will repair it",
                engine.name,
                [*(d.key for d in to_index), *to_delete][:20],
            )
            failures.append(engine.name)
    if strict and failures:
        raise RuntimeError(f"search index update failed on {', '.join(failures)}")


def page_and_descendants(page_id: int) -> Iterator[Page]:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    yield page.specific
    yield from page.get_descendants().specific().iterator(chunk_size=200)


def schedule_page_update(page: Page, descendants: bool = True) -> None:
    """Update `page` (and its subtree) once the current transaction has committed."""
    page_id = page.pk
    pending = _deferred()
    if pending is not None:
        pending.note_page(page_id, descendants)
        return
    from search.tasks import record_page_update

    record_page_update([page_id], descendants)  # a task writes it after the commit


def schedule_pages_update(page_ids: Iterable[int]) -> None:
    """Index these pages again (not their subtrees) once the transaction has committed:
    for changes made without publishing (a status that changed by date, a renamed
    vocabulary item)."""
    ids = sorted(set(page_ids))
    if not ids:
        return
    pending = _deferred()
    if pending is not None:
        for page_id in ids:
            pending.note_page(page_id, False)
        return
    from search.tasks import record_page_update

    record_page_update(ids, False)


def schedule_dependents_update(instance) -> None:
    """Index again the items whose documents copy words of `instance` (search.documents
    `depends_on`): a field, agency or document type renamed changes their text and facets."""
    from search.documents import dependencies

    label = f"{instance._meta.app_label}.{instance._meta.object_name}"
    for model, lookup in dependencies().get(label, []):
        ids = model._default_manager.filter(**{lookup: instance}).values_list("pk", flat=True)
        schedule_pages_update(list(ids))


def schedule_delete(keys: list[str]) -> None:
    pending = _deferred()
    if pending is not None:
        pending.note_delete(keys)
        return
    from search.tasks import record_delete

    record_delete(keys)


# -- deferred (bulk) updates -----------------------------------------------------------------

BATCH_SIZE = 500
_local = threading.local()


@dataclass
class PendingUpdates:
    """What changed inside a `deferred_updates()` block, waiting to be indexed."""

    pages: dict[int, bool] = field(default_factory=dict)  # page id -> with descendants
    deleted: set[str] = field(default_factory=set)
    flushes: int = 0

    def note_page(self, page_id: int, descendants: bool) -> None:
        self.pages[page_id] = self.pages.get(page_id, False) or descendants

    def note_delete(self, keys: Iterable[str]) -> None:
        self.deleted.update(keys)

    def __bool__(self) -> bool:
        return bool(self.pages or self.deleted)


def _deferred() -> PendingUpdates | None:
    stack = getattr(_local, "stack", None)
    return stack[-1] if stack else None


@contextmanager
def deferred_updates() -> Iterator[PendingUpdates]:
    """Collect index updates made in the block and write them in bulk once it ends.

    The writes happen after the surrounding transaction commits (at once if there is
    none); if the block raises, or the transaction rolls back, nothing is written.
    Nested blocks fold into the outermost one.
    """
    outer = _deferred()
    if outer is not None:
        yield outer
        return
    pending = PendingUpdates()
    _local.stack = [pending]
    try:
        yield pending
    finally:
        _local.stack = []
    # Reached only when the block did not raise.
    if pending:
        transaction.on_commit(lambda: flush(pending))


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def _pages_to_update(pending: PendingUpdates) -> Iterator[Page]:
    """The noted pages (specific, in batches) and the subtrees of those that have any."""
    ids = list(pending.pages)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        for page in Page.objects.filter(pk__in=chunk).specific():
            yield page
            if pending.pages[page.pk] and page.numchild:
                yield from page.get_descendants().specific().iterator(chunk_size=200)


def flush(pending: PendingUpdates) -> None:
    """Write what `pending` holds to every engine: deletes in one call, documents in batches."""
    pending.flushes += 1
    try:
        restricted = _restricted_paths()
        seen: set[int] = set()
        batch: list[Page] = []
        for page in _pages_to_update(pending):
            if page.pk in seen:
                continue
            seen.add(page.pk)
            batch.append(page)
            if len(batch) >= BATCH_SIZE:
                update_instances(batch, restricted)
                batch = []
        if batch:
            update_instances(batch, restricted)
    except Exception:
        logger.exception("Deferred search update of %s pages failed", len(pending.pages))
    if pending.deleted:
        keys = sorted(pending.deleted)
        for engine in writing_engines():
            try:
                engine.delete(keys)
            except Exception:
                logger.exception("Search index delete failed on %s for %s", engine.name, keys[:20])


# -- Wagtail's admin search index -----------------------------------------------------------

_wagtail_lock = threading.Lock()
_wagtail_pausers = 0


def _wagtail_post_save(sender, instance, **kwargs):
    """Stands in for modelsearch's receiver while paused: collect in a pausing thread."""
    from modelsearch.signal_handlers import post_save_signal_handler

    collected = getattr(_local, "wagtail", None)
    if collected is None:
        post_save_signal_handler(instance, **kwargs)
    elif not kwargs.get("raw", False):
        collected.setdefault(type(instance), set()).add(instance.pk)


def _wagtail_models() -> list[type]:
    from modelsearch import index

    return [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]


def _swap_wagtail_receivers(pause: bool) -> None:
    from modelsearch.signal_handlers import post_save_signal_handler

    for model in _wagtail_models():
        old, new = (
            (post_save_signal_handler, _wagtail_post_save)
            if pause
            else (_wagtail_post_save, post_save_signal_handler)
        )
        if post_save.disconnect(old, sender=model):
            post_save.connect(new, sender=model)


def index_in_wagtail(objects_by_model: dict[type, Iterable[int]]) -> None:
    """Add the given objects to Wagtail's search backends in bulk (per model, in batches)."""
    from modelsearch.backends import get_search_backends_with_name

    backends = list(get_search_backends_with_name(with_auto_update=True))
    for model, pks in objects_by_model.items():
        pks = sorted(pks)
        for start in range(0, len(pks), BATCH_SIZE):
            chunk = pks[start : start + BATCH_SIZE]
            objects = list(model.get_indexed_objects().filter(pk__in=chunk))
            if not objects:
                continue
            for name, backend in backends:
                try:
                    backend.add_bulk(model, objects)
                except Exception:
                    logger.exception(
                        "Wagtail search index update failed on %s for %s", name, model.__name__
                    )
                    if not backend.catch_indexing_errors:
                        raise


@contextmanager
def paused_wagtail_index() -> Iterator[dict[type, set[int]]]:
    """Stop Wagtail's admin search index from being written per save in this thread;
    index what was saved in bulk after the transaction commits (nothing if it raises).

    Other threads keep indexing as usual while the pause lasts.
    """
    global _wagtail_pausers
    if getattr(_local, "wagtail", None) is not None:  # nested: the outer block indexes
        yield _local.wagtail
        return
    collected: dict[type, set[int]] = {}
    with _wagtail_lock:
        if _wagtail_pausers == 0:
            _swap_wagtail_receivers(pause=True)
        _wagtail_pausers += 1
    _local.wagtail = collected
    try:
        yield collected
    finally:
        _local.wagtail = None
        with _wagtail_lock:
            _wagtail_pausers -= 1
            if _wagtail_pausers == 0:
                _swap_wagtail_receivers(pause=False)
    if collected:
        transaction.on_commit(lambda: index_in_wagtail(collected))


@contextmanager
def bulk_indexing() -> Iterator[PendingUpdates]:
    """Both of the above: what an importer wraps its transaction in."""
    with paused_wagtail_index(), deferred_updates() as pending:
        yield pending


def all_documents() -> tuple[int, Iterator[SearchDocument]]:
    """(an upper bound of the count, the documents) of every searchable item, for rebuilds."""
    querysets = []
    for model in registered_models():
        manager = model._default_manager
        qs = manager.live().public() if issubclass(model, Page) else manager.all()
        querysets.append(qs.order_by("pk"))

    def documents():
        seen: set[str] = set()
        for qs in querysets:
            for instance in qs.iterator(chunk_size=500):
                key, document = build_document(instance)
                if document is not None and key not in seen:
                    seen.add(key)
                    yield document

    return sum(qs.count() for qs in querysets), documents()
