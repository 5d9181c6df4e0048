"""RSS and Atom feeds of the news index, for all articles or one category (Django syndication).

The feeds are served by routes of NewsIndexPage (/tin-tuc/rss/, /tin-tuc/atom/,
/tin-tuc/chuyen-muc/<slug>/rss/ ...), so they follow the page wherever editors move it.
"""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from base.public_url import PublicFeed

FEED_SIZE = 30


class NewsRssFeed(PublicFeed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __init__(self, index_page, category=None):
        super().__init__()
        self.index_page = index_page
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.category is not None:
            return f"{self.index_page.title} – {self.category.name}"
        return self.index_page.title

    def link(self):
        url = self.index_page.get_url(self.request)
        if self.category is not None:
            url += self.index_page.reverse_subpage("category_listing", args=[self.category.slug])
        return url

    def description(self):
        if self.category is not None and self.category.description:
            return self.category.description
        return "Tin cải cách hành chính mới nhất."

    def items(self):
        articles = self.index_page.articles()
        if self.category is not None:
            articles = articles.filter(category=self.category)
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        moment = datetime.datetime.combine(item.date, datetime.time(7, 0))
        return timezone.make_aware(moment)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
