"""Search documents of the statistics section: one per agency with figures (its page under
/thong-ke/co-quan/) and one per index result (a row of the index's history page).

Both are built from live rows only: a draft is nobody's search result. The importer and the
review gate index the agencies they wrote (importing.reindex_agencies); publishing,
unpublishing or deleting a row in the admin indexes its agency or index result again
(apps.py); a deleted result leaves through search's own post_delete receiver.
"""

from __future__ import annotations

from django.urls import reverse

from reform_statistics.formatting import vn_number, vn_percent
from reform_statistics.models import AgencyStatistics, IndexScore, Totals
from reform_statistics.models.indices import INDEX_SHORT
from search.documents import KIND_STATISTICS, SearchDocument, document_key, register


@register(AgencyStatistics)
def agency_statistics_document(agency: AgencyStatistics) -> SearchDocument | None:
    rows = list(agency.dossier_statistics.live().order_by("start_date"))
    if not rows:
        return None
    latest = rows[-1]
    same_period = [
        r
        for r in rows
        if (r.period_kind, r.year, r.number) == (latest.period_kind, latest.year, latest.number)
    ]
    totals = Totals(same_period)
    periods = list(dict.fromkeys(row.period_label for row in rows))
    summary = (
        f"{latest.period_label}: {vn_number(totals.received)} hồ sơ tiếp nhận, "
        f"đúng hạn {vn_percent(totals.on_time_rate)}, {vn_number(totals.late)} hồ sơ trễ hạn, "
        f"trực tuyến {vn_percent(totals.online_share)}."
    )
    return SearchDocument(
        key=document_key(agency),
        kind=KIND_STATISTICS,
        url=reverse("reform_statistics:agency", args=[agency.slug]),
        title=f"Số liệu giải quyết hồ sơ: {agency.name}",
        summary=summary,
        body=" ".join(
            [
                "thống kê giải quyết hồ sơ thủ tục hành chính đúng hạn trễ hạn trực tuyến",
                agency.short_name,
                *periods,
            ]
        ),
        date=latest.end_date,
        facets={"year": sorted({str(row.year) for row in rows}), "agency": agency.name},
        extra={"period": latest.period_label},
    )


@register(IndexScore)
def index_score_document(result: IndexScore) -> SearchDocument | None:
    if not result.live:
        return None
    score = vn_percent(result.score) if result.unit == "%" else f"{result.score} điểm"
    summary = f"{INDEX_SHORT[result.index]} {result.period_label}: {score}" + (
        f", xếp thứ {result.rank}/{result.ranked_count}." if result.rank else "."
    )
    components = [f"{c.name}: {c.score}" for c in result.components.all()]
    return SearchDocument(
        key=document_key(result),
        kind=KIND_STATISTICS,
        url=reverse("reform_statistics:index_history", args=[result.slug]) + f"#{result.anchor}",
        title=f"{result.get_index_display()} {result.period_label}",
        summary=summary,
        body="\n".join([*components, result.source_note]),
        date=None,
        facets={"year": str(result.year)},
        extra={"period": result.period_label},
    )
