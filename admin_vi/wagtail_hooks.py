"""The editor's guide in the admin: a page, a help-menu item and a dashboard panel.

Wagtail's own help items ("What's new", "Editor Guide") lead to English pages on another site;
they are replaced by our guide.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from admin_vi.guide import EditorGuidePanel, editor_guide

UPSTREAM_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("huong-dan/", editor_guide, name="admin_vi_editor_guide")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(
        "Hướng dẫn biên tập",
        reverse("admin_vi_editor_guide"),
        name="huong-dan-bien-tap",
        icon_name="help",
        order=900,
    )


@hooks.register("construct_help_menu")
def drop_english_help_items(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(UPSTREAM_HELP_ITEMS)]


@hooks.register("construct_homepage_panels")
def add_guide_panel(request, panels):
    panels.insert(0, EditorGuidePanel())
