"""What to purge from the caches when content changes, and when to do it.

Publishing, unpublishing, moving or deleting a page, or changing a vocabulary or the portal
settings, makes some cached responses wrong. This module works out which, and after the
transaction commits (once per transaction, however many pages an import publishes):

- bumps the content generation, so every fragment in Django's cache (`base.cache.shared`)
  is rebuilt;
- sends the URLs to Wagtail's frontend-cache invalidation (`wagtail.contrib.frontend_cache`,
  configured by `FRONTEND_CACHE_PURGE_URL`), which asks the caching proxy to purge them.

The URLs purged for a page are those of every page that shows it:

- the page itself;
- its ancestors: the section's index (its filtered lists, sub-routes and exports go with it,
  see `deploy/varnish/portal.vcl`) and the home page, whose purge also drops the views
  outside the page tree (sitemap, feeds, search, exports, number lookups);
- the pages Wagtail's reference index links to it in either direction (related news, the
  inspection a news article reports on, a chosen document or successor procedure);
- the pages each app names through the `pages_showing` hook, for links that are not foreign
  keys (a procedure citing a legal document by its number).

Some changes show on every page, and then everything is purged (`/*`): the home page or a
section (the navigation), a move (URLs change under the moved page), the portal settings
(header and footer), a vocabulary (snippets: fields, agencies, document types... appear on
many pages and in every filter), a redirect (a cached "not found" may now redirect).

Snippets with drafts (Wagtail's `DraftStateMixin`: the statistics) purge only when what the
public sees changes: a publish, an unpublish, a direct save of a live row (an import), the
deletion of a live row; never a draft saved or submitted for review (`changes_live_content`).
"""

from __future__ import annotations

import threading

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import DraftStateMixin, Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, pre_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from base.cache import bump_generation

# Name of the hook through which an app names the pages that show a page of its own:
#   @hooks.register("pages_showing")
#   def procedures_citing_document(page): return [...]  # pages, or [] when not concerned
PAGES_SHOWING_HOOK = "pages_showing"
# Pages at this depth or above are in the navigation of every page (home = 2, sections = 3).
MENU_DEPTH = 3
# Past this many URLs in one transaction (a bulk import), purging everything is cheaper.
MAX_URLS = 200
# Models whose changes show everywhere besides snippets and settings.
ALWAYS_EVERYWHERE = (
    "wagtailredirects.Redirect",
    "wagtailcore.Site",
    # A restricted page must leave the shared cache, and pages check for restrictions
    # through Django's cache (home.models.BasePage.get_view_restrictions).
    "wagtailcore.PageViewRestriction",
)

_state = threading.local()


class _Pending:
    def __init__(self):
        self.urls: set[str] = set()
        self.everything = False
        self.registered = False  # a flush waits for the commit


def _pending() -> _Pending:
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = _state.pending = _Pending()
    return pending


def _schedule():
    # Fragments are stale at once for this process, which may read its own uncommitted
    # change (an import, a test), and again after the commit for every process, since
    # another one may have rebuilt them from the old state in between.
    bump_generation()
    # Outside a transaction it runs at once; inside, Django keeps it for the commit (and
    # drops it on a rollback, after which the next change registers it again). Once per
    # transaction, however many pages it publishes.
    pending = _pending()
    connection = transaction.get_connection()
    if (
        pending.registered
        and connection.in_atomic_block
        and any(callback is flush for _, callback, _ in connection.run_on_commit)
    ):
        return
    pending.registered = True
    transaction.on_commit(flush)


def purge_everything():
    _pending().everything = True
    _schedule()


def purge_page(page):
    """Purge everything that shows `page` (live or just unpublished) after the commit."""
    pending = _pending()
    if not pending.everything:
        if page.depth <= MENU_DEPTH:
            pending.everything = True
        else:
            pending.urls.update(urls_showing(page))
            if len(pending.urls) > MAX_URLS:
                pending.everything = True
    _schedule()


