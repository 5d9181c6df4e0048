"""The public search page.

Until the search engines land (issue: Search), this answers from Wagtail's own index of live,
public pages so that the search box on every page leads somewhere useful.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().filter(depth__gt=1).search(query) if query else []
    paginator = Paginator(results, 20)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return render(request, "search/search.html", {"query": query, "page_obj": page_obj})
