"""The news index: latest articles, archive by year and month, category and tag pages, feeds.

Every listing is a route of the index page (RoutablePageMixin), so its filter state lives in
the URL: /tin-tuc/2024/, /tin-tuc/2024/5/, /tin-tuc/chuyen-muc/<slug>/, /tin-tuc/the/<slug>/,
each with ?page=N. A bad year, month, category, tag or page number gets a Vietnamese message
with a 4xx status, never a server error.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model

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


def paginate(queryset, request, per_page: int):
    """The requested page of `queryset`; ListingError for a malformed or missing page number."""
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    try:
        return paginator.page(raw)
    except PageNotAnInteger as error:
        raise ListingError(f"Số trang “{raw[:20]}” không hợp lệ.", status=400) from error
    except EmptyPage as error:
        raise ListingError(
            f"Không có trang {raw[:20]}: danh sách có {paginator.num_pages} trang.", status=404
        ) from error


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The section's landing page, a child of the home page."""

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "Trang danh sách tin"

    # Queries -------------------------------------------------------------------------------

    def published(self):
        """Live, public articles of this index; `.public()` costs a query, so it runs once."""
        from news.models.article import NewsPage

        if getattr(self, "_published", None) is None:
            self._published = NewsPage.objects.live().public().child_of(self)
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
            categories=list(NewsCategory.objects.all()),
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
        try:
            page_obj = paginate(articles, request, ARTICLES_PER_PAGE)
        except ListingError as error:
            return self.render_error(request, error, **extra)
        context = self.listing_context(request, page_obj=page_obj, articles=page_obj, **extra)
        return TemplateResponse(request, "news/news_index_page.html", context)

    def render_error(self, request, error: ListingError, **extra):
        context = self.listing_context(request, error=error.message, articles=[], **extra)
        return TemplateResponse(request, "news/news_index_page.html", context, status=error.status)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ListingError(f"Năm {year} không hợp lệ: chỉ có tin từ năm {FIRST_YEAR}.")
