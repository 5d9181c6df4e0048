"""/api/v1/news: reform news, newest first, by category, year and month as the archive files it."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from api.errors import ApiError, responses
from api.listing import PageOut, page_of
from api.schemas import SLUG, Ref, absolute_html, api_url, page_url, ref
from base.listing import Listing
from base.visibility import is_public
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.models.index import ARTICLES_PER_PAGE, FIRST_YEAR, LAST_YEAR

router = Router(tags=["Tin tức"])


class NewsFilters(Schema):
    chuyen_muc: str | None = Field(
        None, pattern=SLUG, max_length=255, alias="chuyen-muc", description="Chuyên mục (slug)."
    )
    nam: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Năm đăng.")
    thang: int | None = Field(None, ge=1, le=12, description="Tháng đăng (cần kèm năm).")
    trang: int | None = Field(None, ge=1, le=999999, description="Số trang (mặc định 1).")


class ArticleSummary(Schema):
    slug: str
    title: str
    date: datetime.date | None
    category: Ref | None
    summary: str
    tags: list[Ref]
    url: str
    api_url: str


class ArticleList(PageOut):
    items: list[ArticleSummary]


class InspectionRef(Schema):
    slug: str
    title: str
    api_url: str


class ArticleDetail(ArticleSummary):
    standfirst: str
    body_html: str = Field(description="Nội dung bài viết, HTML.")
    author: str
    source: str
    source_url: str
    inspection: InspectionRef | None


def news_index() -> NewsIndexPage:
    index = NewsIndexPage.objects.live().first()
    if index is None:
        raise ApiError(404, "Chưa có trang tin tức.")
    return index


def summary(article, request) -> dict:
    return {
        "slug": article.slug,
        "title": article.title,
        "date": article.date,
        "category": ref(article.category),
        "summary": article.summary_text,
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in article.tags.all()],
        "url": page_url(article, request),
        "api_url": api_url(request, f"news/{article.slug}"),
    }


@router.get(
    "/news",
    response=responses(ArticleList, 400, 404),
    summary="Tin tức",
    description=f"Tin đã đăng, mới nhất trước ({ARTICLES_PER_PAGE} tin một trang); lọc theo "
    "chuyên mục, năm, tháng như /tin-tuc/chuyen-muc/<slug>/ và /tin-tuc/<năm>/<tháng>/.",
)
def list_news(request, filters: Query[NewsFilters]):
    articles = news_index().articles().prefetch_related("tags")
    listing = Listing(request)
    category = listing.lookup(
        "chuyen-muc", "Chuyên mục", lambda slug: NewsCategory.objects.filter(slug=slug).first()
    )
    year = listing.year("nam", "Năm", FIRST_YEAR, LAST_YEAR)
    if filters.thang and not year:
        listing.reject("Tháng cần đi kèm năm, ví dụ nam=2025&thang=5.")
    state = {}
    if category is not None:
        articles = articles.filter(category=category)
        state["chuyen-muc"] = category.slug
    if year:
        articles = articles.filter(date__year=year)
        state["nam"] = year
        if filters.thang:
            articles = articles.filter(date__month=filters.thang)
            state["thang"] = filters.thang
    return page_of(listing, articles, ARTICLES_PER_PAGE, state, lambda a: summary(a, request))


@router.get(
    "/news/{slug}",
    response=responses(ArticleDetail, 404),
    summary="Một bài tin",
    description="Bài tin theo slug (trong api_url của danh sách), với nội dung HTML.",
)
def get_article(request, slug: str):
    article = (
        NewsPage.objects.live()
        .public()
        .filter(slug=slug[:255])
        .select_related("category", "inspection")
        .first()
    )
    if article is None:
        raise ApiError(404, f"Không có bài tin “{slug[:60]}”.")
    inspection = article.inspection
    return {
        **summary(article, request),
        "standfirst": article.standfirst,
        "body_html": absolute_html(str(article.body), request),
        "author": article.author,
        "source": article.source,
        "source_url": article.source_url,
        "inspection": {
            "slug": inspection.slug,
            "title": inspection.title,
            "api_url": api_url(request, f"inspections/{inspection.slug}"),
        }
        if is_public(inspection)
        else None,
    }
