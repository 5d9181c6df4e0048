"""Documents follow the privacy of the pages that use them.

Wagtail protects a document held in a restricted collection by itself (its serve view checks
the collection's restriction). A document attached to a page (a procedure's form, a legal
text's file, a link in an article) is another matter: Wagtail serves it to anyone at
/documents/<id>/<name>. The `before_serve_document` hook registered in base.wagtail_hooks
calls `refuse_unless_allowed`: a document used only by pages the public may not see is served
only to editors and to visitors who passed one of those pages' restrictions (password,
login, group). Which pages use a document comes from Wagtail's reference index, so no domain
app needs to be known here.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import render
from wagtail.models import Page, ReferenceIndex

from base.visibility import is_public, restricted_paths


def pages_using(document) -> list[Page]:
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=[int(i) for i in ids if str(i).isdigit()]))


def may_view(page, request) -> bool:
    """True when this request may see `page` (live, and every restriction on it accepts)."""
    if not page.live:
        return False
    return all(r.accept_request(request) for r in page.get_view_restrictions())


def is_editor(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def refuse_unless_allowed(document, request):
    """None to let Wagtail serve `document`, else the Vietnamese 404 (we do not say why)."""
    pages = pages_using(document)
    if not pages:
        return None
    paths = restricted_paths()
    if any(is_public(page, paths) for page in pages):
        return None
    if is_editor(request) or any(may_view(page, request) for page in pages):
        return None
    return render(request, "404.html", {}, status=404)
