"""Non-page views of this app (feeds, exports); page URLs come from Wagtail's tree."""

urlpatterns = []
