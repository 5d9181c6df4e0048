"""Public statistics pages under /thong-ke/: headline figures, trend, agency table, history.

Parameters follow the listing convention of base/listing.py: `ky=quy-2025-4` (period),
`sap-xep=dung_han|tre_han|truc_tuyen|ten`, and `dinh-dang=csv|json` for every table as a file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from administrative_units.models import AdministrativeUnit
from agencies.models import Agency
from base.listing import EXPORT_FORMATS, FORMAT_PARAM, SORT_PARAM, export_response
from reform_statistics.charts import count_line_chart, percent_line_chart
from reform_statistics.formatting import vn_number, vn_percent
from reform_statistics.models import (
    DossierStatistics,
    PeriodKind,
    Totals,
    period_bounds,
    period_label,
)

PERIOD_PATTERN = re.compile(r"(thang|quy|nam)-(\d{4})-(\d{1,2})")
# Sort key name -> (label, key function over Totals, descending?)
SORTS = {
    "dung_han": ("Tỷ lệ đúng hạn thấp nhất", "on_time_rate", False),
    "tre_han": ("Nhiều hồ sơ trễ hạn nhất", "late", True),
    "truc_tuyen": ("Tỷ lệ trực tuyến cao nhất", "online_share", True),
    "ten": ("Tên cơ quan", "name", False),
}
DEFAULT_SORT = "tre_han"


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.year}-{self.number}"

    @property
    def label(self) -> str:
        return period_label(self.kind, self.year, self.number)

    @property
    def bounds(self):
        return period_bounds(self.kind, self.year, self.number)


def _periods(rows) -> list[Period]:
    """Distinct periods of `rows`, oldest first."""
    seen = {(r.start_date, r.period_kind, r.year, r.number) for r in rows}
    return [Period(kind, year, number) for _, kind, year, number in sorted(seen)]


def _main_kind(rows) -> str | None:
    """Quarters when there are any (reports are quarterly), else months, else years."""
    kinds = {row.period_kind for row in rows}
    for kind in (PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.YEAR):
        if kind in kinds:
            return kind
    return None


def _all_rows():
    return list(DossierStatistics.objects.live().select_related("agency", "administrative_unit"))


def _trend(rows, kind) -> list[tuple[Period, Totals]]:
    by_period: dict[Period, Totals] = {}
    for period in _periods([r for r in rows if r.period_kind == kind]):
        by_period[period] = Totals()
    for row in rows:
        period = Period(row.period_kind, row.year, row.number)
        if period in by_period:
            by_period[period].add(row)
    return list(by_period.items())


def _chosen_period(request, periods: list[Period]) -> Period:
    key = request.GET.get("ky")
    if not key:
        return periods[-1]
    match = PERIOD_PATTERN.fullmatch(key)
    if not match:
        raise ValueError(f"Kỳ “{key}” không hợp lệ; ví dụ: quy-2025-4.")
    period = Period(match[1], int(match[2]), int(match[3]))
    if period not in periods:
        raise Http404("Chưa có số liệu của kỳ này.")
    return period


def _grouped_table(rows, period: Period, sort: str, group) -> list[dict]:
    """One entry {"subject", "name", "totals"} per value of `group(row)` in the period,
    sorted by `sort`; rows whose group is None are left out."""
    by_subject: dict[int, dict] = {}
    for row in rows:
        if (row.period_kind, row.year, row.number) != (period.kind, period.year, period.number):
            continue
        subject = group(row)
        if subject is None:
            continue
        entry = by_subject.setdefault(
            subject.pk, {"subject": subject, "name": subject.name, "totals": Totals()}
        )
        entry["totals"].add(row)
    _, attribute, descending = SORTS[sort]
    entries = list(by_subject.values())
    if attribute == "name":
        entries.sort(key=lambda e: e["name"])
    else:
        # Entries without a rate (nothing resolved) go last whichever the direction.
        def key(entry):
            value = getattr(entry["totals"], attribute)
            return (value is None, -value if descending and value is not None else value or 0)

        entries.sort(key=lambda e: (*key(e), e["name"]))
    return entries


def _agency_table(rows, period: Period, sort: str) -> list[dict]:
    entries = _grouped_table(rows, period, sort, lambda row: row.agency)
    for entry in entries:
        entry["agency"] = entry["subject"]
    return entries


def _record(totals: Totals) -> dict:
    return {
        "tiep_nhan": totals.received,
        "tiep_nhan_truc_tiep": totals.received_in_person,
        "tiep_nhan_truc_tuyen": totals.received_online,
        "tiep_nhan_buu_chinh": totals.received_by_post,
        "giai_quyet_dung_han": totals.resolved_on_time,
        "giai_quyet_tre_han": totals.resolved_late,
        "dang_giai_quyet_trong_han": totals.in_progress_on_time,
        "dang_giai_quyet_qua_han": totals.in_progress_late,
        "tra_lai_rut_ho_so": totals.returned_or_withdrawn,
        "thu_xin_loi": totals.apology_letters,
        "ty_le_dung_han": None if totals.on_time_rate is None else float(totals.on_time_rate),
        "ty_le_truc_tuyen": None if totals.online_share is None else float(totals.online_share),
    }


EXPORT_COLUMNS = [
    ("co_quan", "Cơ quan"),
    ("ky", "Kỳ"),
    ("tiep_nhan", "Tiếp nhận"),
    ("tiep_nhan_truc_tiep", "Tiếp nhận trực tiếp"),
    ("tiep_nhan_truc_tuyen", "Tiếp nhận trực tuyến"),
    ("tiep_nhan_buu_chinh", "Tiếp nhận qua bưu chính"),
    ("giai_quyet_dung_han", "Đã giải quyết đúng hạn"),
    ("giai_quyet_tre_han", "Đã giải quyết trễ hạn"),
    ("dang_giai_quyet_trong_han", "Đang giải quyết trong hạn"),
    ("dang_giai_quyet_qua_han", "Đang giải quyết quá hạn"),
    ("tra_lai_rut_ho_so", "Trả lại hoặc rút hồ sơ"),
    ("thu_xin_loi", "Thư xin lỗi"),
    ("ty_le_dung_han", "Tỷ lệ đúng hạn (%)"),
    ("ty_le_truc_tuyen", "Tỷ lệ trực tuyến (%)"),
]


def _export(records: list[dict], fmt: str, filename: str, filters: dict | None = None):
    columns = [(key, label) for key, label in EXPORT_COLUMNS if not records or key in records[0]]
    return export_response(records, columns, fmt, filename, filters=filters, count=len(records))


def _format(request) -> str | None:
    """The requested export format; ValueError for one that does not exist."""
    fmt = request.GET.get(FORMAT_PARAM)
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise ValueError(f"Định dạng “{fmt}” không hợp lệ: dùng csv hoặc json.")
    return fmt


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def statistics_index(request):
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    rows = _all_rows()
    kind = _main_kind(rows)
    if kind is None:
        if fmt:
            return _export([], fmt, "thong-ke-co-quan")
        return render(request, "reform_statistics/index.html", {"empty": True})
    trend = _trend(rows, kind)
    sort = request.GET.get(SORT_PARAM) or DEFAULT_SORT
    if sort not in SORTS:
        return _bad_request(f"Cách sắp xếp “{sort}” không hợp lệ: dùng {', '.join(SORTS)}.")
    try:
        period = _chosen_period(request, _periods(rows))
    except ValueError as error:
        return _bad_request(str(error))
    table = _agency_table(rows, period, sort)
    if fmt:
        records = [
            {"co_quan": e["agency"].name, "ky": period.label, **_record(e["totals"])} for e in table
        ]
        filters = {"ky": period.key, SORT_PARAM: sort}
        return _export(records, fmt, f"thong-ke-co-quan-{period.key}", filters)
    latest_period, latest = trend[-1]
    chart_series = [(p.label, totals.on_time_rate) for p, totals in trend]
    base = reverse("reform_statistics:index")
    return render(
        request,
        "reform_statistics/index.html",
        {
            "latest_period": latest_period,
            "source": _source_of(rows, latest_period),
            "latest": latest,
            "trend": trend,
            "chart": percent_line_chart(chart_series),
            "chart_title": "Tỷ lệ hồ sơ giải quyết đúng hạn theo kỳ",
            "chart_description": _describe(chart_series),
            "period": period,
            "periods": list(reversed(_periods(rows))),
            "table": table,
            "sort": sort,
            "sorts": [
                (key, label, f"{base}?ky={period.key}&{SORT_PARAM}={key}")
                for key, (label, _, _) in SORTS.items()
            ],
            "sort_param": SORT_PARAM,
            "csv_url": f"{base}?ky={period.key}&{SORT_PARAM}={sort}&{FORMAT_PARAM}=csv",
            "json_url": f"{base}?ky={period.key}&{SORT_PARAM}={sort}&{FORMAT_PARAM}=json",
            "trend_csv_url": f"{reverse('reform_statistics:trend')}?{FORMAT_PARAM}=csv",
            "trend_json_url": f"{reverse('reform_statistics:trend')}?{FORMAT_PARAM}=json",
        },
    )


def _describe(series, fmt=vn_percent) -> str:
    """The chart's text description: first and last values, the lowest and the highest."""
    known = [(label, value) for label, value in series if value is not None]
    if not known:
        return "Chưa có số liệu."
    first, last = known[0], known[-1]
    low = min(known, key=lambda item: item[1])
    high = max(known, key=lambda item: item[1])
    return (
        f"Từ {first[0]} ({fmt(first[1])}) đến {last[0]} ({fmt(last[1])}); "
        f"thấp nhất {low[0]} ({fmt(low[1])}), cao nhất {high[0]} ({fmt(high[1])})."
    )


