"""The statistics section under /thong-ke/; every table also as a file with `?dinh-dang=`."""

from django.urls import path

from reform_statistics import views

app_name = "reform_statistics"

urlpatterns = [
    path("thong-ke/", views.statistics_index, name="index"),
    path("thong-ke/theo-ky/", views.trend_export, name="trend"),
    path("thong-ke/co-quan/<slug:slug>/", views.agency_detail, name="agency"),
]
