"""Atom and RSS feeds: newly published documents, and documents that newly expired or were
suspended (from their dates, their histories and the published lists)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from base.public_url import PublicFeed, absolute_url
from base.visibility import public_q
from legal_documents.models import (
    HistoryEvent,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    RecordedChange,
)
from legal_documents.models.choices import ENDING_EVENTS
from legal_documents.status import today

FEED_SIZE = 30


def _index_url(request=None) -> str:
    index = LegalDocumentIndexPage.objects.live().first()
    return index.get_url(request) if index else "/"


class NewDocumentsFeed(PublicFeed):
    title = "Văn bản mới"
    description = "Văn bản mới đăng trên danh mục văn bản của cổng thông tin."

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def link(self):
        return _index_url(getattr(self, "request", None))

    def items(self):
        return (
            LegalDocumentPage.objects.filter(public_q())
            .select_related("document_type", "issuer")
            .order_by("-first_published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.display_name

    def item_description(self, item):
        parts = [item.summary or ""]
        if item.issued_on:
            parts.append(f"Ban hành ngày {item.issued_on:%d/%m/%Y}.")
        return " ".join(p for p in parts if p)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class NewDocumentsAtomFeed(NewDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = NewDocumentsFeed.description


@dataclass
class ExpiryItem:
    document: LegalDocumentPage
    date: datetime.date
    label: str
    part: str = ""


def latest_expiries(limit: int = FEED_SIZE) -> list[ExpiryItem]:
    now = today()
    items: list[ExpiryItem] = []
    live = LegalDocumentPage.objects.filter(public_q())
    for document in live.filter(expires_on__lte=now).order_by("-expires_on")[:limit]:
        items.append(ExpiryItem(document, document.expires_on, "Hết hiệu lực"))
    events = (
        HistoryEvent.objects.filter(kind__in=ENDING_EVENTS, date__lte=now, page__in=live)
        .select_related("page")
        .order_by("-date")[:limit]
    )
    items += [ExpiryItem(e.page, e.date, e.get_kind_display(), e.part) for e in events]
    changes = (
        RecordedChange.objects.filter(kind__in=ENDING_EVENTS, date__lte=now, document__in=live)
        .select_related("document")
        .order_by("-date")[:limit]
    )
    items += [ExpiryItem(c.document, c.date, c.get_kind_display(), c.part) for c in changes]
    # One item per document and date, newest first.
    unique = {(i.document.pk, i.date): i for i in sorted(items, key=lambda i: i.date)}
    return sorted(unique.values(), key=lambda i: i.date, reverse=True)[:limit]


class ExpiredDocumentsFeed(NewDocumentsFeed):
    title = "Văn bản hết hiệu lực, ngưng hiệu lực"
    description = "Văn bản vừa hết hiệu lực hoặc ngưng hiệu lực, toàn bộ hoặc một phần."

    def items(self):
        return latest_expiries()

    def item_title(self, item):
        return f"{item.document.display_name}: {item.label.lower()} từ {item.date:%d/%m/%Y}"

    def item_description(self, item):
        return f"{item.label}{': ' + item.part if item.part else ''}, từ ngày {item.date:%d/%m/%Y}."

    def item_link(self, item):
        return item.document.url

    def item_guid(self, item):
        return absolute_url(f"{item.document.url}#het-hieu-luc-{item.date:%Y-%m-%d}", self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class ExpiredDocumentsAtomFeed(ExpiredDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = ExpiredDocumentsFeed.description
