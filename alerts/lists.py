"""The lists one can follow by e-mail, each re-using its own list's filter code.

Every public list reads its filters from the query string (`base.listing`'s convention) with
its own code: the catalogue's `CatalogueQuery`, the register's `RegisterFilterForm`, the
remedies tracker's `parse_tracker_filters`, the news archive's categories, the search's
`parse_request`. A subscription stores the list's key and the filters as that code cleaned
them (URL parameter -> values), and the digest feeds the same parameters to the same code
again, so that an alert holds exactly what the list would show, restricted to what was first
published since the last digest. Only live, public pages are ever listed (`.live().public()`,
see `base.visibility`).

Parameters that shape the page but not the set of items (`trang`, `sap-xep`, `dinh-dang`) are
dropped.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from django.http import QueryDict

from base.listing import FORMAT_PARAM, PAGE_PARAM, SORT_PARAM, Listing
from base.public_url import page_path

IGNORED_PARAMS = {PAGE_PARAM, SORT_PARAM, FORMAT_PARAM}
MAX_ITEMS = 50  # per subscription and digest; the e-mail links to the list for the rest


@dataclass
class Parsed:
    """A list's filters as its own code read them: the clean state and the problems."""

    params: dict[str, list[str]]
    errors: list[str]


@dataclass
class Item:
    """One new thing in a digest."""

    title: str
    path: str  # root-relative; e-mails make it absolute with base.public_url
    published: datetime.datetime
    detail: str = ""


def _request(params: dict[str, list[str]] | QueryDict):
    """What the lists' filter code reads from a request: its GET parameters."""
    if isinstance(params, QueryDict):
        return SimpleNamespace(GET=params)
    query = QueryDict(mutable=True)
    for name, values in params.items():
        query.setlist(name, list(values))
    return SimpleNamespace(GET=query)


def _single(pairs) -> dict[str, list[str]]:
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return {name: [str(value)] for name, value in items if name not in IGNORED_PARAMS}


def _pages_since(queryset, since, until):
    queryset = queryset.filter(first_published_at__lte=until)
    if since is not None:
        queryset = queryset.filter(first_published_at__gt=since)
    return queryset.order_by("first_published_at", "pk")[:MAX_ITEMS]


class AlertList:
    key = ""
    label = ""

    def parse(self, params) -> Parsed:
        raise NotImplementedError

    def describe(self, params: dict[str, list[str]]) -> str:
        return self.label

    def base_path(self) -> str:
        raise NotImplementedError

    def path(self, params: dict[str, list[str]]) -> str:
        query = urlencode(sorted(params.items()), doseq=True)
        return self.base_path() + (f"?{query}" if query else "")

    def new_items(self, params, since, until) -> list[Item]:
        raise NotImplementedError


def _index(model):
    index = model.objects.live().public().first()
    if index is None:
        raise LookupError(f"No live {model.__name__}")
    return index


class ProcedureList(AlertList):
    key = "thu-tuc"
    label = "Thủ tục hành chính"

    def _query(self, params):
        from procedures_catalog.catalogue import CatalogueQuery

        return CatalogueQuery.from_request(_request(params))

    def parse(self, params) -> Parsed:
        query = self._query(params)
        return Parsed(_single(query.params()), list(query.errors))

    def describe(self, params) -> str:
        active = self._query(params).active_filters()
        if not active:
            return "Thủ tục hành chính mới"
        return "Thủ tục hành chính – " + "; ".join(f"{d}: {v}" for d, v, _ in active)

    def base_path(self) -> str:
        from procedures_catalog.models import ProcedureIndexPage

        return page_path(_index(ProcedureIndexPage))

    def new_items(self, params, since, until) -> list[Item]:
        from procedures_catalog.models import ProcedureIndexPage

        query = self._query(params)
        index = _index(ProcedureIndexPage)
        pages = _pages_since(query.apply(query.base_queryset(index)), since, until)
        return [
            Item(f"{p.code} – {p.title}" if p.code else p.title, page_path(p), p.first_published_at)
            for p in pages
        ]


