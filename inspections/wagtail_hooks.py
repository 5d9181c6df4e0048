"""Admin for inspections: the finding categories snippet and results listed by year.

Remedies are edited inline on the inspection page (InlinePanel "Yêu cầu khắc phục").
"""

import django_filters
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_menus import SectionListingMixin
from inspections.models import FindingCategory, InspectionPage


class FindingCategoryViewSet(SnippetViewSet):
    model = FindingCategory
    icon = "list-ul"
    menu_label = "Nhóm nội dung kiểm tra"
    add_to_admin_menu = False
    list_display = ["name", "slug", "sort_order"]


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, 2014, -1)]


class InspectionPageFilterSet(PageFilterSet):
    year = django_filters.TypedChoiceFilter(
        label="Năm kiểm tra",
        choices=_year_choices,
        coerce=int,
        field_name="start_date",
        lookup_expr="year",
    )

    class Meta:
        model = InspectionPage
        fields = []


def _columns():
    """Wagtail's page listing columns with the inspection date after the title."""
    columns = list(IndexView.base_columns)
    at = next(i for i, c in enumerate(columns) if c.name == "title") + 1
    columns.insert(
        at,
        Column(
            "start_date",
            label="Ngày kiểm tra",
            accessor=lambda page: f"{page.start_date:%d/%m/%Y}",
            sort_key="start_date",
            width="12%",
        ),
    )
    return columns


class InspectionPageListingViewSet(SectionListingMixin, PageListingViewSet):
    model = InspectionPage
    columns = _columns()
    icon = "clipboard-list"
    menu_label = "Kết quả kiểm tra"
    menu_order = 220
    add_to_admin_menu = True
    filterset_class = InspectionPageFilterSet
    name = "ket-qua-kiem-tra"


register_snippet(FindingCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_inspection_listing():
    return InspectionPageListingViewSet()
