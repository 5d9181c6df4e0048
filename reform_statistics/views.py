"""Public statistics pages under /thong-ke/: headline figures, trend, agency table, history.

Parameters follow the listing convention of base/listing.py: `ky=quy-2025-4` (period),
`sap-xep=dung_han|tre_han|truc_tuyen|ten`, and `dinh-dang=csv|json` for every table as a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from agencies.models import Agency
from base.listing import EXPORT_FORMATS, FORMAT_PARAM, SORT_PARAM, export_response
from reform_statistics.charts import percent_line_chart
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
    return list(DossierStatistics.objects.select_related("agency", "administrative_unit"))


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


def _agency_table(rows, period: Period, sort: str) -> list[dict]:
    by_agency: dict[int, tuple[Agency, Totals]] = {}
    for row in rows:
        if (row.period_kind, row.year, row.number) != (period.kind, period.year, period.number):
            continue
        by_agency.setdefault(row.agency_id, (row.agency, Totals()))[1].add(row)
    _, attribute, descending = SORTS[sort]
    entries = [{"agency": agency, "totals": totals} for agency, totals in by_agency.values()]
    if attribute == "name":
        entries.sort(key=lambda e: e["agency"].name)
    else:
        # Agencies without a rate (nothing resolved) go last whichever the direction.
        def key(entry):
            value = getattr(entry["totals"], attribute)
            return (value is None, -value if descending and value is not None else value or 0)

        entries.sort(key=lambda e: (*key(e), e["agency"].name))
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


def _describe(series) -> str:
    known = [(label, value) for label, value in series if value is not None]
    if not known:
        return "Chưa có số liệu."
    first, last = known[0], known[-1]
    low = min(known, key=lambda item: item[1])
    high = max(known, key=lambda item: item[1])
    return (
        f"Từ {first[0]} ({vn_percent(first[1])}) đến {last[0]} ({vn_percent(last[1])}); "
        f"thấp nhất {low[0]} ({vn_percent(low[1])}), cao nhất {high[0]} ({vn_percent(high[1])})."
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
            "trend": list(reversed(trend)),
            "chart": percent_line_chart(series),
            "chart_title": f"Tỷ lệ đúng hạn của {agency.name} theo kỳ",
            "chart_description": _describe(series),
            "csv_url": f"{request.path}?{FORMAT_PARAM}=csv",
            "json_url": f"{request.path}?{FORMAT_PARAM}=json",
        },
    )


def headline_figures() -> list[dict] | None:
    """The home page's figures from the latest period, or None when there are no statistics."""
    rows = _all_rows()
    kind = _main_kind(rows)
    if kind is None:
        return None
    period, totals = _trend(rows, kind)[-1]
    note = f"{period.label}, {totals.row_count} đơn vị báo cáo"
    return [
        {"value": vn_number(totals.received), "label": "Hồ sơ tiếp nhận", "note": note},
        {"value": vn_percent(totals.on_time_rate), "label": "Giải quyết đúng hạn", "note": note},
        {"value": vn_percent(totals.online_share), "label": "Nộp trực tuyến", "note": note},
        {"value": vn_number(totals.late), "label": "Hồ sơ trễ hạn", "note": note},
    ]
