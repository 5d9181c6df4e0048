"""The search page's URL parameters <-> `SearchQuery`, by the listing convention of
`base.listing`: ASCII Vietnamese names, slugs (never labels) as values.

The whole state lives in the URL: q (the words), loai-noi-dung (thu-tuc, van-ban, tin-tuc,
kiem-tra, trang), one parameter per facet (linh-vuc, cap, co-quan, truc-tuyen, loai,
co-quan-ban-hanh, tinh-trang, nam, chuyen-muc, don-vi; repeatable, values are slugs of the
facet's labels), tu-ngay/den-ngay (yyyy-mm-dd or dd/mm/yyyy), sap-xep (phu-hop|moi-nhat),
trang. An unknown facet value or a malformed date is dropped with a message and makes the
answer a 400 (the results shown without it); old names (kind, field, from, sort, page...) and
labels as values are still read, and the view answers them with a 301 to this form.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from base.listing import FORMAT_PARAM, PAGE_PARAM, SORT_PARAM
from search.documents import (
    KIND_INSPECTION,
    KIND_LABELS,
    KIND_LEGAL_DOCUMENT,
    KIND_NEWS,
    KIND_PAGE,
    KIND_PROCEDURE,
    KIND_REFORM_PLAN,
    KIND_REFORM_REPORT,
    KIND_STATISTICS,
)
from search.engines.base import (
    FACET_NAMES,
    MAX_PAGE,
    SORT_DATE,
    SORT_RELEVANCE,
    SORTS,
    SearchQuery,
    clean_text,
)
from search.service import known_values
from search.text import slug_for

KIND_PARAM = "loai-noi-dung"
FROM_PARAM, TO_PARAM = "tu-ngay", "den-ngay"
# Facet name in the index -> its URL parameter.
FACET_PARAMS = {
    "kind": KIND_PARAM,
    "field": "linh-vuc",
    "level": "cap",
    "agency": "co-quan",
    "online": "truc-tuyen",
    "type": "loai",
    "issuer": "co-quan-ban-hanh",
    "status": "tinh-trang",
    "year": "nam",
    "category": "chuyen-muc",
    "unit": "don-vi",
}
KIND_SLUGS = {
    "thu-tuc": KIND_PROCEDURE,
    "van-ban": KIND_LEGAL_DOCUMENT,
    "tin-tuc": KIND_NEWS,
    "kiem-tra": KIND_INSPECTION,
    "trang-thong-tin": KIND_PAGE,
    "thong-ke": KIND_STATISTICS,
    "ke-hoach-cchc": KIND_REFORM_PLAN,
    "bao-cao-cchc": KIND_REFORM_REPORT,
}
SLUG_FOR_KIND = {kind: slug for slug, kind in KIND_SLUGS.items()}
SORT_SLUGS = {"phu-hop": SORT_RELEVANCE, "moi-nhat": SORT_DATE}
SLUG_FOR_SORT = {sort: slug for slug, sort in SORT_SLUGS.items()}
STATE_PARAMS = ("q", *FACET_PARAMS.values(), FROM_PARAM, TO_PARAM, SORT_PARAM, FORMAT_PARAM)
# Names this page used before the convention; answered with a 301 (see views.search).
OLD_NAMES = {*FACET_NAMES, "from", "to", "sort", "page"}


def facet_slug(name: str, value: str) -> str:
    """The URL value of a facet value: a slug of its label ("Hộ tịch" -> "ho-tich")."""
    if name == "kind":
        return SLUG_FOR_KIND.get(value, value)
    return slug_for(value, value)


@dataclass
class ParsedRequest:
    query: SearchQuery
    messages: list[str] = field(default_factory=list)
    # Bad values that were dropped: the answer is a 400 (base.listing's convention).
    errors: list[str] = field(default_factory=list)
    page_error: str = ""
    page_status: int = 200
    # The cleaned state, URL parameter -> values (slugs), from which every link is built.
    state: dict[str, list[str]] = field(default_factory=dict)

    def url(self, base: str, **changes) -> str:
        """`base` with the current state changed: value None removes, a list replaces.

        Keys of `changes` are URL parameters; `trang` is the page number.
        """
        state = {k: list(v) for k, v in self.state.items()}
        page = changes.pop(PAGE_PARAM, None)
        for name, value in changes.items():
            if value is None:
                state.pop(name, None)
            else:
                state[name] = value if isinstance(value, list) else [str(value)]
        pairs = [(k, v) for k in STATE_PARAMS if k in state for v in state[k] if v != ""]
        if page and page != 1:
            pairs.append((PAGE_PARAM, page))
        return base + ("?" + urlencode(pairs) if pairs else "")

    def toggle_url(self, base: str, name: str, value: str) -> str:
        """Add or remove one facet value (`name` the facet, `value` its label or kind)."""
        param, slug = FACET_PARAMS[name], facet_slug(name, value)
        values = list(self.state.get(param, []))
        values = [v for v in values if v != slug] if slug in values else [*values, slug]
        return self.url(base, **{param: values or None})

    def is_selected(self, name: str, value: str) -> bool:
        return facet_slug(name, value) in self.state.get(FACET_PARAMS[name], [])


def _parse_date(value: str) -> datetime.date | None:
    value = (value or "").strip()[:20]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _values(params, name: str) -> list[str]:
    """Values of the convention's parameter, and of its old name (read, then redirected)."""
    old = {v: k for k, v in FACET_PARAMS.items()}.get(name)
    values = params.getlist(name)
    if old and old != name:
        values = values + params.getlist(old)
    return values


