"""The public search page, its suggestions, export and feed."""

from django.urls import path

from search import views

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("tim-kiem/goi-y/", views.suggest, name="search_suggest"),
    path("tim-kiem/xuat.csv", views.export_csv, name="search_export"),
    path("tim-kiem/feed/", views.feed, name="search_feed"),
]
