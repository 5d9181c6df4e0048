"""The yearly reform plan (Kế hoạch CCHC năm ...) and its tasks.

A task stores what editors know: its reform area, responsible unit, deadline, status and,
while ongoing, its progress in percent. What follows from those is derived each time it is
read, never typed: whether it is overdue (`base.deadlines`, the remedies tracker's rule), and
the progress of the plan per area and per unit (`progress_by`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from base.collation import sort_key
from base.deadlines import DeadlineQuerySet, days_overdue, is_overdue
from home.models import BasePage
from reform_plans.models.choices import (
    OVERDUE_LABEL,
    STATUS_BADGES,
    STORED_FOR_FILTER,
    ReformArea,
    TaskFilterStatus,
    TaskStatus,
)

DONE_WITHOUT_DATE = "Nhiệm vụ đã hoàn thành phải có ngày hoàn thành."
EVIDENCE_PAGE_TYPES = [
    "legal_documents.LegalDocumentPage",
    "news.NewsPage",
    "reform_plans.ReportPage",
]


class PlanIndexPage(RoutablePageMixin, BasePage):
    """The plans section (/ke-hoach-cchc/): the yearly plans and every task, filterable.

    Routes: "" the plans by year; "nhiem-vu/" every task of the published plans, by the
    listing convention of `base.listing` (see `reform_plans.views`).
    """

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reform_plans.PlanPage"]

    class Meta:
        verbose_name = "Trang kế hoạch CCHC"

    def plans(self):
        return PlanPage.objects.live().public().descendant_of(self).order_by("-year")

    def tasks(self):
        return PlanTask.objects.filter(page__in=self.plans().values("pk")).for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plans = list(self.plans().prefetch_related("tasks"))
        for plan in plans:
            plan.summary = PlanSummary.of(plan.tasks.all())
        context["plans"] = plans
        return context

    @path("nhiem-vu/", name="tasks")
    def task_list(self, request):
        from reform_plans.views import task_list

        return task_list(self, request)


class PlanPage(BasePage):
    """One yearly plan: the plan document in the register, the narrative and the tasks."""

    year = models.PositiveSmallIntegerField("Năm kế hoạch", db_index=True)
    plan_document = models.ForeignKey(
        "legal_documents.LegalDocumentPage",
        verbose_name="Văn bản ban hành kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reform_plans",
        help_text="Quyết định hoặc kế hoạch trong cơ sở dữ liệu văn bản.",
    )
    intro = RichTextField("Nội dung tóm tắt", blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("year"), PageChooserPanel("plan_document")]),
        FieldPanel("intro"),
        InlinePanel("tasks", heading="Nhiệm vụ", label="Nhiệm vụ"),
    ]
    parent_page_types = ["reform_plans.PlanIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Kế hoạch CCHC năm"
        verbose_name_plural = "Kế hoạch CCHC năm"

    def get_context(self, request, *args, **kwargs):
        from reform_plans.charts import describe, progress_chart

        context = super().get_context(request, *args, **kwargs)
        tasks = list(self.tasks.all().for_listing())
        context["summary"] = PlanSummary.of(tasks)
        context["areas"] = progress_by(tasks, "area")
        context["units"] = progress_by(tasks, "unit")
        context["area_chart"] = progress_chart(context["areas"])
        context["unit_chart"] = progress_chart(context["units"])
        context["area_description"] = describe(context["areas"])
        context["unit_description"] = describe(context["units"])
        index = self.get_parent().specific
        if isinstance(index, PlanIndexPage):
            context["tasks_url"] = index.get_url(request) + index.reverse_subpage("tasks")
        context["tasks_by_area"] = [
            (group, [t for t in tasks if t.area == group.key]) for group in context["areas"]
        ]
        return context


class PlanTaskQuerySet(DeadlineQuerySet):
    def with_filter_status(self, status: str, today: datetime.date | None = None):
        """Tasks a reader sees under `status` (a TaskFilterStatus value)."""
        if status == TaskFilterStatus.OVERDUE:
            return self.overdue(today)
        return self.filter(status=STORED_FOR_FILTER[TaskFilterStatus(status)])

    def for_listing(self):
        return self.select_related("page", "responsible_agency", "evidence_page")


class PlanTask(Orderable):
    """A task of the plan (nhiệm vụ): what, which area, by whom, by when, how far along."""

    page = ParentalKey(PlanPage, on_delete=models.CASCADE, related_name="tasks")
    title = models.TextField("Nội dung nhiệm vụ")
    area = models.CharField(
        "Lĩnh vực cải cách", max_length=30, choices=ReformArea.choices, db_index=True
    )
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reform_plan_tasks",
    )
    deadline = models.DateField("Thời hạn", db_index=True)
    status = models.CharField(
        "Trạng thái",
        max_length=20,
        choices=TaskStatus.choices,
        default=TaskStatus.NOT_STARTED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(
        "Tiến độ (%)",
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Chỉ điền khi đang thực hiện; đã hoàn thành được tính 100%, chưa thực hiện 0%.",
    )
    completed_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    evidence_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Minh chứng trên cổng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Văn bản, tin tức hoặc báo cáo cho thấy kết quả thực hiện.",
    )
    evidence_url = models.URLField("Liên kết minh chứng khác", blank=True)
    evidence_note = models.CharField("Ghi chú kết quả", max_length=300, blank=True)

    objects = PlanTaskQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("responsible_agency")]),
        FieldRowPanel(
            [
                FieldPanel("deadline"),
                FieldPanel("status"),
                FieldPanel("progress"),
                FieldPanel("completed_on"),
            ]
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("evidence_page", EVIDENCE_PAGE_TYPES),
                FieldPanel("evidence_url"),
                FieldPanel("evidence_note"),
            ],
            heading="Minh chứng",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Nhiệm vụ"
        verbose_name_plural = "Nhiệm vụ"

    def __str__(self):
        return self.title[:80]

    def clean(self):
        super().clean()
        errors = {}
        if self.status == TaskStatus.DONE and not self.completed_on:
            errors["completed_on"] = DONE_WITHOUT_DATE
        if self.status == TaskStatus.NOT_STARTED and self.progress:
            errors["progress"] = "Nhiệm vụ chưa thực hiện có tiến độ 0%; hãy đổi trạng thái."
        if errors:
            raise ValidationError(errors)

    # Derived state -------------------------------------------------------------------------

    @property
    def effective_progress(self) -> int:
        """Done counts 100%, not started 0%; only an ongoing task uses the typed figure."""
        if self.status == TaskStatus.DONE:
            return 100
        if self.status == TaskStatus.NOT_STARTED:
            return 0
        return min(self.progress or 0, 100)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return is_overdue(self.status, self.deadline, today)

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def days_overdue(self) -> int:
        return days_overdue(self.status, self.deadline)

    @property
    def status_label(self) -> str:
        return OVERDUE_LABEL if self.overdue else self.get_status_display()

    @property
    def badge_class(self) -> str:
        return STATUS_BADGES["overdue" if self.overdue else self.status]

    @property
    def unit_name(self) -> str:
        return self.responsible_agency.name if self.responsible_agency_id else ""


NO_UNIT = "Chưa giao đơn vị"


@dataclass
class PlanSummary:
    """Counts and progress of a set of tasks; every figure derived from the tasks."""

    key: str = ""
    label: str = ""
    total: int = 0
    done: int = 0
    ongoing: int = 0
    not_started: int = 0
    overdue: int = 0
    progress_sum: int = field(default=0, repr=False)

    def add(self, task: PlanTask, today: datetime.date | None = None) -> None:
        self.total += 1
        self.progress_sum += task.effective_progress
        if task.status == TaskStatus.DONE:
            self.done += 1
        elif task.status == TaskStatus.ONGOING:
            self.ongoing += 1
        else:
            self.not_started += 1
        if task.is_overdue(today):
            self.overdue += 1

    @property
    def progress(self) -> Decimal | None:
        """Mean progress of the tasks in percent (one decimal); None without tasks."""
        if not self.total:
            return None
        return (Decimal(self.progress_sum) / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @classmethod
    def of(cls, tasks, today: datetime.date | None = None, **kwargs) -> PlanSummary:
        summary = cls(**kwargs)
        for task in tasks:
            summary.add(task, today)
        return summary


def progress_by(tasks, dimension: str, today: datetime.date | None = None) -> list[PlanSummary]:
    """Progress per reform area (in the programme's order) or per unit (by name)."""
    groups: dict[str, PlanSummary] = {}
    for task in tasks:
        if dimension == "area":
            key, label = task.area, task.get_area_display()
        else:
            agency = task.responsible_agency
            key, label = (agency.slug, agency.name) if agency else ("", NO_UNIT)
        groups.setdefault(key, PlanSummary(key=key, label=label)).add(task, today)
    if dimension == "area":
        order = {value: position for position, value in enumerate(ReformArea.values)}
        return sorted(groups.values(), key=lambda g: order.get(g.key, len(order)))
    return sorted(groups.values(), key=lambda g: (g.key == "", sort_key(g.label)))
