"""The one listing convention every public list follows (catalogue, register, yearly expired
lists, news archive, remedies tracker, search). A reader who learned one list knows them all.

Parameters - ASCII Vietnamese, the same name for the same thing everywhere (README, "Lists"):
  trang (page number), sap-xep (sort), dinh-dang (csv|json: the whole filtered list as a file),
  plus each list's filters (linh-vuc, co-quan, cap, loai, tinh-trang, nam, ...), whose values
  are slugs, never labels. Old names (page, linh_vuc, field, kind, from, trang-thai, ...) get a
  301 to the same request with the new names, and so does `trang=1` (one URL per page).

Bad input, one answer everywhere:
  - an unknown filter value, sort or format, or a malformed page number: status 400, the
    message in Vietnamese, the list shown without that one value (the other filters applied,
    page 1);
  - a page number past the end: status 404, the message, the list's first page;
  - an export (`dinh-dang`) with any bad value: status 400 and the message as plain text,
    never a partial file.
Unknown parameter names (utm_source, fbclid...) are ignored.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect, StreamingHttpResponse

from base.public_url import absolute_url

PAGE_PARAM = "trang"
SORT_PARAM = "sap-xep"
FORMAT_PARAM = "dinh-dang"
EXPORT_FORMATS = ("csv", "json")
MAX_PAGE_DIGITS = 6

# Names used before the convention, and by other sites' habits, -> the convention's name.
LEGACY_PARAMS = {
    "page": PAGE_PARAM,
    "sort": SORT_PARAM,
    "format": FORMAT_PARAM,
    "sap_xep": SORT_PARAM,
    "linh_vuc": "linh-vuc",
    "co_quan": "co-quan",
    "tinh_trang": "tinh-trang",
    "tu_ngay": "tu-ngay",
    "den_ngay": "den-ngay",
    "trang-thai": "tinh-trang",
    "field": "linh-vuc",
    "kind": "loai-noi-dung",
    "from": "tu-ngay",
    "to": "den-ngay",
    "level": "cap",
    "agency": "co-quan",
    "issuer": "co-quan-ban-hanh",
    "online": "truc-tuyen",
    "type": "loai",
    "status": "tinh-trang",
    "year": "nam",
    "category": "chuyen-muc",
    "unit": "don-vi",
}


def legacy_redirect(request, extra: dict[str, str] | None = None) -> HttpResponse | None:
    """A 301 to the same list with the convention's parameter names, or None when already so.

    `extra` adds renames that only one list knows (its own older names).
    """
    renames = {**LEGACY_PARAMS, **(extra or {})}
    params = request.GET
    if not any(name in params for name in renames) and params.get(PAGE_PARAM) != "1":
        return None
    pairs: list[tuple[str, str]] = []
    seen_new = {name for name in params if name not in renames}
    for name, values in params.lists():
        new = renames.get(name, name)
        if new != name and new in seen_new:
            continue  # the new name given as well wins
        for value in values:
            if new == PAGE_PARAM and value == "1":
                continue
            pairs.append((new, value))
    query = urlencode(pairs)
    return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))


class Listing:
    """What one request to a list asks besides its filters, and the problems found reading it.

    Views read their own filters, reporting each bad value with `reject()`; `page()` applies
    the paging rule; `canonical_url()` and `query_string()` build links from the cleaned state.
    """

    def __init__(self, request):
        self.request = request
        self.params = request.GET
        self.errors: list[str] = []
        self.status = 200
        raw_format = self.params.get(FORMAT_PARAM, "").strip()
        self.format = raw_format if raw_format in EXPORT_FORMATS else ""
        if raw_format and not self.format:
            self.reject(f"Định dạng “{raw_format[:20]}” không có; hãy chọn csv hoặc json.")

    def reject(self, message: str, status: int = 400) -> None:
        """Report a bad value; the first problem decides the status."""
        self.errors.append(message)
        if self.status == 200:
            self.status = status

    def choice(self, name: str, choices, label: str, default: str = "") -> str:
        """A value that must be one of `choices` (a dict or a list of keys), else the default."""
        raw = self.params.get(name, "").strip()
        if not raw:
            return default
        if raw in choices:
            return raw
        self.reject(f"{label} “{raw[:60]}” không hợp lệ; điều kiện này đã được bỏ qua.")
        return default

    def lookup(self, name: str, label: str, find: Callable[[str], object]):
        """The object whose slug is the parameter's value (`find(slug)`), else None and 400."""
        raw = self.params.get(name, "").strip()
        if not raw:
            return None
        found = find(raw[:255])
        if found is None:
            self.reject(f"{label} “{raw[:60]}” không có trong danh mục; bộ lọc này đã được bỏ qua.")
        return found

    def year(self, name: str = "nam", label: str = "Năm", first: int = 1945, last: int = 2100):
        raw = self.params.get(name, "").strip()
        if not raw:
            return None
        if raw.isascii() and raw.isdigit() and len(raw) == 4 and first <= int(raw) <= last:
            return int(raw)
        self.reject(
            f"{label} “{raw[:20]}” không hợp lệ: nhập năm có bốn chữ số, từ {first} đến {last}."
        )
        return None

    def page(self, items, per_page: int) -> Page:
        """The requested page; page 1 with a 400 for a malformed number, a 404 past the end."""
        paginator = Paginator(items, per_page)
        raw = self.params.get(PAGE_PARAM, "").strip()
        if not raw:
            return paginator.page(1)
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or len(raw) > MAX_PAGE_DIGITS:
            self.reject(f"Số trang “{raw[:20]}” không hợp lệ; đang hiển thị trang đầu.")
            return paginator.page(1)
        number = int(raw)
        if number > paginator.num_pages:
            self.reject(
                f"Không có trang {number}: danh sách chỉ có {paginator.num_pages} trang; "
                "đang hiển thị trang đầu.",
                status=404,
            )
            return paginator.page(1)
        return paginator.page(number)

    # -- links --------------------------------------------------------------------------

    @staticmethod
    def _pairs(state) -> list[tuple[str, str]]:
        items = state.items() if isinstance(state, dict) else state
        pairs = []
        for name, value in items:
            for one in value if isinstance(value, list | tuple) else [value]:
                if one not in (None, ""):
                    pairs.append((name, str(one)))
        return pairs

    def query_string(self, state) -> str:
        """The cleaned state for pagination links, ending in "&" when not empty."""
        query = urlencode(self._pairs(state))
        return f"{query}&" if query else ""

    def canonical_url(self, state, page_number: int = 1, path: str | None = None) -> str:
        """The one absolute URL of this list page: cleaned filters in a fixed order, the page."""
        pairs = self._pairs(state)
        if page_number > 1:
            pairs.append((PAGE_PARAM, str(page_number)))
        query = urlencode(pairs)
        url = absolute_url(path or self.request.path, self.request)
        return url + (f"?{query}" if query else "")

    def links(self, state, page_number: int = 1) -> dict[str, str]:
        """What every list template links to: the query string its pagination keeps, its
        canonical URL, and its CSV and JSON exports, all with the same cleaned filters."""
        return {
            "query_string": self.query_string(state),
            "canonical_url": self.canonical_url(state, page_number),
            "export_csv_url": self.export_url(state, "csv"),
            "export_json_url": self.export_url(state, "json"),
        }

    def export_url(self, state, fmt: str, path: str | None = None) -> str:
        """Root-relative link to this list, filters applied, as a CSV or JSON file."""
        pairs = [*self._pairs(state), (FORMAT_PARAM, fmt)]
        return (path or self.request.path) + "?" + urlencode(pairs)

    def export(self, rows, columns, filename: str, *, count=None, **options):
        """This list as the requested CSV or JSON file (`export_response`), or the plain-text
        400 when a value was refused: never a partial file. `count` may be a callable (a
        queryset's `count`), called only when the file is made."""
        if self.errors:
            return self.error_response()
        if callable(count):
            count = count()
        return export_response(rows, columns, self.format, filename, count=count, **options)

    def error_response(self) -> HttpResponse:
        """The answer to an export request with bad values: the messages, plain text."""
        return HttpResponse(
            "\n".join(self.errors) + "\n",
            status=self.status,
            content_type="text/plain; charset=utf-8",
        )


