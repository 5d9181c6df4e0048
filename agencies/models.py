"""Agencies: the bodies that implement procedures, issue documents, inspect and are inspected."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from home.admin_search import AdminSearchable
from search.text import slug_for


class AgencyKind(models.TextChoices):
    MINISTRY = "bo", "Bộ, cơ quan ngang bộ"
    CENTRAL = "trung_uong", "Cơ quan trung ương khác"
    PEOPLES_COUNCIL = "hdnd", "Hội đồng nhân dân"
    PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
    DEPARTMENT = "so", "Sở, ban, ngành"
    SERVICE_CENTRE = "trung_tam", "Trung tâm phục vụ hành chính công"
    UNIT = "don_vi", "Đơn vị trực thuộc"
    OTHER = "khac", "Khác"


class Agency(AdminSearchable, index.Indexed, models.Model):
    name = models.CharField("Tên cơ quan", max_length=255, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, blank=True)
    short_name = models.CharField("Tên viết tắt", max_length=60, blank=True)
    kind = models.CharField("Loại cơ quan", max_length=20, choices=AgencyKind.choices)
    administrative_unit = models.ForeignKey(
        "administrative_units.AdministrativeUnit",
        verbose_name="Địa bàn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="Cơ quan chủ quản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    phone = models.CharField("Điện thoại", max_length=60, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    website = models.URLField("Trang thông tin", blank=True)
    is_historical = models.BooleanField(
        "Cơ quan cũ", default=False, help_text="Đã giải thể hoặc sáp nhập; giữ cho nội dung cũ."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug"), FieldPanel("kind")],
            heading="Cơ quan",
        ),
        MultiFieldPanel(
            [FieldPanel("administrative_unit"), FieldPanel("parent"), FieldPanel("is_historical")],
            heading="Trực thuộc",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading="Liên hệ",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        *AdminSearchable.admin_search_fields,
    ]

    class Meta:
        verbose_name = "Cơ quan"
        verbose_name_plural = "Cơ quan"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name, "co-quan")
        super().save(*args, **kwargs)

    def admin_search_texts(self) -> tuple[str, ...]:
        return (self.name, self.short_name)
