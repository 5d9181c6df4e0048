"""The news index: latest articles, archive by year and month, category and tag pages, feeds.

Every listing is a route of the index page (RoutablePageMixin), so its filter state lives in
the URL: /tin-tuc/2024/, /tin-tuc/2024/05/, /tin-tuc/chuyen-muc/<slug>/, /tin-tuc/the/<slug>/,
each with ?trang=N and ?dinh-dang=csv|json, by the listing convention of `base.listing`. A year,
month, category or tag that does not exist is a path that does not exist: 404 with a
Vietnamese message. Each page has one URL: /tin-tuc/2024/5/ answers 301 to /tin-tuc/2024/05/.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model

from base.collation import sorted_vi
from base.listing import Listing, legacy_redirect
from base.public_url import absolute_url
from base.visibility import public_q
from home.models import BasePage

ARTICLES_PER_PAGE = 12
FIRST_YEAR = 2000
LAST_YEAR = 2100
MONTH_NAMES = {m: f"Tháng {m}" for m in range(1, 13)}


class ListingError(Exception):
    """A request for a listing that cannot be shown: the message for the reader and a status."""

    def __init__(self, message: str, status: int = 404):
        super().__init__(message)
        self.message = message
        self.status = status


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The section's landing page, a child of the home page."""

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "Trang danh sách tin"

    def routed_child(self, slug):
        from news.models.article import NewsPage

        return NewsPage.objects.child_of(self).filter(slug=slug).select_related("category").first()

    # Queries -------------------------------------------------------------------------------

    def published(self):
        """Live, public articles of this index (the queryset is built once per request)."""
        from news.models.article import NewsPage

        if getattr(self, "_published", None) is None:
            self._published = NewsPage.objects.filter(public_q()).child_of(self)
        return self._published.all()

    def articles(self):
        images = get_image_model().objects.prefetch_renditions()
        return (
            self.published()
            .select_related("category")
            .prefetch_related(Prefetch("listing_image", queryset=images))
            .order_by("-date", "-first_published_at", "-pk")
        )

    def archive_years(self) -> list[int]:
        dates = self.published().dates("date", "year", "DESC")
        return [d.year for d in dates]

    # Routes --------------------------------------------------------------------------------

    @path("")
    def latest(self, request):
        return self.render_listing(request, self.articles())

    @path("<int:year>/")
    def year_archive(self, request, year):
        try:
            _check_year(year)
        except ListingError as error:
            return self.render_error(request, error)
        redirect_response = self._one_url(request, f"{year}/")
        if redirect_response is not None:
            return redirect_response
        return self.render_listing(
            request,
            self.articles().filter(date__year=year),
            heading=f"Tin năm {year}",
            trail=[(f"Năm {year}", "")],
            year=year,
        )

    @path("<int:year>/<int:month>/")
    def month_archive(self, request, year, month):
        try:
            _check_year(year)
            if not 1 <= month <= 12:
                raise ListingError(f"Tháng {month} không hợp lệ: tháng phải từ 1 đến 12.")
        except ListingError as error:
            return self.render_error(request, error)
        redirect_response = self._one_url(request, f"{year}/{month:02d}/")
        if redirect_response is not None:
            return redirect_response
        return self.render_listing(
            request,
            self.articles().filter(date__year=year, date__month=month),
            heading=f"Tin tháng {month}/{year}",
            trail=[
                (
                    f"Năm {year}",
                    self.get_url(request) + self.reverse_subpage("year_archive", args=[year]),
                ),
                (f"Tháng {month}", ""),
            ],
            year=year,
            month=month,
        )

    @path("chuyen-muc/<slug:slug>/")
    def category_listing(self, request, slug):
        try:
            category = self.category_for(slug)
        except ListingError as error:
            return self.render_error(request, error)
        return self.render_listing(
            request,
            self.articles().filter(category=category),
            heading=category.name,
            trail=[(category.name, "")],
            category=category,
            description=category.description,
        )

    @path("the/<str:slug>/")
    def tag_listing(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            return self.render_error(
                request, ListingError(f"Không có từ khóa “{slug[:60]}” trong tin tức.")
            )
        return self.render_listing(
            request,
            self.articles().filter(tags=tag).distinct(),
            heading=f"Từ khóa: {tag.name}",
            trail=[(f"Từ khóa: {tag.name}", "")],
            tag=tag,
        )

    @path("rss/")
    def rss_feed(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/")
    def atom_feed(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @path("chuyen-muc/<slug:slug>/rss/")
    def category_rss_feed(self, request, slug):
        from news.feeds import NewsRssFeed

        try:
            category = self.category_for(slug)
        except ListingError as error:
            return self.render_error(request, error)
        return NewsRssFeed(self, category)(request)

    @path("chuyen-muc/<slug:slug>/atom/")
    def category_atom_feed(self, request, slug):
        from news.feeds import NewsAtomFeed

        try:
            category = self.category_for(slug)
        except ListingError as error:
            return self.render_error(request, error)
        return NewsAtomFeed(self, category)(request)

    # Rendering -----------------------------------------------------------------------------

    def _one_url(self, request, subpath: str):
        """A 301 to the one spelling of an archive URL (/2024/05/, not /2024/5/ or /02024/)."""
        wanted = self.get_url(request) + subpath
        if request.path != wanted:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(wanted + (f"?{query}" if query else ""))
        return None

    def category_for(self, slug: str):
        from news.models.categories import NewsCategory

        category = NewsCategory.objects.filter(slug=slug).first()
        if category is None:
            raise ListingError(f"Không có chuyên mục “{slug[:60]}”.")
        return category

    def feed_links(self, request, category=None) -> list[tuple[str, str, str]]:
        """(type, title, url) of the feeds to advertise with <link rel="alternate">."""
        if category is not None:
            rss = self.reverse_subpage("category_rss_feed", args=[category.slug])
            atom = self.reverse_subpage("category_atom_feed", args=[category.slug])
            suffix = f" – {category.name}"
        else:
            rss, atom, suffix = (
                self.reverse_subpage("rss_feed"),
                self.reverse_subpage("atom_feed"),
                "",
            )
        base = self.get_url(request)
        return [
            ("application/rss+xml", f"RSS {self.title}{suffix}", base + rss),
            ("application/atom+xml", f"Atom {self.title}{suffix}", base + atom),
        ]

    def listing_context(self, request, **extra) -> dict:
        from news.models.categories import NewsCategory

        context = self.get_context(request)
        context.update(
            categories=sorted_vi(NewsCategory.objects.all(), key=lambda c: c.name),
            years=self.archive_years(),
            feed_links=self.feed_links(request, extra.get("category")),
            heading=self.title,
            trail=[],
        )
        year = extra.get("year")
        if year:
            months = self.published().filter(date__year=year)
            context["months"] = [d.month for d in months.dates("date", "month")]
        context.update(extra)
        return context

    def render_listing(self, request, articles, **extra):
        redirect_response = legacy_redirect(request)
        if redirect_response is not None:
            return redirect_response
        listing = Listing(request)
        if listing.format:
            return listing.export(
                (_article_row(request, article) for article in articles),
                ARTICLE_COLUMNS,
                "tin-tuc",
                filters={
                    key: str(value) for key, value in extra.items() if key in ("year", "month")
                }
                | ({"category": extra["category"].slug} if extra.get("category") else {})
                | ({"tag": extra["tag"].slug} if extra.get("tag") else {}),
                count=articles.count,
            )
        page_obj = listing.page(articles, ARTICLES_PER_PAGE)
        context = self.listing_context(
            request,
            page_obj=page_obj,
            articles=page_obj,
            errors=listing.errors,
            canonical_url=listing.canonical_url({}, page_obj.number),
            export_csv_url=listing.export_url({}, "csv"),
            export_json_url=listing.export_url({}, "json"),
            **extra,
        )
        return TemplateResponse(
            request, "news/news_index_page.html", context, status=listing.status
        )

    def render_error(self, request, error: ListingError, **extra):
        context = self.listing_context(request, error=error.message, articles=[], **extra)
        return TemplateResponse(request, "news/news_index_page.html", context, status=error.status)


ARTICLE_COLUMNS = [
    ("title", "Tiêu đề"),
    ("date", "Ngày"),
    ("category", "Chuyên mục"),
    ("summary", "Tóm tắt"),
    ("url", "Địa chỉ"),
]


def _article_row(request, article) -> dict:
    return {
        "title": article.title,
        "date": article.date,
        "category": article.category.name if article.category_id else "",
        "summary": article.summary_text,
        "url": absolute_url(article.url, request),
    }


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ListingError(f"Năm {year} không hợp lệ: chỉ có tin từ năm {FIRST_YEAR}.")
