"""Agencies: the bodies that implement procedures, issue documents, inspect and are inspected."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from home.admin_search import AdminSearchable
from home.vocabulary import NamedVocabulary


class AgencyKind(models.TextChoices):
    MINISTRY = "bo", "Bộ, cơ quan ngang bộ"
    CENTRAL = "trung_uong", "Cơ quan trung ương khác"
    PEOPLES_COUNCIL = "hdnd", "Hội đồng nhân dân"
    PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
    DEPARTMENT = "so", "Sở, ban, ngành"
    SERVICE_CENTRE = "trung_tam", "Trung tâm phục vụ hành chính công"
    UNIT = "don_vi", "Đơn vị trực thuộc"
    OTHER = "khac", "Khác"


class Agency(NamedVocabulary):
    slug_fallback = "co-quan"

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

    def admin_search_texts(self) -> tuple[str, ...]:
        return (self.name, self.short_name)


class OfficeKind(models.TextChoices):
    PROVINCIAL_CENTRE = "trung_tam_tinh", "Trung tâm Phục vụ hành chính công tỉnh"
    COMMUNE = "mot_cua_xa", "Bộ phận một cửa cấp xã"
    BRANCH = "diem_tiep_nhan", "Điểm tiếp nhận khác"


class OneStopOffice(models.Model):
    """Nơi tiếp nhận hồ sơ: an office where people hand in dossiers (bộ phận một cửa).

    The provincial centre (Trung tâm Phục vụ hành chính công) receives province-level
    procedures; each commune's one-stop office receives that commune's. Editors enter them;
    a commune without one falls back to its People's Committee on the procedure pages.
    """

    name = models.CharField("Tên nơi tiếp nhận", max_length=255)
    kind = models.CharField("Loại", max_length=20, choices=OfficeKind.choices)
    administrative_unit = models.ForeignKey(
        "administrative_units.AdministrativeUnit",
        verbose_name="Xã, phường (hoặc tỉnh)",
        on_delete=models.PROTECT,
        related_name="offices",
        help_text="Xã, phường mà bộ phận một cửa phục vụ; với trung tâm tỉnh: chọn tỉnh.",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="Thuộc cơ quan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offices",
    )
    address = models.CharField("Địa chỉ", max_length=300)
    opening_hours = models.TextField(
        "Giờ tiếp nhận",
        blank=True,
        help_text="Ví dụ: Thứ Hai - Thứ Sáu: 7 giờ - 11 giờ 30, 13 giờ 30 - 17 giờ.",
    )
    phone = models.CharField("Điện thoại", max_length=60, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    latitude = models.DecimalField("Vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        "Kinh độ", max_digits=9, decimal_places=6, null=True, blank=True
    )
    note = models.TextField("Ghi chú", blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("kind"),
                FieldPanel("administrative_unit"),
                FieldPanel("agency"),
            ],
            heading="Nơi tiếp nhận",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("note"),
            ],
            heading="Liên hệ và bản đồ",
        ),
    ]

    class Meta:
        verbose_name = "Nơi tiếp nhận hồ sơ"
        verbose_name_plural = "Nơi tiếp nhận hồ sơ (một cửa)"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Hãy nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": "Vĩ độ phải trong khoảng -90 đến 90."})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": "Kinh độ phải trong khoảng -180 đến 180."})

    @property
    def map_url(self) -> str:
        """A plain OpenStreetMap link to the office's point: no script, no embed."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:f}", f"{self.longitude:f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"

    @property
    def hours_lines(self) -> list[str]:
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]
