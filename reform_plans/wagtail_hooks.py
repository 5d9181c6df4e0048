"""Admin for reform plans and reports: one page listing each, filtered by year, in the menu of
the editors who work on them (tasks are edited inline on the plan, "Nhiệm vụ")."""

import django_filters
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.admin_menus import SectionListingMixin
from reform_plans.models import PlanPage, ReportKind, ReportPage


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, 2014, -1)]


def _with_column(column: Column) -> list:
    """Wagtail's page listing columns with `column` after the title."""
    columns = list(IndexView.base_columns)
    at = next(i for i, c in enumerate(columns) if c.name == "title") + 1
    columns.insert(at, column)
    return columns


class PlanPageFilterSet(PageFilterSet):
    year = django_filters.TypedChoiceFilter(label="Năm kế hoạch", choices=_year_choices, coerce=int)

    class Meta:
        model = PlanPage
        fields = []


class ReportPageFilterSet(PageFilterSet):
    year = django_filters.TypedChoiceFilter(label="Năm", choices=_year_choices, coerce=int)
    kind = django_filters.ChoiceFilter(label="Loại báo cáo", choices=ReportKind.choices)

    class Meta:
        model = ReportPage
        fields = []


class PlanPageListingViewSet(SectionListingMixin, PageListingViewSet):
    model = PlanPage
    columns = _with_column(Column("year", label="Năm", sort_key="year", width="10%"))
    icon = "tasks"
    menu_label = "Kế hoạch CCHC"
    menu_order = 230
    add_to_admin_menu = True
    filterset_class = PlanPageFilterSet
    name = "ke-hoach-cchc"


class ReportPageListingViewSet(SectionListingMixin, PageListingViewSet):
    model = ReportPage
    columns = _with_column(
        Column(
            "period",
            label="Kỳ báo cáo",
            accessor=lambda page: page.period_label,
            sort_key="end_date",
            width="16%",
        )
    )
    icon = "doc-full"
    menu_label = "Báo cáo CCHC"
    menu_order = 240
    add_to_admin_menu = True
    filterset_class = ReportPageFilterSet
    name = "bao-cao-cchc"


@hooks.register("register_admin_viewset")
def register_plan_listing():
    return PlanPageListingViewSet()


@hooks.register("register_admin_viewset")
def register_report_listing():
    return ReportPageListingViewSet()
