"""Error pages in the site's look, and robots.txt."""

import sys

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from base.middleware import DATABASE_ERRORS, service_unavailable
from base.public_url import absolute_url
from base.views import json_error


def page_not_found(request, exception=None):
    answer = json_error(request, "Không tìm thấy dữ liệu theo địa chỉ này.", 404)
    if answer is not None:
        return answer
    return render(request, "404.html", {"query": request.GET.get("q", "")}, status=404)


def server_error(request):
    # A database outage raised outside a view (by a middleware) still gets the 503 page.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable()
    # Rendered without context processors that could themselves fail.
    return render(request, "500.html", status=500)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
