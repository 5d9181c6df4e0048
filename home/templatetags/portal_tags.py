"""Template tags for the site's frame: main navigation and breadcrumbs."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        root = site.root_page
        items = root.get_children().live().public().in_menu().only("title", "url_path")
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    return {
        "items": [
            {
                "title": item.title,
                "url": item.get_url(request),
                "active": bool(current_path) and current_path.startswith(item.url_path),
            }
            for item in items
        ],
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, trail=None):
    """Breadcrumbs for the current page; `trail` adds (title, url) pairs past the page."""
    page = context.get("page")
    request = context.get("request")
    crumbs = []
    if page is not None and page.depth > 2:
        for ancestor in page.get_ancestors().filter(depth__gt=1):
            crumbs.append({"title": ancestor.title, "url": ancestor.get_url(request)})
        crumbs.append({"title": page.title, "url": page.get_url(request)})
    for title, url in trail or []:
        crumbs.append({"title": title, "url": url})
    if crumbs:
        crumbs[-1]["current"] = True
    return {"crumbs": crumbs}
