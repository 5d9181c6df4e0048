"""Public views of the catalogue, called by the routes of the index and procedure pages.

Bad input (unknown filter values, malformed page numbers, absurd sort keys) gives a clear
Vietnamese message and a 400, never a 500; an unknown code gives a 404 that suggests a search.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlencode

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Site

from base.listing import FORMAT_PARAM, Listing, export_response, legacy_redirect
from base.public_url import absolute_url
from base.visibility import is_public, restricted_paths
from home.models import PortalSettings
from procedures_catalog.catalogue import (
    PAGE_SIZE,
    SORTS,
    STATUS_CHOICES,
    CatalogueQuery,
)
from procedures_catalog.choices import ChannelMode, ProcedureStatus
from procedures_catalog.legal_basis import legal_basis_items
from procedures_catalog.models import ProcedureCodeAlias, ProcedurePage
from procedures_catalog.offices import COMMUNE_PARAM, NATIONAL_PORTAL, online_link, where_to_go
from procedures_catalog.status import status_sentence

VOCABULARY_HEADINGS = {
    "field": "Thủ tục thuộc lĩnh vực",
    "agency": "Thủ tục do cơ quan thực hiện",
    "life_situation": "Thủ tục theo sự kiện",
}


# -- the catalogue -------------------------------------------------------------------------


def catalogue(index, request, kind: str | None = None, vocabulary=None):
    """The filtered catalogue, or the same list as CSV/JSON (`?dinh-dang=`), by the listing
    convention of `base.listing`."""
    redirect_response = legacy_redirect(request)
    if redirect_response is not None:
        return redirect_response
    fixed = {kind: vocabulary} if kind else None
    query = CatalogueQuery.from_request(request, fixed=fixed)
    listing = Listing(request)
    for error in query.errors:
        listing.reject(error)
    if listing.format:
        if listing.errors:
            return listing.error_response()
        return export(index, request, listing.format, query)
    page_obj = listing.page(query.results(index), PAGE_SIZE)
    heading = index.title
    if vocabulary is not None:
        heading = f"{VOCABULARY_HEADINGS[kind]}: {vocabulary.name}"
    state = query.params()
    links = listing.links(state, page_obj.number)
    if kind is None or kind in VOCABULARY_ROUTES:
        full_state = dict(state)
        if kind is not None:
            full_state[VOCABULARY_ROUTES[kind]] = vocabulary.slug
        links["canonical_url"] = _canonical_url(index, listing, full_state, page_obj.number)
    response = index.render(
        request,
        template="procedures_catalog/procedure_index_page.html",
        context_overrides={
            "heading": heading,
            "vocabulary": vocabulary,
            "vocabulary_kind": kind,
            "query": query,
            "facets": query.facets(index),
            "errors": listing.errors,
            "page_obj": page_obj,
            "procedures": page_obj.object_list,
            **links,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "statuses": list(STATUS_CHOICES.items()),
            "export_base": index.url,
            "active_filter_count": len(query.active_filters()),
            "trail": [(vocabulary.name, request.path)] if vocabulary is not None else [],
        },
    )
    response.status_code = listing.status
    return response


# A filtered catalogue whose filter has a page of its own names that page as canonical, so that
# /thu-tuc/?co-quan=x and /thu-tuc/co-quan/x/ are one page to search engines and citations.
# The dimension's parameter is also its route's prefix (see ProcedureIndexPage's routes).
VOCABULARY_ROUTES = {"field": "linh-vuc", "agency": "co-quan"}


def _canonical_url(index, listing: Listing, state: dict[str, str], page_number: int) -> str:
    for param in VOCABULARY_ROUTES.values():
        if param in state:
            rest = {key: value for key, value in state.items() if key != param}
            path = f"{index.url}{param}/{state[param]}/"
            return listing.canonical_url(rest, page_number, path=path)
    return listing.canonical_url(state, page_number)


def vocabulary_page(index, request, kind: str, slug: str):
    from procedures_catalog.catalogue import VOCABULARY_MODELS

    vocabulary = VOCABULARY_MODELS[kind].objects.filter(slug=slug).first()
    if vocabulary is None:
        raise Http404
    return catalogue(index, request, kind=kind, vocabulary=vocabulary)


# -- exports -------------------------------------------------------------------------------

EXPORT_COLUMNS = [
    ("code", "Mã thủ tục"),
    ("name", "Tên thủ tục"),
    ("field", "Lĩnh vực"),
    ("levels", "Cấp thực hiện"),
    ("agencies", "Cơ quan thực hiện"),
    ("online_level", "Dịch vụ công trực tuyến"),
    ("status", "Tình trạng"),
    ("time_limits", "Thời hạn giải quyết"),
    ("fees", "Phí, lệ phí"),
    ("documents", "Thành phần hồ sơ"),
    ("status_since", "Tình trạng từ ngày"),
    ("decision", "Quyết định công bố"),
    ("successor", "Thủ tục thay thế"),
    ("updated", "Ngày cập nhật trong danh mục nguồn"),
    ("url", "Địa chỉ"),
]


def _channel_lines(page, attribute: str) -> list[str]:
    lines = []
    for channel in page.channels.all():
        value = getattr(channel, attribute)
        if value:
            lines.append(f"{channel.get_mode_display()}: {value}")
    return lines


def _document_lines(page) -> list[str]:
    lines = []
    for document in page.documents.all():
        # "Giấy tờ chung" or the case's heading: which group a person brings it in.
        heading = document.case or document.get_group_display()
        lines.append(f"{heading}: {document.name} ({document.quantity_label})")
    return lines


def _export_rows(index, request, query: CatalogueQuery) -> Iterator[dict]:
    queryset = query.results(index).select_related("successor")
    queryset = queryset.prefetch_related("channels", "documents")
    base_path = index.url
    private_paths = restricted_paths()
    for page in queryset.iterator(chunk_size=500):
        decision = page.decision_number
        if decision and page.decision_date:
            decision += f" ngày {page.decision_date:%d/%m/%Y}"
        yield {
            "code": page.code,
            "name": page.full_name,
            "field": page.field.name if page.field else "",
            "levels": [level.name for level in page.levels.all()],
            "agencies": [agency.name for agency in page.implementing_agencies.all()],
            "online_level": page.get_online_level_display(),
            "status": page.get_status_display(),
            "time_limits": _channel_lines(page, "time_label"),
            "fees": _channel_lines(page, "fee_label"),
            "documents": _document_lines(page),
            "status_since": page.status_since.isoformat() if page.status_since else "",
            "decision": decision,
            "successor": page.successor.code if is_public(page.successor, private_paths) else "",
            "updated": page.catalogue_date.isoformat() if page.catalogue_date else "",
            "url": absolute_url(f"{base_path}{page.code}/", request),
        }


def export(index, request, fmt: str, query: CatalogueQuery | None = None):
    if query is None:
        # The old /thu-tuc/xuat.csv address: the same list under the convention's URL.
        pairs = [(k, v) for k, vs in request.GET.lists() for v in vs]
        pairs.append((FORMAT_PARAM, fmt))
        return HttpResponsePermanentRedirect(f"{index.url}?{urlencode(pairs)}")
    count = query.results(index).count()
    return export_response(
        _export_rows(index, request, query),
        EXPORT_COLUMNS,
        fmt,
        "thu-tuc-hanh-chinh",
        filters=query.params(),
        count=count,
    )


# -- one procedure -------------------------------------------------------------------------


def procedure_fallback(index, request, code: str, suffix: str = ""):
    """A code that is not a live procedure's: an old code, a slug, or a helpful 404."""
    alias = ProcedureCodeAlias.objects.filter(code=code).select_related("page").first()
    target = None
    if alias is not None and is_public(alias.page):
        target = alias.page
    else:
        target = (
            ProcedurePage.objects.child_of(index).live().public().filter(slug=code.lower()).first()
        )
    if target is not None:
        return HttpResponsePermanentRedirect(target.url + suffix)
    response = TemplateResponse(
        request,
        "procedures_catalog/procedure_not_found.html",
        {"page": index, "code": code[:60], "search_url": reverse("search")},
        status=404,
    )
    return response