def trend_export(request):
    """The per-period totals as a file; the page itself shows them beside the chart."""
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    if fmt is None:
        return redirect(reverse("reform_statistics:index") + "#trend-title")
    rows = _all_rows()
    kind = _main_kind(rows)
    trend = _trend(rows, kind) if kind else []
    records = [{"ky": period.label, **_record(totals)} for period, totals in trend]
    return _export(records, fmt, "thong-ke-theo-ky")


def agency_detail(request, slug: str):
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    agency = get_object_or_404(Agency, slug=slug)
    rows = [row for row in _all_rows() if row.agency_id == agency.pk]
    if not rows:
        raise Http404("Cơ quan này chưa có số liệu.")
    kind = _main_kind(rows)
    trend = _trend(rows, kind)
    if fmt:
        records = [{"ky": period.label, **_record(totals)} for period, totals in trend]
        return _export(records, fmt, f"thong-ke-{agency.slug}")
    series = [(p.label, totals.on_time_rate) for p, totals in trend]
    return render(
        request,
        "reform_statistics/agency.html",
        {
            "agency": agency,
            "subject_name": agency.name,
            "communes": sorted(
                {row.administrative_unit for row in rows if row.administrative_unit_id},
                key=lambda unit: unit.name,
            ),
            "trend": list(reversed(trend)),
            "chart": percent_line_chart(series),
            "chart_title": f"Tỷ lệ đúng hạn của {agency.name} theo kỳ",
            "chart_description": _describe(series),
            "csv_url": f"{request.path}?{FORMAT_PARAM}=csv",
            "json_url": f"{request.path}?{FORMAT_PARAM}=json",
        },
    )


