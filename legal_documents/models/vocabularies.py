"""Vocabularies editors manage as snippets: document types, issuing bodies and fields."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from home.vocabulary import NamedVocabulary


class _Vocabulary(NamedVocabulary):
    slug_fallback = "danh-muc"

    name = models.CharField("Tên", max_length=255, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=255, unique=True, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    @classmethod
    def named(cls, name: str):
        """The entry called `name` (created when missing); used by imports and demo content."""
        name = " ".join((name or "").split())
        if not name:
            return None
        found = cls.objects.filter(name__iexact=name).first()
        return found or cls.objects.create(name=name)


class DocumentType(_Vocabulary):
    """Loại văn bản: Luật, Nghị định, Thông tư, Quyết định..."""

    sort_order = models.PositiveSmallIntegerField(
        "Thứ tự", default=100, help_text="Thứ tự trong bộ lọc; số nhỏ đứng trước."
    )

    panels = [*_Vocabulary.panels, FieldPanel("sort_order")]

    class Meta:
        verbose_name = "Loại văn bản"
        verbose_name_plural = "Loại văn bản"
        ordering = ["sort_order", "name"]


class Issuer(_Vocabulary):
    """Cơ quan ban hành; linked to the portal's agency record when there is one."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Cơ quan trong danh bạ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [*_Vocabulary.panels, FieldPanel("agency")]

    class Meta:
        verbose_name = "Cơ quan ban hành"
        verbose_name_plural = "Cơ quan ban hành"
        ordering = ["name"]


class LegalField(_Vocabulary):
    """Lĩnh vực of a legal document (Hộ tịch, Đất đai, ...)."""

    class Meta:
        verbose_name = "Lĩnh vực văn bản"
        verbose_name_plural = "Lĩnh vực văn bản"
        ordering = ["name"]


# The usual types, in the order of the Law on Promulgation of Legal Documents.
STANDARD_TYPES = [
    "Hiến pháp",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Thông tư liên tịch",
    "Chỉ thị",
    "Kế hoạch",
    "Công văn",
    "Thông báo",
]
