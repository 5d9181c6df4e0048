"""News categories (chuyên mục): a snippet vocabulary that editors manage."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from home.vocabulary import NamedVocabulary


class NewsCategory(NamedVocabulary):
    """A section of the newsroom, e.g. "Cải cách thủ tục hành chính", with its own feed."""

    slug_fallback = "chuyen-muc"

    name = models.CharField("Tên chuyên mục", max_length=120, unique=True)
    slug = models.SlugField(
        "Đường dẫn",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Phần cuối địa chỉ trang chuyên mục; để trống thì tạo từ tên.",
    )
    description = models.TextField("Mô tả", blank=True)
    sort_order = models.PositiveSmallIntegerField("Thứ tự hiển thị", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "Chuyên mục tin"
        verbose_name_plural = "Chuyên mục tin"
        ordering = ["sort_order", "name"]
