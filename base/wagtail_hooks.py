"""Wagtail hooks of the shared app: admin-wide pieces every editor meets (readable
comparisons, confirmations before acting), which page a cached response belongs to, and
documents that follow the privacy of the pages using them."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from base.cache import mark_owner
from base.documents import refuse_unless_allowed

hooks.register("before_serve_document", refuse_unless_allowed)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("base/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_confirmations():
    return format_html('<script src="{}"></script>', static("base/admin-confirm.js"))


@hooks.register("before_serve_page")
def remember_page_served(page, request, serve_args, serve_kwargs):
    # Sub-routes of a routable page (filtered lists, field pages) belong to the page, so
    # purging the page purges them too.
    mark_owner(request, page)
