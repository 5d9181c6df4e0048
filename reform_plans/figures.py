"""The dossier figures of a date range, read from `reform_statistics` (never typed in a report).

A report covers a quarter, a half year or a year; the statistics are stored per month,
quarter or year. The figures of a range come from the coarsest kind of period whose rows
cover the whole range (a year row for a yearly report, else its four quarters, else its
twelve months), so nothing is counted twice. When no kind covers it, the finest rows found
are summed and the result says it is incomplete.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from base.collation import sort_key
from reform_statistics.models import DossierStatistics, PeriodKind, Totals

MONTHS_PER_PERIOD = {PeriodKind.YEAR: 12, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}

# What an editor may show, in the order shown: attribute of Totals -> (label, is a rate).
METRICS = {
    "received": ("Hồ sơ tiếp nhận", False),
    "received_online": ("Tiếp nhận trực tuyến", False),
    "resolved": ("Đã giải quyết", False),
    "resolved_on_time": ("Giải quyết đúng hạn", False),
    "resolved_late": ("Giải quyết quá hạn", False),
    "in_progress": ("Đang giải quyết", False),
    "late": ("Hồ sơ trễ hạn (đã và đang giải quyết)", False),
    "apology_letters": ("Thư xin lỗi đã gửi", False),
    "on_time_rate": ("Tỷ lệ giải quyết đúng hạn", True),
    "online_share": ("Tỷ lệ hồ sơ trực tuyến", True),
}
DEFAULT_METRICS = ["received", "resolved_on_time", "resolved_late", "on_time_rate"]


@dataclass
class RangeFigures:
    start: datetime.date
    end: datetime.date
    totals: Totals
    by_agency: list[tuple[object, Totals]] = field(default_factory=list)
    kind: str | None = None
    complete: bool = False
    sources: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.totals.row_count


def _months(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def figures_for(start: datetime.date, end: datetime.date, agency=None) -> RangeFigures:
    """The summed statistics of [start, end], for one agency or all (see the module doc)."""
    rows = DossierStatistics.objects.live().filter(start_date__gte=start, end_date__lte=end)
    if agency is not None:
        rows = rows.filter(agency=agency)
    rows = list(rows.select_related("agency").order_by("agency__name", "start_date"))
    months = _months(start, end)
    chosen, kind, complete = [], None, False
    for candidate in (PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.MONTH):
        of_kind = [r for r in rows if r.period_kind == candidate]
        periods = {(r.year, r.number) for r in of_kind}
        if of_kind and len(periods) * MONTHS_PER_PERIOD[candidate] == months:
            chosen, kind, complete = of_kind, candidate, True
            break
    if not complete:
        for candidate in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
            of_kind = [r for r in rows if r.period_kind == candidate]
            if of_kind:
                chosen, kind = of_kind, candidate
                break
    by_agency: dict[int, tuple[object, Totals]] = {}
    for row in chosen:
        by_agency.setdefault(row.agency_id, (row.agency, Totals()))[1].add(row)
    sources = sorted({row.source for row in chosen if row.source})
    return RangeFigures(
        start=start,
        end=end,
        totals=Totals(chosen),
        by_agency=sorted(by_agency.values(), key=lambda pair: sort_key(pair[0].name)),
        kind=kind,
        complete=complete,
        sources=sources,
    )
