"""URLs of the catalogue that Wagtail's page URL pattern cannot reach.

Wagtail's serve view only matches slugs (no dots), but procedure codes ("1.001193") and the
export files ("xuat.csv") have dots: these patterns hand such paths to the same routing,
so the index page's routes stay the one place that decides what they show.
"""

from django.http import Http404
from django.urls import path, re_path
from wagtail.views import serve

from procedures_catalog import views


def _index(request):
    from procedures_catalog.models import ProcedureIndexPage

    index = ProcedureIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return index


def export_csv(request):
    return views.export(_index(request), request, "csv")


def export_json(request):
    return views.export(_index(request), request, "json")


def serve_code(request, path):
    return serve(request, path)


urlpatterns = [
    path("thu-tuc/xuat.csv", export_csv, name="procedures_export_csv"),
    path("thu-tuc/xuat.json", export_json, name="procedures_export_json"),
    re_path(
        r"^(?P<path>thu-tuc/[\w\-]*\.[\w.\-]*/(?:[\w\-]+/)*)$",
        serve_code,
        name="procedure_by_code",
    ),
]
