"""Admin for the news section: the categories snippet and a flat list of articles by category."""

import django_filters
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_menus import SectionListingMixin
from news.models import NewsCategory, NewsPage


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = "Chuyên mục tin"
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "slug", "sort_order"]


class NewsPageFilterSet(PageFilterSet):
    category = django_filters.ModelChoiceFilter(
        label="Chuyên mục", queryset=NewsCategory.objects.all(), empty_label="Tất cả chuyên mục"
    )
    date = django_filters.DateFromToRangeFilter(label="Ngày đăng", widget=DateRangePickerWidget)

    class Meta:
        model = NewsPage
        fields = []


def _listing_columns(*extra):
    """Wagtail's page listing columns, with `extra` in place of the parent (always the index)."""
    columns = []
    for column in IndexView.base_columns:
        if column.name == "parent":
            columns += extra
        else:
            columns.append(column)
    return columns


class NewsPageIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("category")


class NewsPageListingViewSet(SectionListingMixin, PageListingViewSet):
    index_view_class = NewsPageIndexView
    columns = _listing_columns(
        Column(
            "date",
            label="Ngày đăng",
            accessor=lambda p: f"{p.date:%d/%m/%Y}" if p.date else "",
            sort_key="date",
            width="12%",
        ),
        Column("category", label="Chuyên mục", accessor="category.name", width="18%"),
    )
    model = NewsPage
    icon = "doc-full"
    menu_label = "Tin bài"
    menu_order = 210
    add_to_admin_menu = True
    filterset_class = NewsPageFilterSet
    name = "tin-bai"


register_snippet(NewsCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsPageListingViewSet()
