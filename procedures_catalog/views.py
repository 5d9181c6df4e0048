"""Public views of the catalogue, called by the routes of the index and procedure pages.

Bad input (unknown filter values, malformed page numbers, absurd sort keys) gives a clear
Vietnamese message and a 400, never a 500; an unknown code gives a 404 that suggests a search.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Site

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


def _page_number(request) -> tuple[int, str | None]:
    raw = request.GET.get("page", "").strip()
    if not raw:
        return 1, None
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 6:
        return 1, f"Số trang “{raw[:20]}” không hợp lệ; đang hiển thị trang đầu."
    return int(raw), None


def catalogue(index, request, kind: str | None = None, vocabulary=None):
    fixed = {kind: vocabulary} if kind else None
    query = CatalogueQuery.from_request(request, fixed=fixed)
    errors = list(query.errors)
    number, page_error = _page_number(request)
    paginator = Paginator(query.results(index), PAGE_SIZE)
    if page_error:
        errors.append(page_error)
    elif number > paginator.num_pages:
        errors.append(
            f"Không có trang {number}: kết quả chỉ có {paginator.num_pages} trang; "
            "đang hiển thị trang đầu."
        )
        number = 1
    page_obj = paginator.page(number)
    heading = index.title
    if vocabulary is not None:
        heading = f"{VOCABULARY_HEADINGS[kind]}: {vocabulary.name}"
    response = index.render(
        request,
        template="procedures_catalog/procedure_index_page.html",
        context_overrides={
            "heading": heading,
            "vocabulary": vocabulary,
            "vocabulary_kind": kind,
            "query": query,
            "facets": query.facets(index),
            "errors": errors,
            "page_obj": page_obj,
            "procedures": page_obj.object_list,
            "query_string": (query.query_string() + "&") if query.params() else "",
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            "statuses": list(STATUS_CHOICES.items()),
            "export_query": query.query_string(),
            "export_base": index.url,
            "trail": [(vocabulary.name, request.path)] if vocabulary is not None else [],
        },
    )
    if errors:
        response.status_code = 400
    return response


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
    ("status_since", "Tình trạng từ ngày"),
    ("decision", "Quyết định công bố"),
    ("successor", "Thủ tục thay thế"),
    ("updated", "Ngày cập nhật trong danh mục nguồn"),
    ("url", "Địa chỉ"),
]


def _export_rows(index, request, query: CatalogueQuery) -> Iterator[dict]:
    root_url = index.get_site().root_url if index.get_site() else ""
    queryset = query.results(index).select_related("successor")
    base_path = index.url
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
            "status_since": page.status_since.isoformat() if page.status_since else "",
            "decision": decision,
            "successor": page.successor.code if page.successor_id else "",
            "updated": page.catalogue_date.isoformat() if page.catalogue_date else "",
            "url": f"{root_url}{base_path}{page.code}/",
        }


class _Echo:
    def write(self, value):
        return value


def export(index, request, fmt: str):
    query = CatalogueQuery.from_request(request)
    if query.errors:
        return HttpResponse(
            "\n".join(query.errors), status=400, content_type="text/plain; charset=utf-8"
        )
    rows = _export_rows(index, request, query)
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # so that spreadsheet programs read UTF-8
            yield writer.writerow([label for _, label in EXPORT_COLUMNS])
            for row in rows:
                yield writer.writerow(
                    [
                        "; ".join(row[key]) if isinstance(row[key], list) else row[key]
                        for key, _ in EXPORT_COLUMNS
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="thu-tuc-hanh-chinh.csv"'
        return response

    def chunks():
        yield "["
        for position, row in enumerate(rows):
            yield ("," if position else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")


# -- one procedure -------------------------------------------------------------------------


def procedure_fallback(index, request, code: str, suffix: str = ""):
    """A code that is not a live procedure's: an old code, a slug, or a helpful 404."""
    alias = ProcedureCodeAlias.objects.filter(code=code).select_related("page").first()
    target = None
    if alias is not None and alias.page.live:
        target = alias.page
    else:
        target = ProcedurePage.objects.child_of(index).live().filter(slug=code.lower()).first()
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
        successor = ProcedurePage.objects.live().filter(pk=page.successor_id).first()
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
        },
    )
    if where.error:
        response.status_code = 400
    return response


def _successor(page):
    if not page.successor_id:
        return None
    return ProcedurePage.objects.live().filter(pk=page.successor_id).first()


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
    if site is not None:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": site.site_name or ""}
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)
