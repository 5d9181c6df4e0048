"""RSS and Atom feeds of the periodic reports (/bao-cao-cchc/rss/, /bao-cao-cchc/atom/), as
the news feeds: routes of the index page, absolute links from the public base URL."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from base.public_url import PublicFeed

FEED_SIZE = 30


class ReportRssFeed(PublicFeed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return "Báo cáo cải cách hành chính định kỳ: quý, 6 tháng, năm."

    def items(self):
        return self.index_page.reports()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({item.period_label})"

    def item_description(self, item):
        return item.summary or item.listing_summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time(7)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class ReportAtomFeed(ReportRssFeed):
    feed_type = Atom1Feed
    subtitle = ReportRssFeed.description
