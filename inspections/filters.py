"""Reading the remedies tracker's filters from the URL, by the listing convention of
`base.listing` (400 for a bad value, which is dropped; 404 for a page past the end).

The state lives in the query string (?don-vi=<agency slug>&nam=2025&nhom=<category slug>
&tinh-trang=qua-han&trang=2) so that a filtered view can be bookmarked, shared and cited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agencies.models import Agency
from base.listing import Listing
from inspections.models import FindingCategory, TrackerStatus

UNIT_PARAM = "don-vi"
YEAR_PARAM = "nam"
CATEGORY_PARAM = "nhom"
STATUS_PARAM = "tinh-trang"
FIRST_YEAR, LAST_YEAR = 2000, 2100


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

    @property
    def active_count(self) -> int:
        return sum(1 for value in (self.agency, self.year, self.category, self.status) if value)

    def state(self) -> dict[str, str]:
        """The valid filters as URL parameters, in a fixed order (links, canonical, exports)."""
        params = {}
        if self.agency:
            params[UNIT_PARAM] = self.agency.slug
        if self.year:
            params[YEAR_PARAM] = str(self.year)
        if self.category:
            params[CATEGORY_PARAM] = self.category.slug
        if self.status:
            params[STATUS_PARAM] = self.status
        return params

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
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return None


def parse_tracker_filters(listing: Listing) -> TrackerFilters:
    """The filters of the request; every bad value is reported on `listing`, none is guessed."""
    filters = TrackerFilters()
    filters.agency = listing.lookup(
        UNIT_PARAM, "Đơn vị", lambda slug: Agency.objects.filter(slug=slug).first()
    )
    filters.year = listing.year(YEAR_PARAM, "Năm", FIRST_YEAR, LAST_YEAR)
    filters.category = listing.lookup(
        CATEGORY_PARAM,
        "Nhóm nội dung",
        lambda slug: FindingCategory.objects.filter(slug=slug).first(),
    )
    filters.status = listing.choice(STATUS_PARAM, TrackerStatus.values, "Tình trạng")
    filters.errors = listing.errors
    return filters
