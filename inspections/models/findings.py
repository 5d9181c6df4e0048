"""Categories of inspection findings (late dossiers, missing appointment slips...): a snippet."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from home.vocabulary import NamedVocabulary


class FindingCategory(NamedVocabulary):
    """What a finding or a remedy is about, e.g. "Hồ sơ trễ hạn", "Thiếu phiếu hẹn"."""

    slug_fallback = "nhom"

    name = models.CharField("Tên nhóm", max_length=160, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=160, unique=True, blank=True)
    description = models.TextField("Mô tả", blank=True)
    sort_order = models.PositiveSmallIntegerField("Thứ tự hiển thị", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "Nhóm nội dung kiểm tra"
        verbose_name_plural = "Nhóm nội dung kiểm tra"
        ordering = ["sort_order", "name"]
