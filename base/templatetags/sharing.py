"""Tags every page's <head> uses so that a shared or cited link carries a preview.

`{% share_meta site_name=... default_description=... %}` writes the meta description, the
canonical link, Open Graph and Twitter card tags. Views may set in the context:
`canonical_url` (lists: the cleaned filters and page), `meta_description`, `share_title`;
otherwise they come from the page (SEO title, search description, listing summary and image).
"""

from django import template
from django.templatetags.static import static

register = template.Library()

DEFAULT_IMAGE = "img/og-default.png"
DESCRIPTION_LENGTH = 300


def _absolute(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


def _image_url(page) -> str:
    image = getattr(page, "listing_image", None)
    if image is None:
        return ""
    try:
        return image.get_rendition("fill-1200x630").url
    except Exception:  # a missing file must not break the page; the default image is shown
        return ""


@register.inclusion_tag("components/share_meta.html", takes_context=True)
def share_meta(context, site_name: str = "", default_description: str = "", title: str = ""):
    request = context.get("request")
    page = context.get("page")
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
        or default_description
    )
    description = " ".join(str(description).split())
    if len(description) > DESCRIPTION_LENGTH:
        description = description[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    canonical = context.get("canonical_url") or (
        request.build_absolute_uri(request.path) if request is not None else ""
    )
    image = _image_url(page) or static(DEFAULT_IMAGE)
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "image": _absolute(request, image),
        "site_name": site_name,
        "og_type": "article" if context.get("share_type") == "article" else "website",
    }