def _source_of(rows, period: Period) -> str:
    """The source most rows of the period name (the one-stop system, usually)."""
    sources = Counter(
        row.source
        for row in rows
        if row.source
        and (row.period_kind, row.year, row.number) == (period.kind, period.year, period.number)
    )
    return sources.most_common(1)[0][0] if sources else ""


def headline_figures() -> list[dict] | None:
    """The home page's figures from the latest period, or None when there are no statistics.

    Each figure carries its period and source in `note` and links to its trend.
    """
    rows = _all_rows()
    kind = _main_kind(rows)
    if kind is None:
        return None
    period, totals = _trend(rows, kind)[-1]
    source = _source_of(rows, period)
    note = f"{period.label}, {totals.row_count} đơn vị báo cáo" + (
        f". Nguồn: {source}" if source else ""
    )
    figures = []
    for slug in HEADLINE_FIGURES:
        figure = FIGURES[slug]
        figures.append(
            {
                "value": figure.text(totals),
                "label": figure.label,
                "note": note,
                "url": reverse("reform_statistics:figure", args=[slug]),
            }
        )
    return figures


@dataclass(frozen=True)
class Figure:
    """One figure of the headline, with its trend page (/thong-ke/chi-tieu/<slug>/)."""

    label: str
    attribute: str
    percent: bool
    explanation: str

    def value(self, totals: Totals):
        return getattr(totals, self.attribute)

    def text(self, totals: Totals) -> str:
        value = self.value(totals)
        return vn_percent(value) if self.percent else vn_number(value)


FIGURES = {
    "tiep-nhan": Figure(
        "Hồ sơ tiếp nhận", "received", False, "Trực tiếp, trực tuyến và qua bưu chính."
    ),
    "dung-han": Figure(
        "Giải quyết đúng hạn",
        "on_time_rate",
        True,
        "Hồ sơ giải quyết đúng hạn ÷ hồ sơ đã giải quyết.",
    ),
    "truc-tuyen": Figure(
        "Nộp trực tuyến", "online_share", True, "Hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận."
    ),
    "tre-han": Figure(
        "Hồ sơ trễ hạn", "late", False, "Đã giải quyết quá hạn và đang giải quyết quá hạn."
    ),
    "buu-chinh": Figure("Hồ sơ nhận qua bưu chính", "received_by_post", False, ""),
    "tra-lai-rut": Figure("Hồ sơ trả lại hoặc rút", "returned_or_withdrawn", False, ""),
    "thu-xin-loi": Figure(
        "Thư xin lỗi đã gửi", "apology_letters", False, "Gửi người có hồ sơ trễ hạn."
    ),
}
HEADLINE_FIGURES = ("tiep-nhan", "dung-han", "truc-tuyen", "tre-han")


