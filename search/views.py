"""The public search page, its suggestions, CSV export and Atom feed.

Thin views: `params.parse_request` reads the URL, `service` runs the engine (with its
fallback), the template shows the results. Nothing the user typed reaches the page unescaped.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import OrderedDict

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from search.documents import KIND_LABELS, KIND_PROCEDURE
from search.engines.base import FACET_LABELS
from search.models import SearchEntry
from search.params import parse_request
from search.service import run_search, run_suggest

EXPORT_MAX_ROWS = 2000
FEED_ITEMS = 30
EXTRA_LABELS = OrderedDict(
    [
        ("code", "Mã"),
        ("number", "Số ký hiệu"),
        ("type", "Loại"),
        ("field", "Lĩnh vực"),
        ("level", "Cấp thực hiện"),
        ("online", "Trực tuyến"),
        ("time", "Thời hạn"),
        ("fee", "Phí, lệ phí"),
        ("status", "Hiệu lực"),
        ("category", "Chuyên mục"),
        ("units", "Đơn vị"),
        ("year", "Năm"),
    ]
)
BROWSE_LINKS = [
    ("Thủ tục hành chính", "/thu-tuc/"),
    ("Văn bản", "/van-ban/"),
    ("Tin cải cách hành chính", "/tin-tuc/"),
    ("Kiểm tra CCHC", "/kiem-tra/"),
]


def _text(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if value is True:
        return "Có"
    if value is False:
        return "Không"
    return "" if value is None else str(value)


def key_facts(hit) -> list[tuple[str, str]]:
    return [
        (label, _text(hit.extra[name]))
        for name, label in EXTRA_LABELS.items()
        if _text(hit.extra.get(name))
    ]


MAX_ALTERNATIVES = 4


def zero_result_alternatives(parsed, base: str) -> list[dict]:
    """Searches close to one that found nothing, each with its count; only those that find some.

    The same words without the filters and dates, then the words with one of them left out
    (typing too many words is the commonest cause of nothing found). At most a handful of
    extra searches, run only when the page has nothing else to show.
    """
    query = parsed.query
    candidates = []
    filtered = query.kind or query.filters or query.date_from or query.date_to
    if filtered and not query.parsed.is_empty:
        candidates.append(
            (
                "cùng từ khóa, bỏ các bộ lọc",
                query.text,
                dataclasses.replace(
                    query, kind=[], filters={}, date_from=None, date_to=None, page=1, page_size=1
                ),
                parsed.url(base, **{n: None for n in parsed.state if n != "q"}),
            )
        )
    words = query.text.split()
    if 1 < len(words) <= 8:
        for i in range(len(words)):
            text = " ".join(words[:i] + words[i + 1 :])
            candidates.append(
                (
                    "bỏ bớt từ “" + words[i] + "”",
                    text,
                    dataclasses.replace(query, text=text, page=1, page_size=1),
                    parsed.url(base, q=text),
                )
            )
    found = []
    for label, text, alternative, url in candidates:
        if len(found) >= MAX_ALTERNATIVES:
            break
        total = run_search(alternative).total
        if total:
            found.append({"label": label, "text": text, "url": url, "count": total})
    return found


def popular_procedures(limit: int = 6):
    return SearchEntry.objects.filter(kind=KIND_PROCEDURE).order_by("-weight", "title")[:limit]


@require_GET
def search(request):
    parsed = parse_request(request.GET)
    query = parsed.query
    base = reverse("search")
    context = {
        "parsed": parsed,
        "query": query,
        "q": query.parsed.raw,
        "messages_list": parsed.messages,
        "kind_labels": KIND_LABELS,
        "browse_links": BROWSE_LINKS,
        "selected_kinds": query.kind,
        "sort": query.sort,
    }
    if parsed.page_error:
        context["error"] = parsed.page_error
        context["first_page_url"] = parsed.url(base)
        return render(request, "search/search.html", context, status=400)
    if not query.has_criteria:
        context["popular"] = popular_procedures()
        return render(request, "search/search.html", context)

    results = run_search(query)
    if query.page > results.num_pages and results.total:
        context["error"] = f"Không có trang {query.page}: kết quả chỉ có {results.num_pages} trang."
        context["first_page_url"] = parsed.url(base)
        return render(request, "search/search.html", context, status=404)

    facets = []
    for name, values in results.facets.items():
        options = [
            {
                "value": v.value,
                "label": KIND_LABELS.get(v.value, v.value) if name == "kind" else v.value,
                "count": v.count,
                "selected": v.selected,
                "url": parsed.toggle_url(base, name, v.value),
            }
            for v in values
        ]
        if options:
            facets.append({"name": name, "label": FACET_LABELS.get(name, name), "options": options})
    active = [
        {
            "label": FACET_LABELS.get(name, name),
            "value": KIND_LABELS.get(value, value) if name == "kind" else value,
            "url": parsed.toggle_url(base, name, value),
        }
        for name, values in parsed.state.items()
        if name in FACET_LABELS
        for value in values
    ]
    hits = [
        {"hit": hit, "kind_label": KIND_LABELS.get(hit.kind, hit.kind), "facts": key_facts(hit)}
        for hit in results.hits
    ]
    context.update(
        {
            "results": results,
            "hits": hits,
            "facets": facets,
            "active_filters": active,
            "clear_url": parsed.url(base, **{n: None for n in parsed.state if n != "q"}),
            "sort_relevance_url": parsed.url(base, sort=None),
            "sort_date_url": parsed.url(base, sort="date"),
            "prev_url": parsed.url(base, page=query.page - 1) if query.page > 1 else "",
            "next_url": parsed.url(base, page=query.page + 1)
            if query.page < results.num_pages
            else "",
            "csv_url": parsed.url(reverse("search_export")),
            "feed_url": parsed.url(reverse("search_feed")),
            "popular": popular_procedures() if not results.total else [],
            "alternatives": zero_result_alternatives(parsed, base) if not results.total else [],
        }
    )
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    prefix = request.GET.get("q", "")
    suggestions = [
        {
            "title": s.title,
            "url": s.url,
            "kind": s.kind,
            "kind_label": KIND_LABELS.get(s.kind, s.kind),
            "number": s.number,
        }
        for s in run_suggest(prefix, limit=8)
    ]
    response = JsonResponse({"query": prefix[:200], "suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response


def _safe_cell(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    value = _text(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_GET
def export_csv(request):
    parsed = parse_request(request.GET, page_size=100)
    query = parsed.query
    if not query.has_criteria:
        return HttpResponse(
            "Hãy nhập từ khóa hoặc chọn bộ lọc trước khi tải kết quả.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ket-qua-tim-kiem.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a BOM
    writer = csv.writer(response)
    writer.writerow(["Tiêu đề", "Loại", "Số ký hiệu / mã", "Ngày", "Địa chỉ", "Thông tin chính"])
    rows = 0
    page = 1
    while rows < EXPORT_MAX_ROWS:
        query.page = page
        results = run_search(query)
        for hit in results.hits:
            facts = "; ".join(f"{label}: {value}" for label, value in key_facts(hit))
            writer.writerow(
                [
                    _safe_cell(hit.title),
                    KIND_LABELS.get(hit.kind, hit.kind),
                    _safe_cell(hit.number),
                    hit.date.strftime("%d/%m/%Y") if hit.date else "",
                    request.build_absolute_uri(hit.url),
                    _safe_cell(facts),
                ]
            )
            rows += 1
        if page >= results.num_pages or not results.hits:
            break
        page += 1
    return response


class SearchFeed(Feed):
    """An Atom feed of any search, newest first: "new results for this query"."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        parsed = parse_request(request.GET, page_size=FEED_ITEMS)
        parsed.query.sort = "date"
        parsed.query.page = 1
        self.request = request
        return parsed

    def title(self, parsed):
        q = parsed.query.parsed.raw
        return f"Kết quả tìm kiếm: {q}" if q else "Nội dung mới trên cổng thông tin"

    def link(self, parsed):
        return parsed.url(reverse("search"))

    def subtitle(self, parsed):
        return "Các kết quả mới nhất cho tìm kiếm này."

    def items(self, parsed):
        return run_search(parsed.query).hits

    def item_title(self, hit):
        return hit.title

    def item_link(self, hit):
        return hit.url

    def item_description(self, hit):
        return hit.snippet

    def item_pubdate(self, hit):
        import datetime

        if hit.date:
            return datetime.datetime.combine(hit.date, datetime.time(), datetime.UTC)
        return None


feed = SearchFeed()
