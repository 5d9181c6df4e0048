"""Public pages of the indices: /thong-ke/chi-so/ (the latest result of each) and one page
per index with its history (chart, table, component scores, source document, CSV and JSON)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from base.listing import FORMAT_PARAM, export_response
from base.public_url import page_path
from reform_statistics.charts import percent_line_chart
from reform_statistics.formatting import vn_decimal, vn_percent
from reform_statistics.models import IndexKind, IndexScore
from reform_statistics.models.indices import INDEX_SHORT, INDEX_SLUGS, INDEX_UNITS, PERCENT
from reform_statistics.views import _bad_request, _format

KIND_FOR_SLUG = {slug: kind for kind, slug in INDEX_SLUGS.items()}
ABOUT = {
    IndexKind.PAR: (
        "Bộ Nội vụ chấm điểm công tác cải cách hành chính của các tỉnh, thành phố mỗi năm "
        "theo các chỉ số thành phần, và xếp hạng các tỉnh."
    ),
    IndexKind.SIPAS: (
        "Tỷ lệ người dân, tổ chức hài lòng với sự phục vụ của cơ quan hành chính, "
        "theo kết quả khảo sát hằng năm; chia theo cấp cơ quan."
    ),
    IndexKind.SERVICE: (
        "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp "
        "trong thực hiện thủ tục hành chính, dịch vụ công (Quyết định 766/QĐ-TTg), "
        "theo năm nhóm chỉ số, công bố theo tháng, quý và năm."
    ),
}


def _score_text(result: IndexScore, value) -> str:
    if value is None:
        return "–"
    return vn_percent(value) if result.unit == PERCENT else f"{vn_decimal(value)} điểm"


def _results(kind: str) -> list[IndexScore]:
    """Results of one index, oldest first, with components and source document."""
    results = list(
        IndexScore.objects.live()
        .filter(index=kind)
        .select_related("source_document")
        .prefetch_related("components")
        .order_by("year", "period_kind", "number")
    )
    for result in results:
        result.score_text = _score_text(result, result.score)
        result.component_rows = [
            (
                component.name,
                _score_text(result, component.score)
                if component.max_score is None
                else f"{vn_decimal(component.score)}/{vn_decimal(component.max_score)}",
            )
            for component in result.components.all()
        ]
        document = result.source_document
        live = document is not None and document.live
        result.source_url = page_path(document) if live else ""
        result.source_text = (document.number or document.title) if live else result.source_note
    return results


def index_list(request):
    entries = []
    for kind in IndexKind:
        results = _results(kind)
        entries.append(
            {
                "kind": kind,
                "short": INDEX_SHORT[kind],
                "about": ABOUT[kind],
                "latest": results[-1] if results else None,
                "url": reverse("reform_statistics:index_history", args=[INDEX_SLUGS[kind]]),
            }
        )
    return render(request, "reform_statistics/indices.html", {"entries": entries})


def index_detail(request, slug: str):
    kind = KIND_FOR_SLUG.get(slug)
    if kind is None:
        raise Http404("Không có chỉ số này.")
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    results = _results(kind)
    if fmt:
        return _export(kind, results, fmt, slug)
    series = [(result.period_label, result.score) for result in results]
    chart = percent_line_chart(series, INDEX_UNITS[kind]) if results else None
    return render(
        request,
        "reform_statistics/index_history.html",
        {
            "kind": kind,
            "short": INDEX_SHORT[kind],
            "about": ABOUT[kind],
            "results": list(reversed(results)),
            "has_rank": any(result.rank for result in results),
            "chart": chart,
            "chart_title": f"{INDEX_SHORT[kind]} qua các kỳ",
            "chart_description": _describe(results),
            "csv_url": f"{request.path}?{FORMAT_PARAM}=csv",
            "json_url": f"{request.path}?{FORMAT_PARAM}=json",
        },
    )


def _describe(results: list[IndexScore]) -> str:
    if not results:
        return "Chưa có kết quả."
    first, last = results[0], results[-1]
    text = (
        f"Từ {first.period_label} ({first.score_text}) đến {last.period_label} ({last.score_text})."
    )
    if last.rank:
        text += f" {last.period_label}: xếp thứ {last.rank}/{last.ranked_count}."
    return text


def _export(kind, results, fmt, slug):
    names = list(dict.fromkeys(c.name for r in results for c in r.components.all()))
    records = []
    for result in results:
        components = list(result.components.all())
        records.append(
            {
                "ky": result.period_label,
                "nam": result.year,
                "diem": float(result.score),
                "xep_hang": result.rank,
                "tren_tong_so": result.ranked_count,
                "nguon": result.source_text,
                "nguon_url": result.source_url,
                "thanh_phan": [
                    {
                        "ten": c.name,
                        "diem": float(c.score),
                        "diem_toi_da": None if c.max_score is None else float(c.max_score),
                    }
                    for c in components
                ],
                **{f"tp_{names.index(c.name)}": float(c.score) for c in components},
            }
        )
    if fmt == "json":
        for record in records:
            for key in [key for key in record if key.startswith("tp_")]:
                del record[key]
    unit = INDEX_UNITS[kind]
    columns = [
        ("ky", "Kỳ"),
        ("diem", f"{INDEX_SHORT[kind]} ({unit})"),
        ("xep_hang", "Xếp hạng"),
        ("tren_tong_so", "Trên tổng số tỉnh"),
        *((f"tp_{position}", name) for position, name in enumerate(names)),
        ("nguon", "Nguồn"),
    ]
    return export_response(records, columns, fmt, f"chi-so-{slug}", count=len(records))
