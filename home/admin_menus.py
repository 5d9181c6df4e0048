"""Admin menus that show a role only the sections it works in.

Wagtail shows a page listing's menu item to everyone who may enter the admin; a news editor
clicking "Thủ tục hành chính" would find a list they can open nothing in. A section's menu
item is shown when the user holds a page permission on a page of that section (the listed
page type or its index page), or on one of their ancestors (reviewers hold theirs on the root).
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.admin.menu import MenuItem
from wagtail.models import GroupPagePermission, Page


def works_on(user, page_models) -> bool:
    """True when `user` has a page permission over some page of `page_models`."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    paths = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    if not paths:
        return False
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return Page.objects.type(*page_models).filter(under).exists()


class SectionMenuItem(MenuItem):
    page_models: tuple = ()

    def is_shown(self, request):
        return works_on(request.user, self.page_models)


def section_menu_item_class(*page_models):
    """A menu item shown to users who work on `page_models` or on pages that may hold them
    (a section with no pages yet is still its editors' to fill)."""
    models = set(page_models)
    for model in page_models:
        models.update(p for p in model.allowed_parent_page_models() if p is not Page)
    return type("SectionMenuItem", (SectionMenuItem,), {"page_models": tuple(models)})


class SectionListingMixin:
    """For PageListingViewSets: the menu item only for users who work on that section."""

    @property
    def menu_item_class(self):
        return section_menu_item_class(self.model)
