"""Which pages the public may see, for every place that lists or links other pages.

A page is public when it is live and neither it nor an ancestor carries a view restriction
(password, login, groups). Wagtail's `PageQuerySet.public()` answers that for page querysets;
these helpers answer it for relations (`public_q("target__")`) and single pages, so that a
related-documents list, a successor link or a yearly list never shows the title of a private
or unpublished page.

The restricted paths are read once per content generation (`base.cache.shared`): adding,
changing or removing a view restriction, or moving a page, makes a new generation
(`base.purging`), so the answer follows every change. Query with `.filter(public_q())`
rather than Wagtail's `.live().public()`, which reads the restrictions again each time.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import PageViewRestriction

from base.cache import shared


def restricted_paths() -> list[str]:
    """Tree paths of the pages that carry a view restriction (their subtrees are private)."""
    return shared("restricted-paths", _read_restricted_paths)


def _read_restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def public_q(prefix: str = "", paths: list[str] | None = None) -> Q:
    """A filter keeping only public pages, on a Page model or through a relation `prefix`."""
    condition = Q(**{f"{prefix}live": True})
    for path in restricted_paths() if paths is None else paths:
        condition &= ~Q(**{f"{prefix}path__startswith": path})
    return condition


def is_public(page, paths: list[str] | None = None) -> bool:
    if page is None or not page.live:
        return False
    paths = restricted_paths() if paths is None else paths
    return not any(page.path.startswith(path) for path in paths)
