from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("thong-bao/dang-ky/", views.subscribe, name="subscribe"),
    path("thong-bao/xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("thong-bao/huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("thong-bao/quan-ly/", views.manage_request, name="manage_request"),
    path("thong-bao/quan-ly/<str:token>/", views.manage, name="manage"),
]
