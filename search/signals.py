"""Signal receivers that schedule index updates (see search/indexing.py)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.documents import builder_for, document_key
from search.indexing import schedule_delete, schedule_dependents_update, schedule_page_update


def on_published(sender, instance, **kwargs):
    # Descendants too: publishing may change their URL (slug) or their ancestor's title.
    schedule_page_update(instance, descendants=True)


def on_unpublished(sender, instance, **kwargs):
    schedule_page_update(instance, descendants=True)


def on_moved(sender, instance, **kwargs):
    schedule_page_update(instance, descendants=True)


def on_deleted(sender, instance, **kwargs):
    # Sent once per model of the page's inheritance chain: only the registered one counts.
    if builder_for(instance) is not None:
        schedule_delete([document_key(instance)])


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule_page_update(page, descendants=True)


def on_vocabulary_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_dependents_update(instance)


def on_synonym_changed(sender, instance, **kwargs):
    from django.db import transaction

    from search.engines.elasticsearch import push_vocabulary
    from search.synonyms import forget_vocabulary

    forget_vocabulary()
    transaction.on_commit(push_vocabulary)


def connect():
    from django.apps import apps

    from search.documents import dependencies
    from search.models import Synonym

    post_save.connect(on_synonym_changed, sender=Synonym, dispatch_uid="search_synonym_saved")
    post_delete.connect(on_synonym_changed, sender=Synonym, dispatch_uid="search_synonym_deleted")

    for label in dependencies():
        post_save.connect(
            on_vocabulary_saved,
            sender=apps.get_model(label),
            dispatch_uid=f"search_vocabulary_saved_{label}",
        )
    page_published.connect(on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search_page_moved")
    post_delete.connect(on_deleted, dispatch_uid="search_instance_deleted")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved"
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search_restriction_deleted",
    )
