"""Public views of the catalogue (work in progress: the index renders, the rest 404)."""

from django.http import Http404


def catalogue(index, request):
    return index.render(request)


def export(index, request, fmt):
    raise Http404


def vocabulary_page(index, request, kind, slug):
    raise Http404


def procedure_fallback(index, request, code, suffix=""):
    raise Http404


def procedure_detail(page, request):
    return page.render(request)


def procedure_checklist(page, request):
    raise Http404
