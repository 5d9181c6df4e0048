"""Reading the remedies tracker's filters from the URL, with a clear message for bad values.

The state lives in the query string (?don-vi=<agency slug>&nam=2025&nhom=<category slug>
&trang-thai=qua-han&page=2) so that a filtered view can be bookmarked, shared and cited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from agencies.models import Agency
from inspections.models import FindingCategory, TrackerStatus

UNIT_PARAM = "don-vi"
YEAR_PARAM = "nam"
CATEGORY_PARAM = "nhom"
STATUS_PARAM = "trang-thai"
PAGE_PARAM = "page"


class FilterError(Exception):
    """A filter value that cannot be used; the message is shown to the reader."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class TrackerFilters:
    agency: Agency | None = None
    year: int | None = None
    category: FindingCategory | None = None
    status: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.agency or self.year or self.category or self.status)

    def query_string(self) -> str:
        """The filter state for links (pagination), ending in "&" when not empty."""
        params = {}
        if self.agency:
            params[UNIT_PARAM] = self.agency.slug
        if self.year:
            params[YEAR_PARAM] = self.year
        if self.category:
            params[CATEGORY_PARAM] = self.category.slug
        if self.status:
            params[STATUS_PARAM] = self.status
        return urlencode(params) + "&" if params else ""

    def apply(self, remedies):
        if self.agency:
            remedies = remedies.filter(responsible_agency=self.agency)
        if self.year:
            remedies = remedies.filter(page__start_date__year=self.year)
        if self.category:
            remedies = remedies.filter(category=self.category)
        if self.status:
            remedies = remedies.with_tracker_status(self.status)
        return remedies


def parse_year(raw: str) -> int | None:
    """A four-digit year from 2000 to 2100, else None ("²" and 30-digit numbers included)."""
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return None


def parse_tracker_filters(params) -> TrackerFilters:
    """The filters in `params` (request.GET); every bad value is reported, none is guessed."""
    filters = TrackerFilters()
    unit = params.get(UNIT_PARAM, "").strip()
    if unit:
        filters.agency = Agency.objects.filter(slug=unit).first()
        if filters.agency is None:
            filters.errors.append(f"Không có đơn vị “{unit[:80]}”.")
    year = params.get(YEAR_PARAM, "").strip()
    if year:
        filters.year = parse_year(year)
        if filters.year is None:
            filters.errors.append(f"Năm “{year[:20]}” không hợp lệ: nhập năm có bốn chữ số.")
    category = params.get(CATEGORY_PARAM, "").strip()
    if category:
        filters.category = FindingCategory.objects.filter(slug=category).first()
        if filters.category is None:
            filters.errors.append(f"Không có nhóm nội dung “{category[:80]}”.")
    status = params.get(STATUS_PARAM, "").strip()
    if status:
        if status in TrackerStatus.values:
            filters.status = status
        else:
            labels = ", ".join(str(label) for label in TrackerStatus.labels)
            filters.errors.append(
                f"Trạng thái “{status[:40]}” không hợp lệ; chọn một trong: {labels}."
            )
    return filters


def paginate(queryset, params, per_page: int):
    """The requested page of `queryset`; FilterError for a malformed or missing page number."""
    paginator = Paginator(queryset, per_page)
    raw = params.get(PAGE_PARAM, "1")
    try:
        return paginator.page(raw)
    except PageNotAnInteger as error:
        raise FilterError(f"Số trang “{raw[:20]}” không hợp lệ.") from error
    except EmptyPage as error:
        raise FilterError(
            f"Không có trang {raw[:20]}: danh sách có {paginator.num_pages} trang.", status=404
        ) from error
