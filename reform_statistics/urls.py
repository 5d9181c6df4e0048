"""The statistics section under /thong-ke/; every table also as a file with `?dinh-dang=`."""

from django.urls import path

from reform_statistics import index_views, views

app_name = "reform_statistics"

urlpatterns = [
    path("thong-ke/", views.statistics_index, name="index"),
    path("thong-ke/theo-ky/", views.trend_export, name="trend"),
    path("thong-ke/co-quan/<slug:slug>/", views.agency_detail, name="agency"),
    path("thong-ke/xa-phuong/", views.commune_index, name="communes"),
    path("thong-ke/xa-phuong/<str:code>/", views.commune_detail, name="commune"),
    path("thong-ke/chi-tieu/<slug:slug>/", views.figure_trend, name="figure"),
    path("thong-ke/chi-so/", index_views.index_list, name="indices"),
    path("thong-ke/chi-so/<slug:slug>/", index_views.index_detail, name="index_history"),
]
