"""Administrative units: the province and its communes, plus historical districts.

Since 1 July 2025 local government has two tiers (province, commune). The current units come
from the `vietnam-provinces` package (`manage.py load_administrative_units`); districts
(huyện) and pre-merger communes survive only in older content, so editors add them by hand,
marked historical.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from home.admin_search import AdminSearchable


class DivisionType(models.TextChoices):
    PROVINCE = "tinh", "Tỉnh"
    CENTRAL_CITY = "thanh_pho_trung_uong", "Thành phố trực thuộc trung ương"
    WARD = "phuong", "Phường"
    COMMUNE = "xa", "Xã"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"
    # Historical tiers, before 1 July 2025.
    DISTRICT = "huyen", "Huyện"
    URBAN_DISTRICT = "quan", "Quận"
    TOWN = "thi_xa", "Thị xã"
    PROVINCIAL_CITY = "thanh_pho_thuoc_tinh", "Thành phố thuộc tỉnh"
    TOWNSHIP = "thi_tran", "Thị trấn"


PROVINCE_TYPES = {DivisionType.PROVINCE, DivisionType.CENTRAL_CITY}


class AdministrativeUnit(AdminSearchable, index.Indexed, models.Model):
    code = models.CharField(
        "Mã đơn vị",
        max_length=20,
        unique=True,
        help_text="Mã theo danh mục hành chính quốc gia; đơn vị cũ có thể dùng mã tự đặt.",
    )
    name = models.CharField("Tên", max_length=150)
    division_type = models.CharField("Loại", max_length=30, choices=DivisionType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="Trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_historical = models.BooleanField(
        "Đơn vị cũ",
        default=False,
        help_text="Đơn vị không còn tồn tại (ví dụ cấp huyện trước ngày 01/07/2025).",
    )
    dissolved_on = models.DateField("Ngày chấm dứt hoạt động", null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("division_type"),
        FieldPanel("parent"),
        FieldPanel("is_historical"),
        FieldPanel("dissolved_on"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *AdminSearchable.admin_search_fields,
    ]

    class Meta:
        verbose_name = "Đơn vị hành chính"
        verbose_name_plural = "Đơn vị hành chính"
        ordering = ["is_historical", "name"]

    def __str__(self):
        if self.is_historical:
            return f"{self.name} (cũ)"
        return self.name

    def admin_search_texts(self) -> tuple[str, ...]:
        return (self.name, self.code)

    @property
    def is_province(self) -> bool:
        return self.division_type in PROVINCE_TYPES
