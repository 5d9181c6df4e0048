"""Statistics in the admin: dossier figures and index results (one menu group), and the
upload of statistics files with its review gate (admin_views.py)."""

import django_filters
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from reform_statistics import admin_views
from reform_statistics.formatting import vn_decimal, vn_number, vn_percent
from reform_statistics.models import DossierStatistics, IndexScore


class DossierStatisticsFilterSet(WagtailFilterSet):
    live = django_filters.ChoiceFilter(
        label="Công bố",
        choices=[("true", "Đã công bố"), ("false", "Chưa công bố (bản nháp)")],
        method="filter_live",
    )

    def filter_live(self, queryset, name, value):
        return queryset.filter(live=value == "true")

    class Meta:
        model = DossierStatistics
        fields = ["period_kind", "year", "number", "agency"]


class IndexScoreFilterSet(DossierStatisticsFilterSet):
    class Meta:
        model = IndexScore
        fields = ["index", "year"]


class DossierStatisticsViewSet(SnippetViewSet):
    model = DossierStatistics
    icon = "table"
    menu_label = "Số liệu giải quyết hồ sơ"
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
        # Draft, live, live + draft: what a reviewer still has to approve.
        LiveStatusTagColumn(),
    ]
    filterset_class = DossierStatisticsFilterSet
    search_fields = ["agency__name", "source"]
    ordering = ["-start_date", "agency__name"]


class IndexScoreViewSet(SnippetViewSet):
    model = IndexScore
    icon = "pick"
    menu_label = "Chỉ số CCHC, SIPAS, 766"
    list_display = [
        "index",
        Column("period", label="Kỳ", accessor="period_label"),
        Column("score", label="Điểm / tỷ lệ", accessor=lambda row: vn_decimal(row.score)),
        Column(
            "rank",
            label="Xếp hạng",
            accessor=lambda row: f"{row.rank}/{row.ranked_count}" if row.rank else "–",
        ),
        LiveStatusTagColumn(),
    ]
    filterset_class = IndexScoreFilterSet
    ordering = ["index", "-year", "-number"]


class StatisticsGroup(SnippetViewSetGroup):
    items = (DossierStatisticsViewSet, IndexScoreViewSet)
    menu_icon = "table"
    menu_label = "Thống kê CCHC"
    menu_name = "thong-ke-cchc"
    menu_order = 350


register_snippet(StatisticsGroup)


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.UPLOAD_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return UploadMenuItem(
        "Nhập số liệu từ tệp",
        reverse("reform_statistics_batches"),
        name="nhap-so-lieu-thong-ke",
        icon_name="upload",
        order=351,
    )


hooks.register("register_admin_urls", admin_views.urls)
