"""The yearly inspection plan (kế hoạch kiểm tra CCHC) and the inspections it schedules."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from base.visibility import is_public
from home.models import BasePage


class InspectionPlanPage(BasePage):
    """A year's plan, decided by the provincial People's Committee; results live beneath it."""

    year = models.PositiveSmallIntegerField(
        "Năm", validators=[MinValueValidator(2000), MaxValueValidator(2100)], unique=True
    )
    decision_number = models.CharField(
        "Số quyết định", max_length=60, blank=True, help_text="Ví dụ: 125/QĐ-UBND"
    )
    decision_date = models.DateField("Ngày ban hành", null=True, blank=True)
    decision_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Văn bản kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField("Mục đích, yêu cầu", blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
                FieldPanel("decision_document"),
            ],
            heading="Quyết định ban hành",
        ),
        FieldPanel("intro"),
        InlinePanel("planned_inspections", label="Cuộc kiểm tra theo kế hoạch"),
    ]
    parent_page_types = ["inspections.InspectionIndexPage"]
    subpage_types = ["inspections.InspectionPage"]

    class Meta:
        verbose_name = "Kế hoạch kiểm tra"
        verbose_name_plural = "Kế hoạch kiểm tra"

    def routed_child(self, slug):
        from inspections.models.inspection import InspectionPage

        return InspectionPage.routed_from(self, slug)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        planned = list(
            self.planned_inspections.select_related("agency", "area", "inspection").order_by(
                "planned_month", "sort_order"
            )
        )
        context["planned"] = planned
        context["done_count"] = sum(1 for p in planned if p.result is not None)
        return context


class PlannedInspection(Orderable):
    """One line of the plan: which unit, in which month, and, once done, its result."""

    plan = ParentalKey(
        InspectionPlanPage, on_delete=models.CASCADE, related_name="planned_inspections"
    )
    planned_month = models.PositiveSmallIntegerField(
        "Tháng dự kiến", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Đơn vị được kiểm tra",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.ForeignKey(
        "administrative_units.AdministrativeUnit",
        verbose_name="Địa bàn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField("Nội dung trọng tâm", max_length=300, blank=True)
    inspection = models.ForeignKey(
        "inspections.InspectionPage",
        verbose_name="Kết quả kiểm tra",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_entries",
        help_text="Chọn khi cuộc kiểm tra đã thực hiện và kết quả đã đăng.",
    )

    panels = [
        FieldRowPanel([FieldPanel("planned_month"), FieldPanel("agency"), FieldPanel("area")]),
        FieldPanel("subject"),
        FieldPanel("inspection"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Cuộc kiểm tra theo kế hoạch"
        verbose_name_plural = "Cuộc kiểm tra theo kế hoạch"

    def clean(self):
        super().clean()
        if not self.agency_id and not self.area_id:
            raise ValidationError("Chọn đơn vị được kiểm tra hoặc địa bàn.")

    @property
    def unit_name(self) -> str:
        return str(self.agency or self.area or "")

    @property
    def result(self):
        """The linked inspection if the public may see it (published, not private), else None."""
        inspection = self.inspection
        return inspection if is_public(inspection) else None
