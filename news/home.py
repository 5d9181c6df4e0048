"""What the home page shows of this section (see home/sections.py)."""

from base.visibility import public_q
from home.sections import HomeItem
from news.models import NewsIndexPage, NewsPage

LATEST_NEWS = 5


def home_context(request) -> dict:
    articles = (
        NewsPage.objects.filter(public_q())
        .select_related("category")
        .only("title", "url_path", "date", "category__name", "path", "depth")
        .order_by("-date", "-pk")[:LATEST_NEWS]
    )
    index = NewsIndexPage.objects.filter(public_q()).first()
    return {
        "news_feed_links": index.feed_links(request) if index is not None else [],
        "latest_news": [
            HomeItem(
                title=article.title,
                url=article.get_url(request),
                date=article.date,
                meta=article.category.name if article.category_id else "",
            )
            for article in articles
        ],
    }