def figure_trend(request, slug: str):
    """One figure over every period, province-wide: chart, table, files."""
    figure = FIGURES.get(slug)
    if figure is None:
        raise Http404("Không có chỉ tiêu này.")
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    rows = _all_rows()
    kind = _main_kind(rows)
    trend = _trend(rows, kind) if kind else []
    key = slug.replace("-", "_")
    if fmt:
        records = []
        for period, totals in trend:
            value = figure.value(totals)
            records.append(
                {
                    "ky": period.label,
                    key: float(value) if figure.percent and value is not None else value,
                }
            )
        columns = [("ky", "Kỳ"), (key, figure.label + (" (%)" if figure.percent else ""))]
        return export_response(records, columns, fmt, f"thong-ke-{slug}", count=len(records))
    series = [(p.label, figure.value(t)) for p, t in trend]
    chart = percent_line_chart(series) if figure.percent else count_line_chart(series)
    describe = _describe if figure.percent else _describe_counts
    return render(
        request,
        "reform_statistics/figure.html",
        {
            "figure": figure,
            "rows": [(p, figure.text(t)) for p, t in reversed(trend)],
            "chart": chart,
            "chart_title": f"{figure.label} theo kỳ, toàn tỉnh",
            "chart_description": describe(series),
            "figures": [(key, f.label) for key, f in FIGURES.items()],
            "slug": slug,
            "csv_url": f"{request.path}?{FORMAT_PARAM}=csv",
            "json_url": f"{request.path}?{FORMAT_PARAM}=json",
        },
    )


def _describe_counts(series) -> str:
    return _describe(series, fmt=vn_number)


def commune_index(request):
    """Commune one-stop offices of a period, sortable like the agency table."""
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    rows = [row for row in _all_rows() if row.administrative_unit_id]
    sort = request.GET.get(SORT_PARAM) or DEFAULT_SORT
    if sort not in SORTS:
        return _bad_request(f"Cách sắp xếp “{sort}” không hợp lệ: dùng {', '.join(SORTS)}.")
    periods = _periods(rows)
    if not periods:
        if fmt:
            return _export([], fmt, "thong-ke-xa-phuong")
        return render(request, "reform_statistics/communes.html", {"empty": True})
    try:
        period = _chosen_period(request, periods)
    except ValueError as error:
        return _bad_request(str(error))
    table = _grouped_table(rows, period, sort, lambda row: row.administrative_unit)
    if fmt:
        records = [
            {
                "xa_phuong": e["name"],
                "ma_xa": e["subject"].code,
                "ky": period.label,
                **_record(e["totals"]),
            }
            for e in table
        ]
        return _export(
            records, fmt, f"thong-ke-xa-phuong-{period.key}", {"ky": period.key, SORT_PARAM: sort}
        )
    base = reverse("reform_statistics:communes")
    return render(
        request,
        "reform_statistics/communes.html",
        {
            "period": period,
            "periods": list(reversed(periods)),
            "table": table,
            "sort": sort,
            "sort_param": SORT_PARAM,
            "sorts": [
                (key, label, f"{base}?ky={period.key}&{SORT_PARAM}={key}")
                for key, (label, _, _) in SORTS.items()
            ],
            "csv_url": f"{base}?ky={period.key}&{SORT_PARAM}={sort}&{FORMAT_PARAM}=csv",
            "json_url": f"{base}?ky={period.key}&{SORT_PARAM}={sort}&{FORMAT_PARAM}=json",
        },
    )


def commune_detail(request, code: str):
    try:
        fmt = _format(request)
    except ValueError as error:
        return _bad_request(str(error))
    unit = get_object_or_404(AdministrativeUnit, code=code)
    rows = [row for row in _all_rows() if row.administrative_unit_id == unit.pk]
    if not rows:
        raise Http404("Xã, phường này chưa có số liệu.")
    trend = _trend(rows, _main_kind(rows))
    if fmt:
        records = [{"ky": period.label, **_record(totals)} for period, totals in trend]
        return _export(records, fmt, f"thong-ke-xa-{unit.code}")
    series = [(p.label, totals.on_time_rate) for p, totals in trend]
    return render(
        request,
        "reform_statistics/agency.html",
        {
            "subject_name": f"Bộ phận một cửa {unit.name}",
            "agencies": sorted({row.agency for row in rows}, key=lambda a: a.name),
            "parent_link": (reverse("reform_statistics:communes"), "Theo xã, phường"),
            "trend": list(reversed(trend)),
            "chart": percent_line_chart(series),
            "chart_title": f"Tỷ lệ đúng hạn của {unit.name} theo kỳ",
            "chart_description": _describe(series),
            "csv_url": f"{request.path}?{FORMAT_PARAM}=csv",
            "json_url": f"{request.path}?{FORMAT_PARAM}=json",
        },
    )
