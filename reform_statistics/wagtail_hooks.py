"""Dossier statistics in the admin, filterable by period and agency."""

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reform_statistics.formatting import vn_number, vn_percent
from reform_statistics.models import DossierStatistics


class DossierStatisticsViewSet(SnippetViewSet):
    model = DossierStatistics
    icon = "table"
    menu_label = "Số liệu giải quyết hồ sơ"
    add_to_admin_menu = True
    menu_order = 350
    list_display = [
        "agency",
        Column("period", label="Kỳ", accessor="period_label"),
        "administrative_unit",
        Column("received", label="Tiếp nhận", accessor=lambda row: vn_number(row.received)),
        Column("late", label="Trễ hạn", accessor=lambda row: vn_number(row.late)),
        Column(
            "on_time_rate",
            label="Đúng hạn",
            accessor=lambda row: vn_percent(row.on_time_rate),
        ),
        Column(
            "online_share",
            label="Trực tuyến",
            accessor=lambda row: vn_percent(row.online_share),
        ),
    ]
    list_filter = ["period_kind", "year", "number", "agency"]
    search_fields = ["agency__name", "source"]
    ordering = ["-start_date", "agency__name"]


register_snippet(DossierStatisticsViewSet)
