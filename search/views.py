"""The public search page, its suggestions, CSV export and Atom feed.

Thin views: `params.parse_request` reads the URL, `service` runs the engine (with its
fallback), the template shows the results. Nothing the user typed reaches the page unescaped.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from base.listing import (
    FORMAT_PARAM,
    PAGE_PARAM,
    SORT_PARAM,
    Listing,
    export_response,
)
from base.public_url import PublicFeed, absolute_url
from search.documents import KIND_LABELS, KIND_PROCEDURE
from search.engines.base import FACET_LABELS
from search.models import SearchEntry
from search.params import OLD_NAMES, parse_request
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
    if any(name in request.GET for name in OLD_NAMES) or request.GET.get(PAGE_PARAM) == "1":
        # Old names or labels as values: one 301 to the convention's form of the same search.
        old = parse_request(request.GET)
        return HttpResponsePermanentRedirect(
            old.url(reverse("search"), **{PAGE_PARAM: old.query.page})
        )
    listing = Listing(request)
    parsed = parse_request(request.GET)
    for error in parsed.errors:
        listing.reject(error)
    if listing.format:
        return export(request, parsed, listing)
    query = parsed.query
    base = reverse("search")
    context = {
        "parsed": parsed,
        "query": query,
        "q": query.parsed.raw,
        "messages_list": [*parsed.messages, *listing.errors],
        "kind_labels": KIND_LABELS,
        "browse_links": BROWSE_LINKS,
        "selected_kinds": query.kind,
        "sort": query.sort,
        "canonical_url": absolute_url(parsed.url(base, trang=query.page), request),
        "hidden_state": [
            (name, value)
            for name, values in parsed.state.items()
            if name not in ("q", "tu-ngay", "den-ngay", SORT_PARAM)
            for value in values
        ],
    }
    # Page numbers follow base.listing: the first page is shown with the message.
    if parsed.page_error:
        listing.reject(parsed.page_error, status=parsed.page_status)
        context["error"] = parsed.page_error
        context["first_page_url"] = parsed.url(base)
    if not query.has_criteria:
        context["popular"] = popular_procedures()
        return render(request, "search/search.html", context, status=listing.status)

    results = run_search(query)
    if query.page > max(results.num_pages, 1):
        listing.reject(
            f"Không có trang {query.page}: kết quả chỉ có {results.num_pages} trang; "
            "đang hiển thị trang đầu.",
            status=404,
        )
        context["error"] = listing.errors[-1]
        context["first_page_url"] = parsed.url(base)
        query.page = 1
        results = run_search(query)

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
        for name, values in [("kind", query.kind), *query.filters.items()]
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
            "sort_relevance_url": parsed.url(base, **{SORT_PARAM: None}),
            "sort_date_url": parsed.url(base, **{SORT_PARAM: "moi-nhat"}),
            "prev_url": parsed.url(base, trang=query.page - 1) if query.page > 1 else "",
            "next_url": parsed.url(base, trang=query.page + 1)
            if query.page < results.num_pages
            else "",
            "csv_url": parsed.url(base, **{FORMAT_PARAM: "csv"}),
            "json_url": parsed.url(base, **{FORMAT_PARAM: "json"}),
            "feed_url": parsed.url(reverse("search_feed")),
            "popular": popular_procedures() if not results.total else [],
            "alternatives": zero_result_alternatives(parsed, base) if not results.total else [],
        }
    )
    return render(request, "search/search.html", context, status=listing.status)


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


SEARCH_COLUMNS = [
    ("title", "Tiêu đề"),
    ("kind", "Loại"),
    ("number", "Số ký hiệu / mã"),
    ("date", "Ngày"),
    ("url", "Địa chỉ"),
    ("facts", "Thông tin chính"),
]


def _search_rows(request, query):
    rows = 0
    page = 1
    while rows < EXPORT_MAX_ROWS:
        query.page = page
        results = run_search(query)
        for hit in results.hits:
            yield {
                "title": hit.title,
                "kind": KIND_LABELS.get(hit.kind, hit.kind),
                "number": hit.number,
                "date": hit.date,
                "url": absolute_url(hit.url, request),
                "facts": dict(key_facts(hit)),
            }
            rows += 1
        if page >= results.num_pages or not results.hits:
            break
        page += 1


def export(request, parsed, listing):
    """The search's results (at most EXPORT_MAX_ROWS) as CSV or JSON, filters applied."""
    if parsed.page_error:
        listing.reject(parsed.page_error)
    if not parsed.query.has_criteria:
        listing.reject("Hãy nhập từ khóa hoặc chọn bộ lọc trước khi tải kết quả.")
    if listing.errors:
        return listing.error_response()
    parsed.query.page_size = 100
    return export_response(
        _search_rows(request, parsed.query),
        SEARCH_COLUMNS,
        listing.format,
        "ket-qua-tim-kiem",
        filters=parsed.state,
    )


@require_GET
def export_csv(request):
    """The old /tim-kiem/xuat.csv: the same search under the convention's URL."""
    parsed = parse_request(request.GET)
    return HttpResponsePermanentRedirect(parsed.url(reverse("search"), **{FORMAT_PARAM: "csv"}))


class SearchFeed(PublicFeed):
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
