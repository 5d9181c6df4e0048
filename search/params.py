"""The search page's URL parameters <-> `SearchQuery`.

The whole state lives in the URL: q, kind, one parameter per facet name (repeatable),
from/to (yyyy-mm-dd or dd/mm/yyyy), sort (relevance|date), page. Bad values are dropped
with a message rather than failing: an unknown facet name or value, a malformed date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from search.documents import KIND_LABELS
from search.engines.base import FACET_NAMES, MAX_PAGE, SORTS, SearchQuery, clean_text
from search.service import known_values

STATE_PARAMS = ("q", "kind", *(n for n in FACET_NAMES if n != "kind"), "from", "to", "sort")


@dataclass
class ParsedRequest:
    query: SearchQuery
    messages: list[str] = field(default_factory=list)
    page_error: str = ""
    # The cleaned state, parameter -> values, from which every link is built.
    state: dict[str, list[str]] = field(default_factory=dict)

    def url(self, base: str, **changes) -> str:
        """`base` with the current state changed: value None removes, a list replaces."""
        state = {k: list(v) for k, v in self.state.items()}
        for name, value in changes.items():
            if value is None:
                state.pop(name, None)
            else:
                state[name] = value if isinstance(value, list) else [str(value)]
        pairs = [(k, v) for k in STATE_PARAMS if k in state for v in state[k] if v != ""]
        if changes.get("page") and changes["page"] != 1:
            pairs.append(("page", changes["page"]))
        return base + ("?" + urlencode(pairs) if pairs else "")

    def toggle_url(self, base: str, name: str, value: str) -> str:
        values = list(self.state.get(name, []))
        values = [v for v in values if v != value] if value in values else [*values, value]
        return self.url(base, **{name: values or None})


def _parse_date(value: str) -> datetime.date | None:
    value = (value or "").strip()[:20]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_request(params, page_size: int = 20) -> ParsedRequest:
    messages: list[str] = []
    state: dict[str, list[str]] = {}
    text = clean_text(params.get("q", ""))
    if text:
        state["q"] = [text]
    raw_q = params.get("q", "") or ""
    if len(raw_q) > len(text) + 10 and len(raw_q) > 200:
        messages.append("Từ khóa quá dài nên chỉ 200 ký tự đầu được dùng để tìm.")

    kinds = [k for k in params.getlist("kind") if k in KIND_LABELS]
    if len(kinds) < len([k for k in params.getlist("kind") if k]):
        messages.append("Một số loại nội dung không tồn tại nên đã được bỏ qua.")
    kinds = list(dict.fromkeys(kinds))
    if kinds:
        state["kind"] = kinds

    filters: dict[str, list[str]] = {}
    dropped = False
    for name in FACET_NAMES:
        if name == "kind":
            continue
        wanted = [clean_text(v)[:300] for v in params.getlist(name) if clean_text(v)]
        if not wanted:
            continue
        known = known_values(name)
        values = list(dict.fromkeys(v for v in wanted if v in known))
        dropped = dropped or len(values) < len(set(wanted))
        if values:
            filters[name] = values
            state[name] = values
    if dropped:
        messages.append("Một số giá trị bộ lọc không có trong dữ liệu nên đã được bỏ qua.")

    dates = {}
    for name in ("from", "to"):
        raw = params.get(name, "")
        if not raw:
            continue
        try:
            dates[name] = _parse_date(raw)
            state[name] = [dates[name].isoformat()]
        except ValueError:
            messages.append(
                f"Ngày “{clean_text(raw)[:20]}” không hợp lệ (cần dạng ngày/tháng/năm) "
                "nên đã được bỏ qua."
            )
    if dates.get("from") and dates.get("to") and dates["from"] > dates["to"]:
        dates["from"], dates["to"] = dates["to"], dates["from"]
        state["from"], state["to"] = [dates["from"].isoformat()], [dates["to"].isoformat()]

    sort = params.get("sort", "")
    if sort in SORTS and sort != "relevance":
        state["sort"] = [sort]

    page_error = ""
    raw_page = params.get("page", "1") or "1"
    try:
        page = int(raw_page)
    except ValueError:
        page, page_error = 1, "Số trang không hợp lệ."
    if page < 1 or page > MAX_PAGE:
        page_error = f"Số trang phải từ 1 đến {MAX_PAGE}."
        page = 1
    query = SearchQuery(
        text=text,
        kind=kinds,
        filters=filters,
        date_from=dates.get("from"),
        date_to=dates.get("to"),
        sort=sort if sort in SORTS else "relevance",
        page=page,
        page_size=page_size,
    )
    return ParsedRequest(query=query, messages=messages, page_error=page_error, state=state)
