"""The feedback endpoint; the forms themselves are on every public page (feedback_tags)."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [path("gop-y/", views.submit, name="submit")]
