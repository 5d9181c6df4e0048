"""Keeping the index in step with published content.

Wagtail's publish, unpublish and move signals, page deletion and view-restriction changes
schedule an update after the transaction commits (`transaction.on_commit`), for any model
with a registered builder (`search.documents.register`). The update rebuilds the search
document of the page and its descendants (their URLs or visibility may have changed) and
writes it to every engine: the database engine always (it is the fallback's data) and
Elasticsearch when configured. A failure is logged and never reaches the editor: the next
`manage.py rebuild_search_index` repairs what it missed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from search.documents import SearchDocument, builder_for, document_key, registered_models
from search.engines.base import SearchEngine, get_database_engine

logger = logging.getLogger(__name__)


def writing_engines() -> list[SearchEngine]:
    """Every engine an update goes to: the database engine, plus Elasticsearch if set."""
    engines = [get_database_engine()]
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.engines.elasticsearch import ElasticsearchEngine

        engines.append(ElasticsearchEngine.from_settings())
    return engines


def is_public(page: Page) -> bool:
    """Live, not expired, and not behind a view restriction on itself or an ancestor."""
    if not page.live or getattr(page, "expired", False):
        return False
    return not page.get_view_restrictions().exists()


def build_document(instance) -> tuple[str | None, SearchDocument | None]:
    """(key, document) for an instance: document None means "must not be found".

    Key None means the instance's type has no builder and is none of search's business.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    builder = builder_for(instance)
    if builder is None:
        return None, None
    key = document_key(instance)
    if isinstance(instance, Page) and not is_public(instance):
        return key, None
    try:
        document = builder(instance)
    except Exception:
        logger.exception("Search builder failed for %s; the item is left out of the index", key)
        return key, None
    return key, document


def update_instances(instances: Iterable) -> None:
    """Index or remove each instance in every engine; log failures, never raise."""
    to_index, to_delete = [], []
    for instance in instances:
        key, document = build_document(instance)
        if key is None:
            continue
        if document is None:
            to_delete.append(key)
        else:
            to_index.append(document)
    if not (to_index or to_delete):
        return
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


def page_and_descendants(page_id: int) -> Iterator[Page]:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    yield page.specific
    yield from page.get_descendants().specific().iterator(chunk_size=200)


def schedule_page_update(page: Page, descendants: bool = True) -> None:
    """Update `page` (and its subtree) once the current transaction has committed."""
    page_id = page.pk

    def run():
        try:
            pages = page_and_descendants(page_id)
            update_instances(pages if descendants else list(pages)[:1])
        except Exception:
            logger.exception("Search update of page %s failed", page_id)

    transaction.on_commit(run)


def schedule_delete(keys: list[str]) -> None:
    def run():
        for engine in writing_engines():
            try:
                engine.delete(keys)
            except Exception:
                logger.exception("Search index delete failed on %s for %s", engine.name, keys)

    transaction.on_commit(run)


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
