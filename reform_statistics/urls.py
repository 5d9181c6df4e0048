"""The statistics section under /thong-ke/; `.csv` and `.json` twins of every table."""

from django.urls import path, re_path

from reform_statistics import views

app_name = "reform_statistics"

FORMAT = r"(?P<fmt>csv|json)"

urlpatterns = [
    path("thong-ke/", views.statistics_index, name="index"),
    re_path(rf"^thong-ke/co-quan\.{FORMAT}$", views.statistics_index, name="index_export"),
    re_path(rf"^thong-ke/theo-ky\.{FORMAT}$", views.trend_export, name="trend_export"),
    path("thong-ke/co-quan/<slug:slug>/", views.agency_detail, name="agency"),
    re_path(
        rf"^thong-ke/co-quan/(?P<slug>[-\w]+)\.{FORMAT}$",
        views.agency_detail,
        name="agency_export",
    ),
]
