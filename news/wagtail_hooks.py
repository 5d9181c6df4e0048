"""Admin for the news section: the categories snippet and a flat list of articles by category."""

import django_filters
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategory, NewsPage


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = "Chuyên mục tin"
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class NewsPageFilterSet(PageFilterSet):
    category = django_filters.ModelChoiceFilter(
        label="Chuyên mục", queryset=NewsCategory.objects.all(), empty_label="Tất cả chuyên mục"
    )
    date = django_filters.DateFromToRangeFilter(label="Ngày đăng", widget=DateRangePickerWidget)

    class Meta:
        model = NewsPage
        fields = []


class NewsPageListingViewSet(PageListingViewSet):
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