def procedure_detail(page, request):
    if page.status == ProcedureStatus.REPLACED and page.successor_id and "xem" not in request.GET:
        successor = ProcedurePage.objects.live().public().filter(pk=page.successor_id).first()
        if successor is not None:
            return redirect(f"{successor.url}?thay-the={page.code}")
    if "print" in request.GET or "in" in request.GET:
        return procedure_checklist(page, request)
    context = procedure_context(page, request)
    response = page.render(
        request,
        template="procedures_catalog/procedure_page.html",
        context_overrides=context,
    )
    if context["where"].error:
        response.status_code = 400
    return response


def procedure_checklist(page, request):
    where = where_to_go(page, request.GET)
    response = page.render(
        request,
        template="procedures_catalog/procedure_checklist.html",
        context_overrides={
            "checklist": page.document_checklist(),
            "channels": page.channel_list,
            "agencies": list(page.implementing_agencies.all()),
            "where": where,
            "commune_param": COMMUNE_PARAM,
            "successor": _successor(page),
            "status_sentence": status_sentence(page),
            "trail": [("Danh mục giấy tờ để in", request.path)],
            "canonical_url": page.get_full_url(request),
            "share_title": f"Danh mục giấy tờ: {page.full_name} (mã {page.code})",
        },
    )
    if where.error:
        response.status_code = 400
    return response


