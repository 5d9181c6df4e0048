"""News categories (chuyên mục): a snippet vocabulary that editors manage."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.admin_search import AdminSearchable
from search.text import slug_for


class NewsCategory(AdminSearchable, index.Indexed, models.Model):
    """A section of the newsroom, e.g. "Cải cách thủ tục hành chính", with its own feed."""

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
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *AdminSearchable.admin_search_fields,
    ]

    class Meta:
        verbose_name = "Chuyên mục tin"
        verbose_name_plural = "Chuyên mục tin"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name, "chuyen-muc", 120)
        super().save(*args, **kwargs)
