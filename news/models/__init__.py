"""Pages and vocabularies of the news section: categories, the index with its archive, articles."""

from news.models.article import NewsPage, NewsPageTag, RelatedArticle
from news.models.categories import NewsCategory
from news.models.index import NewsIndexPage

__all__ = ["NewsCategory", "NewsIndexPage", "NewsPage", "NewsPageTag", "RelatedArticle"]