def discard_pending():
    """Forget what was collected (tests; work of a transaction that rolled back)."""
    _state.pending = None


def flush():
    """Do the pending work now: new fragment generation, then the proxy's purge."""
    pending = getattr(_state, "pending", None)
    _state.pending = None
    if pending is None:
        return
    bump_generation()
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if pending.everything:
        urls = {site.root_url.rstrip("/") + "/*" for site in Site.objects.all()}
    else:
        urls = pending.urls
    if urls:
        purge_urls_from_cache(sorted(urls))


def pages_showing(page) -> set[Page]:
    """The live pages whose responses show `page`, `page` included."""
    pages = {page}
    pages.update(page.get_ancestors().filter(depth__gt=1))
    page_type = ReferenceIndex._get_base_content_type(Page)
    referencing = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    referenced = ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
    ids = {int(i) for i in referencing.values_list("object_id", flat=True)}
    ids.update(int(i) for i in referenced.values_list("to_object_id", flat=True))
    ids.discard(page.pk)
    if ids:
        pages.update(Page.objects.live().filter(pk__in=ids))
    for showing in hooks.get_hooks(PAGES_SHOWING_HOOK):
        pages.update(showing(page) or ())
    return pages


def urls_showing(page) -> set[str]:
    urls = set()
    for shown in pages_showing(page):
        full_url = shown.get_full_url()
        if full_url is None:
            continue
        urls.update(
            full_url + path.lstrip("/") for path in shown.specific_deferred.get_cached_paths()
        )
    return urls


# Signal receivers ---------------------------------------------------------------------------


def _on_publish_or_unpublish(sender, instance, **kwargs):
    purge_page(instance)


def _on_move(sender, instance, **kwargs):
    purge_everything()


def _on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge_page(instance)


def _shows_everywhere(model) -> bool:
    if issubclass(model, BaseSiteSetting | BaseGenericSetting):
        return True
    if model._meta.label in ALWAYS_EVERYWHERE:
        # Not the historical models that migrations save.
        return apps.get_model(model._meta.label) is model
    return model in get_snippet_models() and not issubclass(model, Page)


def changes_live_content(instance, update_fields=None) -> bool:
    """Whether saving (or deleting) `instance` changes what the public sees.

    Always, for models without drafts. For a `DraftStateMixin` model only a full save (or the
    deletion) of a live row does: Wagtail saves a draft of a live row as a revision, touching
    only bookkeeping fields of the row (`update_fields`), and a new draft is not live.
    Unpublishing is told by Wagtail's `unpublished` signal.
    """
    if not isinstance(instance, DraftStateMixin):
        return True
    return instance.live and update_fields is None


def _on_vocabulary_change(sender, instance, update_fields=None, **kwargs):
    if _shows_everywhere(sender) and changes_live_content(instance, update_fields):
        purge_everything()


def _on_snippet_publish_or_unpublish(sender, instance, **kwargs):
    if not isinstance(instance, Page) and _shows_everywhere(sender):
        purge_everything()


def connect():
    """Connect the receivers (called once from `BaseConfig.ready`)."""
    page_published.connect(_on_publish_or_unpublish, dispatch_uid="base.purging.published")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid="base.purging.unpublished")
    pre_page_move.connect(_on_move, dispatch_uid="base.purging.moved")
    pre_delete.connect(_on_delete, dispatch_uid="base.purging.deleted")
    post_save.connect(_on_vocabulary_change, dispatch_uid="base.purging.vocabulary_saved")
    post_delete.connect(_on_vocabulary_change, dispatch_uid="base.purging.vocabulary_deleted")
    published.connect(_on_snippet_publish_or_unpublish, dispatch_uid="base.purging.snippet_pub")
    unpublished.connect(
        _on_snippet_publish_or_unpublish, dispatch_uid="base.purging.snippet_unpublished"
    )
