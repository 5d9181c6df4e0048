"""The API's documentation page in Vietnamese (/du-lieu-mo/api/), rendered from the OpenAPI
description so that every endpoint and parameter the code declares is listed, with an
example request on this site's own content and the answer it gets now."""

from __future__ import annotations

import json

from django.shortcuts import render
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from api.main import api
from base.cache import shared
from base.public_url import public_base_url

PREFIX = "/api/v1"
# How much of an example answer the page shows.
EXAMPLE_ITEMS = 2
EXAMPLE_TEXT = 160


def _example_paths() -> dict[str, str]:
    """An example request for each path of the description, on content that exists."""
    from agencies.models import Agency
    from inspections.models import InspectionPage
    from legal_documents.models import LegalDocumentPage
    from legal_documents.yearly import available_years
    from news.models import NewsPage
    from procedures_catalog.models import ProcedurePage
    from reform_statistics.models import DossierStatistics

    def first(queryset, attribute: str, default: str) -> str:
        found = queryset.values_list(attribute, flat=True).first()
        return str(found) if found else default

    procedure = first(ProcedurePage.objects.live().public().order_by("code"), "code", "1.001193")
    document = first(
        LegalDocumentPage.objects.live().public().exclude(number="").order_by("-issued_on"),
        "slug",
        "57-qd-ubnd-2020",
    )
    years = available_years()
    year = str(years[0]) if years else "2025"
    article = first(NewsPage.objects.live().public().order_by("-date"), "slug", "tin-moi")
    inspection = first(
        InspectionPage.objects.live().public().order_by("-start_date"), "slug", "kiem-tra"
    )
    unit = first(
        Agency.objects.filter(inspection_remedies__isnull=False).order_by("pk"), "slug", ""
    )
    agency = first(
        Agency.objects.filter(pk__in=DossierStatistics.objects.live().values("agency")).order_by(
            "pk"
        ),
        "slug",
        "so-noi-vu",
    )
    return {
        "/procedures": f"{PREFIX}/procedures?sap-xep=ma",
        "/procedures/{code}": f"{PREFIX}/procedures/{procedure}",
        "/legal-documents": f"{PREFIX}/legal-documents?tinh-trang=con_hieu_luc",
        "/legal-documents/{slug}": f"{PREFIX}/legal-documents/{document}",
        "/expired-documents": f"{PREFIX}/expired-documents",
        "/expired-documents/{year}": f"{PREFIX}/expired-documents/{year}",
        "/news": f"{PREFIX}/news",
        "/news/{slug}": f"{PREFIX}/news/{article}",
        "/inspections": f"{PREFIX}/inspections",
        "/inspections/{slug}": f"{PREFIX}/inspections/{inspection}",
        "/remedies": f"{PREFIX}/remedies" + (f"?don-vi={unit}" if unit else ""),
        "/statistics": f"{PREFIX}/statistics?sap-xep=dung_han",
        "/statistics/periods": f"{PREFIX}/statistics/periods",
        "/statistics/agencies/{slug}": f"{PREFIX}/statistics/agencies/{agency}",
    }


def _shorten(value):
    """An answer cut to what shows its shape: two items per list, long texts clipped."""
    if isinstance(value, list):
        return [_shorten(item) for item in value[:EXAMPLE_ITEMS]]
    if isinstance(value, dict):
        return {key: _shorten(item) for key, item in value.items()}
    if isinstance(value, str) and len(value) > EXAMPLE_TEXT:
        return value[: EXAMPLE_TEXT - 1] + "…"
    return value


def _answer(request, url: str) -> tuple[int, str]:
    """The status and (shortened) JSON the API gives to `url` now, asked in-process."""
    path = url.partition("?")[0]
    inner = RequestFactory(HTTP_HOST=request.get_host()).get(url, secure=request.is_secure())
    try:
        match = resolve(path)
    except Resolver404:
        return 404, ""
    response = match.func(inner, *match.args, **match.kwargs)
    if not response.get("Content-Type", "").startswith("application/json"):
        return response.status_code, ""
    data = json.loads(response.content)
    return response.status_code, json.dumps(_shorten(data), ensure_ascii=False, indent=2)


def _type(schema: dict) -> str:
    options = schema.get("anyOf") or [schema]
    for option in options:
        if option.get("type") == "null":
            continue
        if "enum" in option:
            return "một trong: " + ", ".join(
                str(v) if v != "" else "(trống)" for v in option["enum"]
            )
        kind = {"integer": "số nguyên", "string": "chuỗi", "number": "số"}.get(
            option.get("type", ""), option.get("type", "")
        )
        bounds = []
        if "minimum" in option:
            bounds.append(f"từ {option['minimum']}")
        if "maximum" in option:
            bounds.append(f"đến {option['maximum']}")
        return " ".join([kind, *bounds])
    return ""


def endpoints(request) -> list[dict]:
    schema = api.get_openapi_schema(path_prefix=PREFIX)
    examples = _example_paths()
    sections: dict[str, list[dict]] = {}
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        short = path.removeprefix(PREFIX)
        example = examples.get(short, path)
        status, answer = _answer(request, example)
        sections.setdefault(operation.get("tags", [""])[0], []).append(
            {
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "where": "đường dẫn" if parameter["in"] == "path" else "tham số",
                        "type": _type(parameter.get("schema", {})),
                        "description": parameter.get("description", "")
                        or parameter.get("schema", {}).get("description", ""),
                    }
                    for parameter in operation.get("parameters", [])
                ],
                "example": example,
                "status": status,
                "answer": answer,
            }
        )
    return [{"tag": tag, "endpoints": items} for tag, items in sections.items()]


def documentation(request):
    base = public_base_url(request)
    sections = shared(f"api-documentation:{base}", lambda: endpoints(request), request=request)
    return render(
        request,
        "api/documentation.html",
        {
            "sections": sections,
            "base_url": base,
            "openapi_url": f"{PREFIX}/openapi.json",
            "endpoint_count": sum(len(section["endpoints"]) for section in sections),
            "meta_description": "Tài liệu API dữ liệu mở: thủ tục hành chính, văn bản, tin "
            "tức, kết quả kiểm tra và số liệu thống kê dưới dạng JSON.",
        },
    )
