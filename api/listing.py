"""Pages of a list as the API returns them: `base.listing.Listing` paging, one envelope.

The API follows the listing convention's rule for files (`dinh-dang`): any bad value refuses
the whole request (400, or 404 for a page past the end) rather than answering a partial list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ninja import Schema

from api.errors import ApiError
from base.listing import Listing


class PageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None
    filters: dict[str, str]


def check(listing: Listing) -> None:
    if listing.errors:
        raise ApiError(listing.status, listing.errors)


def page_of(
    listing: Listing,
    items: Iterable,
    per_page: int,
    state,
    serialize: Callable[[object], dict],
    **extra,
) -> dict:
    """The requested page of `items` in the API's envelope, with links that keep the filters."""
    check(listing)
    page = listing.page(items, per_page)
    check(listing)
    pairs = Listing._pairs(state)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "page_size": per_page,
        "next": listing.canonical_url(state, page.next_page_number()) if page.has_next() else None,
        "previous": listing.canonical_url(state, page.previous_page_number())
        if page.has_previous()
        else None,
        "filters": dict(pairs),
        **extra,
        "items": [serialize(item) for item in page.object_list],
    }