# -- exports ----------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    """A CSV cell: lists joined, dates as dd/mm/yyyy, no formula a spreadsheet would run."""
    if isinstance(value, list | tuple):
        value = "; ".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    elif isinstance(value, datetime.date):
        value = value.strftime("%d/%m/%Y")
    elif value is None:
        value = ""
    elif value is True or value is False:
        value = "Có" if value else "Không"
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _json_default(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def export_response(
    rows: Iterable[dict],
    columns: list[tuple[str, str]],
    fmt: str,
    filename: str,
    *,
    filters: dict | None = None,
    count: int | None = None,
    extra: dict | None = None,
) -> StreamingHttpResponse:
    """The filtered list as a file, streamed so that thousands of rows cost little memory.

    CSV: a UTF-8 BOM (spreadsheet programs need it), one header row of Vietnamese labels, one
    row per item. JSON: {"filters": ..., "count": ..., **extra, "items": [...]}, dates ISO.
    """
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"
            yield writer.writerow([label for _, label in columns])
            for row in rows:
                yield writer.writerow([_cell(row.get(key)) for key, _ in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, default=_json_default)

    def chunks():
        yield "{" + f'"filters": {dumps(filters or {})}'
        if count is not None:
            yield f', "count": {count}'
        for key, value in (extra or {}).items():
            yield f", {dumps(key)}: {dumps(value)}"
        yield ', "items": ['
        for position, row in enumerate(rows):
            yield ("," if position else "") + "\n" + dumps(row)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response
