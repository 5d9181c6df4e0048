"""/api/v1/statistics: dossier statistics per period and agency, as /thong-ke/ shows them.

Counts and the derived rates use the names of the section's own CSV/JSON exports
(`reform_statistics.views._record`: tiep_nhan, giai_quyet_dung_han, ty_le_dung_han...).
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from agencies.models import Agency
from api.errors import ApiError, responses
from api.schemas import Ref, api_url, ref
from base.public_url import absolute_url
from reform_statistics import views as statistics
from reform_statistics.models import PeriodKind

router = Router(tags=["Thống kê"])


class Figures(Schema):
    tiep_nhan: int
    tiep_nhan_truc_tiep: int
    tiep_nhan_truc_tuyen: int
    tiep_nhan_buu_chinh: int
    giai_quyet_dung_han: int
    giai_quyet_tre_han: int
    dang_giai_quyet_trong_han: int
    dang_giai_quyet_qua_han: int
    tra_lai_rut_ho_so: int
    thu_xin_loi: int
    ty_le_dung_han: float | None = Field(description="% hồ sơ đã giải quyết đúng hạn.")
    ty_le_truc_tuyen: float | None = Field(description="% hồ sơ tiếp nhận trực tuyến.")


class PeriodOut(Schema):
    key: str = Field(description="Giá trị của tham số ky, ví dụ quy-2025-4.")
    kind: Literal[tuple(PeriodKind.values)]  # type: ignore[valid-type]
    year: int
    number: int
    label: str
    start_date: datetime.date
    end_date: datetime.date


class PeriodFigures(Schema):
    period: PeriodOut
    figures: Figures


class AgencyFigures(Schema):
    agency: Ref
    figures: Figures
    api_url: str


class PeriodTable(Schema):
    period: PeriodOut
    sort: str
    periods: list[str] = Field(description="Các kỳ có số liệu, mới nhất trước.")
    items: list[AgencyFigures]
    url: str


class AgencyHistory(Schema):
    agency: Ref
    items: list[PeriodFigures]
    url: str


class TableFilters(Schema):
    ky: str | None = Field(
        None,
        pattern=r"^(thang|quy|nam)-[0-9]{4}-[0-9]{1,2}$",
        description="Kỳ: thang-<năm>-<tháng>, quy-<năm>-<quý> hoặc nam-<năm>-1.",
    )
    sap_xep: Literal[tuple(statistics.SORTS)] | None = Field(  # type: ignore[valid-type]
        None, alias="sap-xep", description=f"Mặc định {statistics.DEFAULT_SORT}."
    )


def period(value) -> dict:
    start, end = value.bounds
    return {
        "key": value.key,
        "kind": value.kind,
        "year": value.year,
        "number": value.number,
        "label": value.label,
        "start_date": start,
        "end_date": end,
    }


def trend(rows) -> list[dict]:
    kind = statistics._main_kind(rows)
    if kind is None:
        return []
    return [
        {"period": period(p), "figures": statistics._record(totals)}
        for p, totals in statistics._trend(rows, kind)
    ]


@router.get(
    "/statistics",
    response=responses(PeriodTable, 400, 404),
    summary="Số liệu giải quyết hồ sơ của các cơ quan trong một kỳ",
    description="Bảng các cơ quan của một kỳ (mặc định kỳ mới nhất), sắp xếp như /thong-ke/.",
)
def period_table(request, filters: Query[TableFilters]):
    rows = statistics._all_rows()
    periods = statistics._periods(rows)
    if not periods:
        raise ApiError(404, "Chưa có số liệu thống kê.")
    sort = request.GET.get("sap-xep") or statistics.DEFAULT_SORT
    try:
        chosen = statistics._chosen_period(request, periods)
    except ValueError as error:
        raise ApiError(400, str(error)) from error
    except Http404 as error:
        raise ApiError(404, "Chưa có số liệu của kỳ này.") from error
    table = statistics._agency_table(rows, chosen, sort)
    return {
        "period": period(chosen),
        "sort": sort,
        "periods": [p.key for p in reversed(periods)],
        "items": [
            {
                "agency": ref(entry["agency"]),
                "figures": statistics._record(entry["totals"]),
                "api_url": api_url(request, f"statistics/agencies/{entry['agency'].slug}"),
            }
            for entry in table
        ],
        "url": absolute_url(f"/thong-ke/?ky={chosen.key}", request),
    }


@router.get(
    "/statistics/periods",
    response=responses(list[PeriodFigures]),
    summary="Tổng số liệu theo kỳ",
    description="Tổng của mọi cơ quan theo từng kỳ (quý nếu có, nếu không thì tháng, năm), "
    "cũ nhất trước: số liệu của biểu đồ trên /thong-ke/.",
)
def period_totals(request):
    return trend(statistics._all_rows())


@router.get(
    "/statistics/agencies/{slug}",
    response=responses(AgencyHistory, 404),
    summary="Số liệu của một cơ quan qua các kỳ",
    description="Như /thong-ke/co-quan/<slug>/, cũ nhất trước.",
)
def agency_history(request, slug: str):
    agency = Agency.objects.filter(slug=slug[:255]).first()
    rows = [row for row in statistics._all_rows() if agency and row.agency_id == agency.pk]
    if not rows:
        raise ApiError(404, f"Không có số liệu của cơ quan “{slug[:60]}”.")
    return {
        "agency": ref(agency),
        "items": trend(rows),
        "url": absolute_url(f"/thong-ke/co-quan/{agency.slug}/", request),
    }
