"""The search document of a news article (one builder, registered for NewsPage)."""

from __future__ import annotations

from wagtail.rich_text import get_text_for_indexing

from base.public_url import page_path
from news.models import NewsPage
from search.documents import KIND_NEWS, SearchDocument, document_key, register
from search.featured import featured_of


def body_text(page: NewsPage) -> str:
    """Plain text of the article body: paragraphs, headings, quotes, captions, table cells."""
    parts: list[str] = []
    for block in page.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(get_text_for_indexing(value.source))
        elif block.block_type == "heading":
            parts.append(value)
        elif block.block_type == "quote":
            parts += [value["text"], value["attribution"]]
        elif block.block_type == "image":
            parts += [value["caption"], value["alt_text"]]
        elif block.block_type == "document":
            document = value["document"]
            parts.append(value["title"] or (document.title if document else ""))
        elif block.block_type == "table":
            parts.append(value["caption"])
            rows = (value["table"] or {}).get("data") or []
            parts += [str(cell) for row in rows for cell in row if cell]
    return "\n".join(part for part in parts if part)


@register(NewsPage)
def news_document(page: NewsPage) -> SearchDocument | None:
    if not page.live or page.get_view_restrictions().exists():
        return None
    category = page.category.name if page.category_id else ""
    facets: dict[str, str | list[str]] = {}
    if category:
        facets["category"] = category
    if page.date:
        facets["year"] = str(page.date.year)
    return SearchDocument(
        key=document_key(page),
        kind=KIND_NEWS,
        url=page_path(page),
        title=page.title,
        summary=page.summary_text,
        body="\n".join([page.standfirst, body_text(page)]),
        date=page.date,
        facets=facets,
        extra={"category": category} if category else {},
        featured=featured_of(page),
    )
