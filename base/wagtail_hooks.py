"""Wagtail hooks of the shared app: which page a cached response belongs to."""

from wagtail import hooks

from base.cache import mark_owner


@hooks.register("before_serve_page")
def remember_page_served(page, request, serve_args, serve_kwargs):
    # Sub-routes of a routable page (filtered lists, field pages) belong to the page, so
    # purging the page purges them too.
    mark_owner(request, page)
