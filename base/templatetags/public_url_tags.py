"""`{% absolute_url url %}`: a root-relative URL made absolute by base.public_url, for the
few places in HTML that need one (og:image)."""

from django import template

from base import public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return public_url.absolute_url(str(url or ""), context.get("request"))