def _successor(page):
    """The successor, named only when the public may open it (live, not view-restricted)."""
    if not page.successor_id:
        return None
    return ProcedurePage.objects.live().public().filter(pk=page.successor_id).first()


def procedure_context(page, request) -> dict:
    channels = page.channel_list
    checklist = page.document_checklist()
    forms = []
    for document in checklist.documents:
        forms.extend((document, form) for form in document.forms)
    items = legal_basis_items(page)
    agencies = list(page.implementing_agencies.all())
    successor = _successor(page)
    where = where_to_go(page, request.GET)
    replaced_code = request.GET.get("thay-the", "")[:40]
    replaced = None
    if replaced_code:
        replaced = (
            ProcedurePage.objects.live()
            .public()
            .filter(code=replaced_code, successor=page)
            .only("pk", "title", "code")
            .first()
        )
    url = page.url or ""
    return {
        "index_url": url[: -len(page.code) - 1] if url.endswith(f"{page.code}/") else "/thu-tuc/",
        "channels": channels,
        "time_labels": _unique(c.time_label for c in channels),
        "fee_labels": _unique(c.fee_label for c in channels),
        "online_channel": next((c for c in channels if c.mode == ChannelMode.ONLINE), None),
        "checklist": checklist,
        "status_sentence": status_sentence(page),
        "where": where,
        "commune_param": COMMUNE_PARAM,
        "online_link": online_link(page),
        "national_portal": NATIONAL_PORTAL,
        "checklist_url": f"{page.url}in/"
        + (f"?{COMMUNE_PARAM}={where.commune.code}" if where.commune else ""),
        "steps": list(page.steps.all()),
        "forms": forms,
        "legal_items": items,
        "legal_notices": [item for item in items if item.notice],
        "agencies": agencies,
        "competent_agencies": list(page.competent_agencies.all()),
        "coordinating_agencies": list(page.coordinating_agencies.all()),
        "levels": list(page.levels.all()),
        "applicants": list(page.applicants.all()),
        "life_situations": list(page.life_situations.all()),
        "successor": successor,
        "replaced": replaced,
        "json_ld": json_ld(page, request, channels, agencies),
        "share_title": f"{page.full_name} (mã {page.code})",
        "meta_description": page.summary_text or page.full_name,
    }


def _unique(values) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def json_ld(page, request, channels, agencies) -> str:
    """schema.org GovernmentService, escaped for a <script type="application/ld+json">."""
    site = Site.find_for_request(request)
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.full_name,
        "identifier": page.code,
        "url": url,
        "serviceType": page.field.name if page.field else "",
        "description": page.summary_text or page.full_name,
        "provider": [{"@type": "GovernmentOrganization", "name": a.name} for a in agencies],
        "availableChannel": [
            {
                "@type": "ServiceChannel",
                "name": channel.get_mode_display(),
                **(
                    {"serviceUrl": online_link(page)}
                    if channel.mode == "truc_tuyen" and online_link(page)
                    else {}
                ),
                **({"processingTime": channel.time_label} if channel.time_label else {}),
            }
            for channel in channels
        ],
    }
    province = PortalSettings.for_request(request).province_name if site is not None else ""
    if province:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": f"Tỉnh {province}"}
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)