class LegalDocumentList(AlertList):
    key = "van-ban"
    label = "Văn bản"

    def _form(self, params):
        from legal_documents.filters import RegisterFilterForm

        form = RegisterFilterForm(_request(params).GET)
        form.is_valid()
        return form

    def parse(self, params) -> Parsed:
        form = self._form(params)
        errors = [f"{field.label}: {error}" for field in form for error in field.errors]
        errors += list(form.non_field_errors())
        return Parsed(_single(form.url_state()), errors)

    def describe(self, params) -> str:
        form = self._form(params)
        parts = []
        for name, value in form.cleaned_data.items():
            if value in (None, "") or name == "sap_xep":
                continue
            if hasattr(value, "strftime"):
                value = value.strftime("%d/%m/%Y")
            elif name == "tinh_trang":
                value = dict(form.fields[name].choices).get(value, value)
            parts.append(f"{form.fields[name].label}: {value}")
        return "Văn bản mới" + (" – " + "; ".join(parts) if parts else "")

    def base_path(self) -> str:
        from legal_documents.models import LegalDocumentIndexPage

        return page_path(_index(LegalDocumentIndexPage))

    def new_items(self, params, since, until) -> list[Item]:
        from legal_documents.models import LegalDocumentIndexPage, LegalDocumentPage

        index = _index(LegalDocumentIndexPage)
        documents = self._form(params).filter(
            LegalDocumentPage.objects.live().public().descendant_of(index)
        )
        return [
            Item(
                f"{d.number} – {d.title}" if d.number else d.title,
                page_path(d),
                d.first_published_at,
                d.get_status_display(),
            )
            for d in _pages_since(documents, since, until)
        ]


class ExpiredListList(AlertList):
    """Newly expired documents: each yearly list of expired and suspended documents, when the
    Department of Justice's list is published (it names every document and why)."""

    key = "het-hieu-luc"
    label = "Danh mục văn bản hết hiệu lực, ngưng hiệu lực"

    def parse(self, params) -> Parsed:
        return Parsed({}, [])

    def describe(self, params) -> str:
        return "Văn bản hết hiệu lực, ngưng hiệu lực (danh mục hằng năm)"

    def base_path(self) -> str:
        from legal_documents.models import LegalDocumentIndexPage

        return page_path(_index(LegalDocumentIndexPage)) + "het-hieu-luc/"

    def new_items(self, params, since, until) -> list[Item]:
        from legal_documents.models import ExpiredDocumentListPage

        pages = _pages_since(ExpiredDocumentListPage.objects.live().public(), since, until)
        items = []
        for page in pages:
            count = page.entries.count()
            items.append(
                Item(page.title, page_path(page), page.first_published_at, f"{count} văn bản")
            )
        return items


class NewsList(AlertList):
    key = "tin-tuc"
    label = "Tin tức"
    CATEGORY = "chuyen-muc"

    def _category(self, params):
        from news.models.categories import NewsCategory

        slug = (params.get(self.CATEGORY) or [""])[0] if params else ""
        slug = slug.strip()[:255]
        if not slug:
            return None, []
        category = NewsCategory.objects.filter(slug=slug).first()
        if category is None:
            return None, [f"Không có chuyên mục “{slug[:60]}”."]
        return category, []

    def parse(self, params) -> Parsed:
        params = (
            {name: params.getlist(name) for name in params}
            if hasattr(params, "getlist")
            else params
        )
        category, errors = self._category(params)
        return Parsed({self.CATEGORY: [category.slug]} if category else {}, errors)

    def describe(self, params) -> str:
        category, _ = self._category(params)
        return f"Tin tức – chuyên mục {category.name}" if category else "Tin tức mới"

    def _index(self):
        from news.models import NewsIndexPage

        return _index(NewsIndexPage)

    def base_path(self) -> str:
        return page_path(self._index())

    def path(self, params) -> str:
        # The archive filters by path: /tin-tuc/chuyen-muc/<slug>/.
        index = self._index()
        slug = (params.get(self.CATEGORY) or [""])[0]
        if not slug:
            return page_path(index)
        return page_path(index) + index.reverse_subpage("category_listing", args=[slug])

    def new_items(self, params, since, until) -> list[Item]:
        category, _ = self._category(params)
        articles = self._index().published().select_related("category")
        if category is not None:
            articles = articles.filter(category=category)
        return [
            Item(a.title, page_path(a), a.first_published_at, a.category.name if a.category else "")
            for a in _pages_since(articles, since, until)
        ]


