"""Vocabularies that classify procedures: fields, levels, applicant types, life situations.

Each is a small model managed as a snippet, so editors can correct names and slugs without a
deployment; the choices that code relies on (levels, online levels, channel modes, statuses)
live in `procedures_catalog.choices`.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel

from home.vocabulary import NamedVocabulary
from procedures_catalog.choices import ProcedureLevel
from search.text import slug_for


class Field(NamedVocabulary):
    """Lĩnh vực: the sector a procedure belongs to (Hộ tịch, Đất đai, Xây dựng...)."""

    slug_fallback = "linh-vuc"

    name = models.CharField("Tên lĩnh vực", max_length=255, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, blank=True)
    code = models.CharField("Mã lĩnh vực", max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code")]

    class Meta:
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"
        ordering = ["name"]


class Level(models.Model):
    """Cấp thực hiện. One row per `ProcedureLevel`; a procedure may run at several levels."""

    code = models.CharField("Mã", max_length=20, unique=True, choices=ProcedureLevel.choices)
    name = models.CharField("Tên cấp", max_length=60)
    slug = models.SlugField("Đường dẫn", max_length=60, unique=True)
    is_historical = models.BooleanField(
        "Chỉ còn trong nội dung cũ",
        default=False,
        help_text="Cấp huyện không còn từ ngày 01/7/2025.",
    )
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    panels = [FieldPanel("name"), FieldPanel("is_historical"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "Cấp thực hiện"
        verbose_name_plural = "Cấp thực hiện"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def ensure_all(cls) -> dict[str, "Level"]:
        """Every level of `ProcedureLevel`, created if missing, keyed by code."""
        levels = {level.code: level for level in cls.objects.all()}
        for order, (code, label) in enumerate(ProcedureLevel.choices):
            if code not in levels:
                levels[code] = cls.objects.create(
                    code=code,
                    name=label,
                    slug=code.replace("_", "-"),
                    is_historical=code == ProcedureLevel.DISTRICT,
                    sort_order=order,
                )
        return levels


class ApplicantType(models.Model):
    """Đối tượng thực hiện: who may file (Công dân Việt Nam, Doanh nghiệp, ...)."""

    name = models.CharField("Tên đối tượng", max_length=255, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "Đối tượng thực hiện"
        verbose_name_plural = "Đối tượng thực hiện"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slug_for(self.name, "doi-tuong")
        super().save(*args, **kwargs)


class LifeSituation(NamedVocabulary):
    """Sự kiện, nhóm thủ tục: a life event that gathers procedures across fields."""

    slug_fallback = "su-kien"

    name = models.CharField("Tên sự kiện", max_length=255, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, blank=True)
    description = models.TextField("Mô tả", blank=True)
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "Sự kiện trong đời sống"
        verbose_name_plural = "Sự kiện trong đời sống"
        ordering = ["sort_order", "name"]
