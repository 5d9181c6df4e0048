"""A news article (tin bài): standfirst, body blocks, byline, category, tags, related articles.

Publication date: `date` is what readers see and what the archive files the article under.
Left empty, it takes the scheduled go-live date (Wagtail's "Lên lịch đăng", `go_live_at`) or
else the day it is first saved, so a scheduled article is filed under the day it goes public.
"""

from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from base.visibility import is_public, public_q, restricted_paths
from home.models import BasePage
from news.blocks import NewsBodyBlock
from search.featured import search_priority_field, search_priority_panel

RELATED_ARTICLES_SHOWN = 3


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BasePage):
    """One article, published under the news index."""

    standfirst = models.TextField(
        "Sapo",
        max_length=600,
        help_text="Đoạn mở đầu tóm tắt nội dung chính, hiển thị ngay dưới tiêu đề.",
    )
    body = StreamField(NewsBodyBlock(), verbose_name="Nội dung", blank=True)
    author = models.CharField("Tác giả", max_length=160, blank=True)
    source = models.CharField(
        "Nguồn", max_length=200, blank=True, help_text="Ví dụ: Sở Nội vụ, Báo Đồng Tháp."
    )
    source_url = models.URLField("Địa chỉ nguồn", blank=True)
    date = models.DateField(
        "Ngày đăng",
        null=True,
        blank=True,
        db_index=True,
        help_text="Để trống: lấy ngày hẹn đăng (nếu có) hoặc ngày lưu bài lần đầu.",
    )
    category = models.ForeignKey(
        "news.NewsCategory",
        verbose_name="Chuyên mục",
        null=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = ClusterTaggableManager("Từ khóa", through=NewsPageTag, blank=True)
    inspection = models.ForeignKey(
        "inspections.InspectionPage",
        verbose_name="Cuộc kiểm tra được đưa tin",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_articles",
        help_text="Nếu bài viết tường thuật một cuộc kiểm tra CCHC, chọn cuộc kiểm tra đó.",
    )
    search_priority = search_priority_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("standfirst"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
                FieldPanel("tags"),
                FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
                FieldPanel("source_url"),
            ],
            heading="Thông tin bài viết",
        ),
        FieldPanel("inspection"),
        MultipleChooserPanel(
            "related_links", chooser_field_name="article", label="Bài liên quan", max_num=6
        ),
    ]
    promote_panels = [*BasePage.promote_panels, search_priority_panel()]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Tin bài"
        verbose_name_plural = "Tin bài"

    def save(self, *args, **kwargs):
        if self.date is None:
            self.date = timezone.localdate(self.go_live_at) if self.go_live_at else None
            self.date = self.date or timezone.localdate()
        super().save(*args, **kwargs)

    @property
    def summary_text(self) -> str:
        return self.listing_summary or self.standfirst

    def related_articles(self) -> list["NewsPage"]:
        """The editor's choices first, then the latest articles of the same category."""
        paths = restricted_paths()
        chosen = [
            link.article
            for link in self.related_links.select_related("article", "article__category")
            if is_public(link.article, paths)
        ][:RELATED_ARTICLES_SHOWN]
        missing = RELATED_ARTICLES_SHOWN - len(chosen)
        if missing > 0 and self.category_id:
            exclude = [self.pk, *(a.pk for a in chosen)]
            chosen += list(
                NewsPage.objects.filter(public_q())
                .filter(category_id=self.category_id)
                .exclude(pk__in=exclude)
                .select_related("category")
                .order_by("-date", "-pk")[:missing]
            )
        return chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = self.related_articles()
        context["tags"] = list(self.tags.all())
        context["share_type"] = "article"
        from news.models.index import NewsIndexPage

        # One query for the index with its own fields (get_parent().specific takes two).
        index_page = NewsIndexPage.objects.ancestor_of(self).last() or self.get_parent().specific
        context["index_page"] = index_page
        context["feed_links"] = index_page.feed_links(request)
        inspection = self.inspection
        context["inspection"] = inspection if is_public(inspection) else None
        return context


class RelatedArticle(Orderable):
    """An article the editor links from another, shown under "Bài liên quan"."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        NewsPage,
        verbose_name="Bài viết",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = "Bài liên quan"
        verbose_name_plural = "Bài liên quan"