def parse_request(params, page_size: int = 20) -> ParsedRequest:
    messages: list[str] = []
    errors: list[str] = []
    state: dict[str, list[str]] = {}
    text = clean_text(params.get("q", ""))
    if text:
        state["q"] = [text]
    raw_q = params.get("q", "") or ""
    if len(raw_q) > len(text) + 10 and len(raw_q) > 200:
        messages.append("Từ khóa quá dài nên chỉ 200 ký tự đầu được dùng để tìm.")

    wanted_kinds = [k for k in _values(params, KIND_PARAM) if k]
    kinds = [KIND_SLUGS.get(k, k) for k in wanted_kinds]
    kinds = list(dict.fromkeys(k for k in kinds if k in KIND_LABELS))
    if len(kinds) < len(set(wanted_kinds)):
        errors.append("Một số loại nội dung không tồn tại nên đã được bỏ qua.")
    if kinds:
        state[KIND_PARAM] = [SLUG_FOR_KIND[k] for k in kinds]

    filters: dict[str, list[str]] = {}
    dropped = False
    for name in FACET_NAMES:
        if name == "kind":
            continue
        param = FACET_PARAMS[name]
        wanted = [clean_text(v)[:300] for v in _values(params, param) if clean_text(v)]
        if not wanted:
            continue
        by_slug = {}
        for label in known_values(name):
            by_slug.setdefault(facet_slug(name, label), label)
        labels = []
        for value in wanted:
            label = value if value in by_slug.values() else by_slug.get(value)
            if label is None:
                dropped = True
            elif label not in labels:
                labels.append(label)
        if labels:
            filters[name] = labels
            state[param] = [facet_slug(name, label) for label in labels]
    if dropped:
        errors.append("Một số giá trị bộ lọc không có trong dữ liệu nên đã được bỏ qua.")

    dates = {}
    for param, old in ((FROM_PARAM, "from"), (TO_PARAM, "to")):
        raw = params.get(param, "") or params.get(old, "")
        if not raw:
            continue
        try:
            dates[param] = _parse_date(raw)
            state[param] = [dates[param].isoformat()]
        except ValueError:
            errors.append(
                f"Ngày “{clean_text(raw)[:20]}” không hợp lệ (cần dạng ngày/tháng/năm) "
                "nên đã được bỏ qua."
            )
    if dates.get(FROM_PARAM) and dates.get(TO_PARAM) and dates[FROM_PARAM] > dates[TO_PARAM]:
        dates[FROM_PARAM], dates[TO_PARAM] = dates[TO_PARAM], dates[FROM_PARAM]
        state[FROM_PARAM] = [dates[FROM_PARAM].isoformat()]
        state[TO_PARAM] = [dates[TO_PARAM].isoformat()]

    raw_sort = params.get(SORT_PARAM, "") or params.get("sort", "")
    sort = SORT_SLUGS.get(raw_sort, raw_sort)
    if raw_sort and sort not in SORTS:
        errors.append(f"Cách sắp xếp “{clean_text(raw_sort)[:20]}” không hợp lệ; đã bỏ qua.")
    if sort == SORT_DATE:
        state[SORT_PARAM] = [SLUG_FOR_SORT[SORT_DATE]]

    page_error = ""
    raw_page = (params.get(PAGE_PARAM, "") or params.get("page", "") or "1").strip()
    if raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= 6:
        page = int(raw_page)
    else:
        page, page_error = 1, f"Số trang “{clean_text(raw_page)[:20]}” không hợp lệ."
    page_status = 400 if page_error else 200
    if page < 1:
        page_error, page_status, page = f"Số trang “{page}” không hợp lệ.", 400, 1
    elif page > MAX_PAGE:
        # Well formed but past any list's end: a 404, as for every list (base.listing).
        page_error = f"Không có trang {page}: kết quả chỉ xem được đến trang {MAX_PAGE}."
        page_status, page = 404, 1
    query = SearchQuery(
        text=text,
        kind=kinds,
        filters=filters,
        date_from=dates.get(FROM_PARAM),
        date_to=dates.get(TO_PARAM),
        sort=sort if sort in SORTS else SORT_RELEVANCE,
        page=page,
        page_size=page_size,
    )
    return ParsedRequest(
        query=query,
        messages=messages,
        errors=errors,
        page_error=page_error,
        page_status=page_status,
        state=state,
    )