class RemedyList(AlertList):
    """Required remedies, filtered as the tracker filters them; "new" is a remedy of an
    inspection result first published since the last digest."""

    key = "khac-phuc"
    label = "Yêu cầu khắc phục sau kiểm tra"

    def _filters(self, params):
        from inspections.filters import parse_tracker_filters

        return parse_tracker_filters(Listing(_request(params)))

    def parse(self, params) -> Parsed:
        filters = self._filters(params)
        return Parsed(_single(filters.state()), list(filters.errors))

    def describe(self, params) -> str:
        filters = self._filters(params)
        parts = []
        if filters.agency:
            parts.append(f"Đơn vị: {filters.agency.name}")
        if filters.year:
            parts.append(f"Năm: {filters.year}")
        if filters.category:
            parts.append(f"Nhóm: {filters.category.name}")
        if filters.status:
            from inspections.models import TrackerStatus

            parts.append(f"Tình trạng: {TrackerStatus(filters.status).label}")
        return "Yêu cầu khắc phục" + (" – " + "; ".join(parts) if parts else "")

    def _index(self):
        from inspections.models import InspectionIndexPage

        return _index(InspectionIndexPage)

    def base_path(self) -> str:
        index = self._index()
        return page_path(index) + index.reverse_subpage("remedies_tracker")

    def new_items(self, params, since, until) -> list[Item]:
        remedies = self._filters(params).apply(self._index().remedies())
        remedies = remedies.filter(page__first_published_at__lte=until)
        if since is not None:
            remedies = remedies.filter(page__first_published_at__gt=since)
        remedies = remedies.order_by("page__first_published_at", "pk")[:MAX_ITEMS]
        items = []
        for remedy in remedies:
            detail = f"Thời hạn {remedy.deadline:%d/%m/%Y}"
            if remedy.responsible_agency:
                detail = f"{remedy.responsible_agency.name}; {detail}"
            items.append(
                Item(
                    f"{remedy.description[:200]} ({remedy.page.title})",
                    page_path(remedy.page),
                    remedy.page.first_published_at,
                    detail,
                )
            )
        return items


class SearchList(AlertList):
    """Any search: its words, kinds, facets and dates, run by the search engine, newest first;
    the hits are then read back as pages to keep only what was first published since."""

    key = "tim-kiem"
    label = "Tìm kiếm"
    # Enough newest hits to cover a day's publishing many times over.
    WINDOW = 100

    def _parsed(self, params, page_size: int = 20):
        from search.params import parse_request

        return parse_request(_request(params).GET, page_size=page_size)

    def parse(self, params) -> Parsed:
        parsed = self._parsed(params)
        errors = list(parsed.errors)
        if not parsed.query.has_criteria:
            errors.append("Hãy nhập từ khóa hoặc chọn bộ lọc trước khi đăng ký nhận thông báo.")
        state = {k: list(v) for k, v in parsed.state.items() if k not in IGNORED_PARAMS}
        return Parsed(state, errors)

    def describe(self, params) -> str:
        from search.documents import KIND_LABELS
        from search.engines.base import FACET_LABELS

        query = self._parsed(params).query
        parts = [f"“{query.text}”"] if query.text else []
        if query.kind:
            kinds = ", ".join(KIND_LABELS.get(kind, kind) for kind in query.kind)
            parts.append(f"{FACET_LABELS['kind']}: {kinds}")
        for name, labels in query.filters.items():
            parts.append(f"{FACET_LABELS.get(name, name)}: {', '.join(labels)}")
        if query.date_from or query.date_to:
            start = f"{query.date_from:%d/%m/%Y}" if query.date_from else "…"
            end = f"{query.date_to:%d/%m/%Y}" if query.date_to else "…"
            parts.append(f"Ngày: {start} – {end}")
        return "Tìm kiếm " + "; ".join(parts)

    def base_path(self) -> str:
        from django.urls import reverse

        return reverse("search")

    def new_items(self, params, since, until) -> list[Item]:
        from wagtail.models import Page

        from search.service import run_search

        parsed = self._parsed(params, page_size=self.WINDOW)
        parsed.query.sort = "date"
        parsed.query.page = 1
        page_ids = []
        for hit in run_search(parsed.query).hits:
            _, _, pk = hit.key.rpartition(":")
            if pk.isdigit():
                page_ids.append(int(pk))
        pages = _pages_since(Page.objects.live().public().filter(pk__in=page_ids), since, until)
        return [Item(p.title, page_path(p), p.first_published_at) for p in pages]


LISTS: dict[str, AlertList] = {
    alert_list.key: alert_list
    for alert_list in (
        ProcedureList(),
        LegalDocumentList(),
        ExpiredListList(),
        NewsList(),
        RemedyList(),
        SearchList(),
    )
}
LIST_CHOICES = [(key, alert_list.label) for key, alert_list in LISTS.items()]
LIST_PARAM = "danh-sach"
