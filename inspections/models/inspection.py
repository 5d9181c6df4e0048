"""An inspection (cuộc kiểm tra CCHC): team, inspected units, findings and required remedies.

Remedies are tracked to the end: each has a deadline and a stored status (open, in progress,
done). Whether it is overdue is derived from the deadline and today's date, never stored, so
it cannot go stale. Every published change of status leaves a RemedyStatusChange behind.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from base.deadlines import DeadlineQuerySet, is_overdue
from base.visibility import public_q
from home.forms import PortalPageForm
from home.models import BasePage
from inspections.models.choices import (
    OVERDUE_LABEL,
    STATUS_BADGES,
    FindingKind,
    RemedyStatus,
    TrackerStatus,
)

DONE_WITHOUT_DATE = "Yêu cầu đã hoàn thành phải có ngày hoàn thành."
DEADLINE_BEFORE_INSPECTION = (
    "Thời hạn khắc phục ({deadline}) không thể trước ngày kiểm tra ({inspected})."
)


class InspectionPageForm(PortalPageForm):
    """Checks that no remedy is due before the inspection took place.

    The check needs the page's date and the remedies' deadlines together, which only the whole
    form (page fields plus inline formsets) has.
    """

    def is_valid(self):
        valid = super().is_valid()
        start = self.cleaned_data.get("start_date") if hasattr(self, "cleaned_data") else None
        remedies = self.formsets.get("remedies")
        if start is None or remedies is None:
            return valid
        for form in remedies.forms:
            data = getattr(form, "cleaned_data", None) or {}
            deadline = data.get("deadline")
            if data.get("DELETE") or deadline is None:
                continue
            if deadline < start:
                form.add_error("deadline", _deadline_message(deadline, start))
                valid = False
        return valid


def _deadline_message(deadline: datetime.date, inspected: datetime.date) -> str:
    return DEADLINE_BEFORE_INSPECTION.format(
        deadline=deadline.strftime("%d/%m/%Y"), inspected=inspected.strftime("%d/%m/%Y")
    )


class InspectionPage(BasePage):
    """The published result of one inspection, under the index or under its yearly plan."""

    start_date = models.DateField("Ngày kiểm tra", db_index=True)
    end_date = models.DateField(
        "Ngày kết thúc", null=True, blank=True, help_text="Để trống nếu kiểm tra trong một ngày."
    )
    lead_name = models.CharField("Trưởng đoàn", max_length=160)
    lead_title = models.CharField(
        "Chức vụ trưởng đoàn", max_length=200, blank=True, help_text="Ví dụ: Phó Giám đốc"
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Cơ quan của trưởng đoàn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_inspections",
    )
    inspected_agencies = ParentalManyToManyField(
        "agencies.Agency",
        verbose_name="Đơn vị được kiểm tra",
        related_name="inspections",
        help_text="Cơ quan, UBND xã (hoặc UBND huyện cũ) được kiểm tra.",
    )
    inspected_areas = ParentalManyToManyField(
        "administrative_units.AdministrativeUnit",
        verbose_name="Địa bàn",
        blank=True,
        related_name="inspections",
        help_text="Xã, phường hoặc huyện cũ (trước 01/07/2025) nơi đoàn kiểm tra.",
    )
    scope = RichTextField("Nội dung, phạm vi kiểm tra", blank=True)
    conclusion = RichTextField("Kết luận chung", blank=True)
    report = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Báo cáo, thông báo kết luận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = InspectionPageForm
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("lead_name"), FieldPanel("lead_title")]),
                FieldPanel("lead_agency"),
                InlinePanel("team_members", label="Thành viên đoàn"),
            ],
            heading="Đoàn kiểm tra",
        ),
        MultiFieldPanel(
            [FieldPanel("inspected_agencies"), FieldPanel("inspected_areas")],
            heading="Đơn vị được kiểm tra",
        ),
        FieldPanel("scope"),
        InlinePanel("findings", label="Kết quả kiểm tra (ưu điểm, hạn chế)"),
        FieldPanel("conclusion"),
        InlinePanel("remedies", label="Yêu cầu khắc phục"),
        FieldPanel("report"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("scope"),
        index.SearchField("conclusion"),
        index.FilterField("start_date"),
    ]
    parent_page_types = ["inspections.InspectionIndexPage", "inspections.InspectionPlanPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Kết quả kiểm tra"
        verbose_name_plural = "Kết quả kiểm tra"

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc không thể trước ngày kiểm tra."})

    @property
    def year(self) -> int:
        return self.start_date.year

    @classmethod
    def routed_from(cls, parent, slug):
        """The result at `slug` under `parent`, loaded in one query (`BasePage.routed_child`)."""
        return cls.objects.child_of(parent).filter(slug=slug).select_related("lead_agency").first()

    def unit_names(self) -> list[str]:
        names = [agency.name for agency in self.inspected_agencies.all()]
        names += [str(area) for area in self.inspected_areas.all()]
        return names

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        findings = list(self.findings.select_related("category"))
        context["strengths"] = [f for f in findings if f.kind == FindingKind.STRENGTH]
        context["shortcomings"] = [f for f in findings if f.kind == FindingKind.SHORTCOMING]
        context["remedies"] = list(
            self.remedies.select_related(
                "category", "responsible_agency", "evidence_document"
            ).prefetch_related("status_changes")
        )
        context["team_members"] = list(self.team_members.select_related("agency"))
        context["agencies"] = list(self.inspected_agencies.all())
        context["areas"] = list(self.inspected_areas.all())
        context["articles"] = list(
            self.news_articles.filter(public_q()).select_related("category").order_by("-date")
        )
        # One query (the index's own table joined), not ancestors then their specific rows.
        context["index_page"] = _index_model().objects.ancestor_of(self).last()
        return context


def _index_model():
    from inspections.models.index import InspectionIndexPage

    return InspectionIndexPage


class InspectionTeamMember(Orderable):
    page = ParentalKey(InspectionPage, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField("Họ và tên", max_length=160)
    title = models.CharField("Chức vụ", max_length=200, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Cơ quan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("agency")]

    class Meta(Orderable.Meta):
        verbose_name = "Thành viên đoàn kiểm tra"
        verbose_name_plural = "Thành viên đoàn kiểm tra"


class Finding(Orderable):
    """One strength (ưu điểm) or shortcoming (hạn chế) the team recorded."""

    page = ParentalKey(InspectionPage, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField("Loại", max_length=20, choices=FindingKind.choices)
    category = models.ForeignKey(
        "inspections.FindingCategory",
        verbose_name="Nhóm nội dung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    text = models.TextField("Nội dung")

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Kết quả kiểm tra"
        verbose_name_plural = "Kết quả kiểm tra"


class RemedyQuerySet(DeadlineQuerySet):
    """`overdue()` and `not_overdue()` follow the shared rule of `base.deadlines`."""

    def with_tracker_status(self, status: str, today: datetime.date | None = None):
        """Remedies a reader sees under `status` (a TrackerStatus value)."""
        if status == TrackerStatus.OVERDUE:
            return self.overdue(today)
        stored = {
            TrackerStatus.OPEN: RemedyStatus.OPEN,
            TrackerStatus.IN_PROGRESS: RemedyStatus.IN_PROGRESS,
            TrackerStatus.DONE: RemedyStatus.DONE,
        }[TrackerStatus(status)]
        return self.filter(status=stored)

    def for_listing(self):
        return self.select_related(
            "page", "category", "responsible_agency", "evidence_document"
        ).prefetch_related("status_changes")


class Remedy(Orderable):
    """A required remedy (yêu cầu khắc phục): what, by whom, by when, and whether it was done."""

    page = ParentalKey(InspectionPage, on_delete=models.CASCADE, related_name="remedies")
    description = models.TextField("Nội dung yêu cầu khắc phục")
    category = models.ForeignKey(
        "inspections.FindingCategory",
        verbose_name="Nhóm nội dung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="remedies",
    )
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Đơn vị thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_remedies",
    )
    deadline = models.DateField("Thời hạn", db_index=True)
    status = models.CharField(
        "Trạng thái",
        max_length=20,
        choices=RemedyStatus.choices,
        default=RemedyStatus.OPEN,
        db_index=True,
    )
    completed_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    evidence = models.TextField("Kết quả, minh chứng khắc phục", blank=True)
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Văn bản minh chứng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_note = models.CharField(
        "Ghi chú khi đổi trạng thái",
        max_length=300,
        blank=True,
        help_text="Được ghi vào lịch sử khi trạng thái thay đổi (ví dụ: số văn bản báo cáo).",
    )

    objects = RemedyQuerySet.as_manager()

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("responsible_agency")]),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("status"), FieldPanel("completed_on")]),
        FieldPanel("status_note"),
        FieldPanel("evidence"),
        FieldPanel("evidence_document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Yêu cầu khắc phục"
        verbose_name_plural = "Yêu cầu khắc phục"

    def __str__(self):
        return self.description[:80]

    def clean(self):
        super().clean()
        errors = {}
        if self.status == RemedyStatus.DONE and not self.completed_on:
            errors["completed_on"] = DONE_WITHOUT_DATE
        page = self._page_or_none()
        inspected = page.start_date if page is not None else None
        if inspected and self.deadline and self.deadline < inspected:
            errors["deadline"] = _deadline_message(self.deadline, inspected)
        if errors:
            raise ValidationError(errors)

    def _page_or_none(self):
        try:
            return self.page
        except InspectionPage.DoesNotExist:
            return None

    def save(self, *args, **kwargs):
        previous = None
        if self.pk:
            previous = Remedy.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        super().save(*args, **kwargs)
        if previous != self.status:
            changed_on = self.completed_on if self.status == RemedyStatus.DONE else None
            RemedyStatusChange.objects.create(
                remedy=self,
                old_status=previous or "",
                new_status=self.status,
                changed_on=changed_on or timezone.localdate(),
                note=self.status_note,
            )

    # Derived state -------------------------------------------------------------------------

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Not done and past its deadline. A done remedy is never overdue, however late."""
        return is_overdue(self.status, self.deadline, today)

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.deadline).days if self.overdue else 0

    @property
    def completed_late(self) -> bool:
        return bool(
            self.status == RemedyStatus.DONE
            and self.completed_on
            and self.deadline
            and self.completed_on > self.deadline
        )

    @property
    def status_label(self) -> str:
        return OVERDUE_LABEL if self.overdue else self.get_status_display()

    @property
    def badge_class(self) -> str:
        return STATUS_BADGES["overdue" if self.overdue else self.status]


class RemedyStatusChange(models.Model):
    """One step in a remedy's history: written when a published status differs from the last."""

    remedy = models.ForeignKey(Remedy, on_delete=models.CASCADE, related_name="status_changes")
    changed_on = models.DateField("Ngày")
    old_status = models.CharField(
        "Trạng thái cũ", max_length=20, choices=RemedyStatus.choices, blank=True
    )
    new_status = models.CharField("Trạng thái mới", max_length=20, choices=RemedyStatus.choices)
    note = models.CharField("Ghi chú", max_length=300, blank=True)
    recorded_at = models.DateTimeField("Thời điểm ghi nhận", auto_now_add=True)

    class Meta:
        verbose_name = "Lịch sử trạng thái khắc phục"
        verbose_name_plural = "Lịch sử trạng thái khắc phục"
        ordering = ["changed_on", "pk"]

    def __str__(self):
        return f"{self.changed_on:%d/%m/%Y}: {self.get_new_status_display()}"


def remedies_prefetch(queryset=None) -> Prefetch:
    """Prefetch of an inspection's remedies with what a listing shows of each."""
    return Prefetch("remedies", queryset=queryset or Remedy.objects.for_listing())
