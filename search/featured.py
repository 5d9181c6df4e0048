"""The editor-set priority of an item in search results ("featured").

A page field editors set on procedures, legal documents and news (the "Quảng bá" tab),
reviewed with the rest of the page; builders copy it into `SearchDocument.featured`. The
database engine uses it as a tie-breaker among near-equal matches, after a typed number or
code and never above an item whose title is what was typed (search/README.md, ranking);
Elasticsearch indexes it as the integer field `featured`.
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel


class SearchPriority(models.IntegerChoices):
    NORMAL = 0, "Bình thường"
    FEATURED = 1, "Ưu tiên"
    TOP = 2, "Ưu tiên cao"


# Multiplier of the relevance score per level: enough to put a featured item before an equal
# or slightly better match, not enough to lift a poor match over a good one.
BOOST = {SearchPriority.NORMAL: 1.0, SearchPriority.FEATURED: 1.08, SearchPriority.TOP: 1.15}

HELP_TEXT = (
    "Khi nhiều kết quả tìm kiếm phù hợp gần như nhau, mục được ưu tiên đứng trước. Không "
    "vượt lên trên mục có đúng số hiệu, mã hoặc đúng tên người dân gõ. Chỉ dùng cho số ít "
    "mục người dân cần nhiều nhất; thay đổi được duyệt như nội dung khác."
)


def search_priority_field() -> models.PositiveSmallIntegerField:
    """The page field (the same definition on every page type that has it)."""
    return models.PositiveSmallIntegerField(
        "Ưu tiên trong kết quả tìm kiếm",
        choices=SearchPriority.choices,
        default=SearchPriority.NORMAL,
        help_text=HELP_TEXT,
    )


def search_priority_panel() -> FieldPanel:
    return FieldPanel("search_priority")


def featured_of(page) -> int:
    """The level a builder copies into its document (0 when the page has no such field)."""
    value = getattr(page, "search_priority", 0) or 0
    return int(value) if value in SearchPriority.values else 0
