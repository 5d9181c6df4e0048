"""Template tags for the site's frame: main navigation and breadcrumbs.

Both are the same for every visitor and change only when pages are published, moved or
deleted, so they come from Django's cache (`base.cache.shared`, purged by `base.purging`).
"""

from django import template
from wagtail.models import Site

from base.cache import shared
from base.visibility import public_q

register = template.Library()


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:

        def load():
            children = site.root_page.get_children().filter(public_q()).in_menu()
            return [
                (item.title, item.get_url(request), item.url_path)
                for item in children.only("title", "url_path")
            ]

        items = shared(f"main-navigation:{site.pk}", load, request=request)
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    return {
        "items": [
            {
                "title": title,
                "url": url,
                "active": bool(current_path) and current_path.startswith(url_path),
            }
            for title, url, url_path in items
        ],
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, trail=None):
    """Breadcrumbs for the current page; `trail` adds (title, url) pairs past the page."""
    page = context.get("page")
    request = context.get("request")
    crumbs = []
    if page is not None and page.depth > 2:

        def load():
            return [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=1)
            ]

        # A preview of a page never saved has no key yet.
        ancestors = shared(f"breadcrumbs:{page.pk}", load, request=request) if page.pk else load()
        crumbs = [dict(c) for c in ancestors]
        crumbs.append({"title": page.title, "url": page.get_url(request)})
    for title, url in trail or []:
        crumbs.append({"title": title, "url": url})
    if crumbs:
        crumbs[-1]["current"] = True
    return {"crumbs": crumbs}
