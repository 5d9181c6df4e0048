"""/api/v1/ (the API and its OpenAPI description) and its documentation page."""

from django.http import Http404
from django.urls import path, re_path
from django.views.generic import RedirectView

from api import views
from api.main import api


def _not_found(request):
    raise Http404


urlpatterns = [
    path("api/v1/", api.urls),
    # Any other address under /api/v1/ is a JSON 404 (home.views.page_not_found), not a page.
    re_path(r"^api/v1/", _not_found),
    path("api/", RedirectView.as_view(pattern_name="api_documentation", permanent=False)),
    path("du-lieu-mo/api/", views.documentation, name="api_documentation"),
]
