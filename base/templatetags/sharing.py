"""Tags every page's <head> uses so that a shared or cited link carries a preview.

`{% share_meta site_name=... default_description=... %}` writes the meta description, the
canonical link, Open Graph and Twitter card tags. Views may set in the context:
`canonical_url` (lists: the cleaned filters and page), `meta_description`, `share_title`;
otherwise they come from the page (SEO title, search description, listing summary and image).
"""

from django import template
from django.templatetags.static import static

from base.public_url import absolute_url

register = template.Library()

DEFAULT_IMAGE = "img/og-default.png"
DESCRIPTION_LENGTH = 300


def _absolute(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")) or request is None:
        return url
    return absolute_url(url, request)


def _rendition(page):
    image = getattr(page, "listing_image", None)
    if image is None:
        return None
    try:
        return image.get_rendition("fill-1200x630|format-jpeg")
    except Exception:  # a missing file must not break the page; the default image is shown
        return None


def _page_url(page, request) -> str:
    """The page's own full URL when the request is for the page itself (not one of its
    routes), else the requested path; the query string is never part of it."""
    if request is None:
        return ""
    if hasattr(page, "get_full_url") and page.get_url(request) == request.path:
        return page.get_full_url(request) or absolute_url(request.path, request)
    return absolute_url(request.path, request)


@register.inclusion_tag("components/share_meta.html", takes_context=True)
def share_meta(context, site_name: str = "", default_description: str = "", title: str = ""):
    request = context.get("request")
    page = context.get("page")
    if page is not None and "action_url" in context and "form" in context:
        # Wagtail's password prompt for a private page: its title, summary, address and image
        # are exactly what the prompt must not tell; only the site's defaults are shared.
        page, context = None, {"request": request}
    title = (
        context.get("share_title")
        or title
        or getattr(page, "seo_title", "")
        or context.get("heading")
        or getattr(page, "title", "")
        or site_name
    )
    description = (
        context.get("meta_description")
        or getattr(page, "search_description", "")
        or getattr(page, "listing_summary", "")
        or getattr(page, "summary_text", "")
        or default_description
    )
    description = " ".join(str(description).split())
    if len(description) > DESCRIPTION_LENGTH:
        description = description[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    canonical = context.get("canonical_url") or _page_url(page, request)
    rendition = _rendition(page)
    image = rendition.url if rendition is not None else static(DEFAULT_IMAGE)
    return {
        "image_width": rendition.width if rendition is not None else 1200,
        "image_height": rendition.height if rendition is not None else 630,
        "image_alt": getattr(page.listing_image, "default_alt_text", "") if rendition else title,
        "title": title,
        "description": description,
        "canonical": canonical,
        "image": _absolute(request, image),
        "site_name": site_name,
        "og_type": "article" if context.get("share_type") == "article" else "website",
    }
