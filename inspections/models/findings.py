"""Categories of inspection findings (late dossiers, missing appointment slips...): a snippet."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.admin_search import AdminSearchable
from search.text import slug_for


class FindingCategory(AdminSearchable, index.Indexed, models.Model):
    """What a finding or a remedy is about, e.g. "Hồ sơ trễ hạn", "Thiếu phiếu hẹn"."""

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
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *AdminSearchable.admin_search_fields,
    ]

    class Meta:
        verbose_name = "Nhóm nội dung kiểm tra"
        verbose_name_plural = "Nhóm nội dung kiểm tra"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name, "nhom", 160)
        super().save(*args, **kwargs)
