"""Dossier statistics (số liệu giải quyết hồ sơ) per agency and period.

One row counts the dossiers an agency (optionally at one commune's office) received and
resolved in a month, quarter or year, as the one-stop system reports them. Only counts are
stored; totals and rates (on-time rate, online share) are derived, never typed.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from agencies.models import Agency
from reform_statistics.models.moderation import ModeratedQuerySet, refuse_key_change


class PeriodKind(models.TextChoices):
    MONTH = "thang", "Tháng"
    QUARTER = "quy", "Quý"
    YEAR = "nam", "Năm"


# How many numbers each kind of period has in a year.
PERIOD_COUNT = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.YEAR: 1}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# The fields that, with the agency or the index, say which slot a row fills.
PERIOD_FIELDS = ("period_kind", "year", "number")


def period_bounds(kind: str, year: int, number: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a period; a year has number 1."""
    if kind == PeriodKind.MONTH:
        first_month, last_month = number, number
    elif kind == PeriodKind.QUARTER:
        first_month, last_month = 3 * number - 2, 3 * number
    else:
        first_month, last_month = 1, 12
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, first_month, 1), datetime.date(year, last_month, last_day)


def period_label(kind: str, year: int, number: int) -> str:
    if kind == PeriodKind.MONTH:
        return f"Tháng {number}/{year}"
    if kind == PeriodKind.QUARTER:
        return f"Quý {ROMAN.get(number, number)}/{year}"
    return f"Năm {year}"


def rate(part: int, whole: int) -> Decimal | None:
    """part/whole in percent, two decimals; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class DossierCounts:
    """Derived totals and rates, shared by a row and by sums of rows (see `Totals`)."""

    @property
    def received(self) -> int:
        return self.received_in_person + self.received_online + self.received_by_post

    @property
    def resolved(self) -> int:
        return self.resolved_on_time + self.resolved_late

    @property
    def in_progress(self) -> int:
        return self.in_progress_on_time + self.in_progress_late

    @property
    def late(self) -> int:
        """Dossiers past their deadline: resolved late plus still open past it."""
        return self.resolved_late + self.in_progress_late

    @property
    def on_time_rate(self) -> Decimal | None:
        """Share of resolved dossiers resolved on time (the figure the reports quote)."""
        return rate(self.resolved_on_time, self.resolved)

    @property
    def online_share(self) -> Decimal | None:
        """Share of received dossiers filed online."""
        return rate(self.received_online, self.received)


COUNT_FIELDS = (
    "received_in_person",
    "received_online",
    "received_by_post",
    "resolved_on_time",
    "resolved_late",
    "in_progress_on_time",
    "in_progress_late",
    "returned_or_withdrawn",
    "apology_letters",
)


class Totals(DossierCounts):
    """The sum of several rows (all agencies of a period, or a province)."""

    def __init__(self, rows=()):
        for name in COUNT_FIELDS:
            setattr(self, name, 0)
        self.row_count = 0
        for row in rows:
            self.add(row)

    def add(self, row) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(row, name))
        self.row_count += 1


def _count(label: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0)


def mixed_scope_message(commune_row: bool, label: str) -> str:
    """Why a row is refused when its agency has rows of the other scope for the period: an
    agency's dossiers of one period are counted either as one whole-agency row or per
    commune office, never both (the totals would count them twice)."""
    period = f"{label[0].lower()}{label[1:]}"
    if commune_row:
        return (
            f"Cơ quan này đã có số liệu toàn cơ quan cho {period}; thêm số liệu theo xã, phường "
            "sẽ tính hồ sơ hai lần. Hãy sửa số liệu toàn cơ quan, hoặc xóa nó rồi nhập theo "
            "từng xã, phường."
        )
    return (
        f"Cơ quan này đã có số liệu theo từng xã, phường cho {period}; thêm số liệu toàn cơ "
        "quan sẽ tính hồ sơ hai lần. Hãy nhập theo xã, phường, hoặc xóa các dòng đó trước."
    )


class DossierStatistics(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, DossierCounts, models.Model
):
    """One agency's (or one commune office's) figures of one period.

    Moderated like a page: a row the public sees is `live`; an editor's new row is a draft
    until a reviewer publishes it, and an editor's change to a live row waits as a revision
    while the row keeps the published values (see moderation.py).
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="Cơ quan",
        on_delete=models.PROTECT,
        related_name="dossier_statistics",
    )
    administrative_unit = models.ForeignKey(
        "administrative_units.AdministrativeUnit",
        verbose_name="Xã, phường",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossier_statistics",
        help_text="Chỉ điền khi số liệu là của bộ phận một cửa một xã, phường.",
    )
    period_kind = models.CharField("Kỳ báo cáo", max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("Năm")
    number = models.PositiveSmallIntegerField(
        "Số thứ tự kỳ", default=1, help_text="Tháng 1-12, quý 1-4; với kỳ năm: 1."
    )
    start_date = models.DateField("Từ ngày", editable=False)
    end_date = models.DateField("Đến ngày", editable=False)

    received_in_person = _count("Tiếp nhận trực tiếp")
    received_online = _count("Tiếp nhận trực tuyến")
    received_by_post = _count("Tiếp nhận qua bưu chính")
    resolved_on_time = _count("Đã giải quyết đúng hạn")
    resolved_late = _count("Đã giải quyết quá hạn")
    in_progress_on_time = _count("Đang giải quyết trong hạn")
    in_progress_late = _count("Đang giải quyết quá hạn")
    returned_or_withdrawn = _count("Trả lại hoặc rút hồ sơ")
    apology_letters = _count("Thư xin lỗi đã gửi")
    source = models.CharField(
        "Nguồn số liệu",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.",
    )

    objects = ModeratedQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("administrative_unit"),
                FieldRowPanel(
                    [FieldPanel("period_kind"), FieldPanel("year"), FieldPanel("number")]
                ),
            ],
            heading="Cơ quan và kỳ báo cáo",
        ),
        FieldRowPanel(
            [
                FieldPanel("received_in_person"),
                FieldPanel("received_online"),
                FieldPanel("received_by_post"),
            ],
            heading="Hồ sơ tiếp nhận",
        ),
        FieldRowPanel(
            [
                FieldPanel("resolved_on_time"),
                FieldPanel("resolved_late"),
                FieldPanel("in_progress_on_time"),
                FieldPanel("in_progress_late"),
            ],
            heading="Kết quả giải quyết",
        ),
        FieldRowPanel(
            [FieldPanel("returned_or_withdrawn"), FieldPanel("apology_letters")],
            heading="Khác",
        ),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = "Số liệu giải quyết hồ sơ"
        verbose_name_plural = "Số liệu giải quyết hồ sơ"
        ordering = ["-start_date", "agency__name"]
        constraints = [
            # Two constraints rather than nulls_distinct, which SQLite does not enforce.
            models.UniqueConstraint(
                fields=["agency", "period_kind", "year", "number"],
                condition=models.Q(administrative_unit__isnull=True),
                name="unique_dossier_statistics_agency_period",
            ),
            models.UniqueConstraint(
                fields=["agency", "administrative_unit", "period_kind", "year", "number"],
                condition=models.Q(administrative_unit__isnull=False),
                name="unique_dossier_statistics_office_period",
            ),
        ]
        indexes = [models.Index(fields=["period_kind", "year", "number"])]

    def __str__(self):
        where = f" – {self.administrative_unit}" if self.administrative_unit_id else ""
        return f"{self.agency}{where}, {self.period_label}"

    def save(self, *args, **kwargs):
        self.start_date, self.end_date = period_bounds(self.period_kind, self.year, self.number)
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        """The conditional constraints are not checked by forms; say it in words instead."""
        super().validate_unique(exclude)
        errors = {}
        if self.agency_id and self.period_kind and self.year and self.number:
            same = DossierStatistics.objects.filter(
                agency_id=self.agency_id,
                administrative_unit_id=self.administrative_unit_id,
                period_kind=self.period_kind,
                year=self.year,
                number=self.number,
            ).exclude(pk=self.pk)
            label = self.period_label
            if same.exists():
                errors["number"] = (
                    f"Đã có số liệu của cơ quan này cho {label[0].lower()}{label[1:]}."
                )
            commune_row = self.administrative_unit_id is not None
            other_scope = DossierStatistics.objects.filter(
                agency_id=self.agency_id,
                period_kind=self.period_kind,
                year=self.year,
                number=self.number,
                administrative_unit__isnull=commune_row,
            ).exclude(pk=self.pk)
            if other_scope.exists():
                errors["administrative_unit"] = mixed_scope_message(commune_row, label)
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.year, self.number)

    def clean(self):
        errors = refuse_key_change(self, ("agency", "administrative_unit", *PERIOD_FIELDS))
        count = PERIOD_COUNT.get(self.period_kind)
        if count and self.number is not None and not 1 <= self.number <= count:
            errors["number"] = (
                "Kỳ năm có số thứ tự 1."
                if count == 1
                else f"Số thứ tự của {PeriodKind(self.period_kind).label.lower()} là 1 đến {count}."
            )
        if self.year is not None and not 2000 <= self.year <= 2100:
            errors["year"] = "Năm phải trong khoảng 2000-2100."
        counts_known = all(getattr(self, name) is not None for name in COUNT_FIELDS)
        if counts_known and self.resolved + self.in_progress > self.received:
            # Dossiers carried over from the previous period are reported among those received
            # (tiếp nhận gồm kỳ trước chuyển sang), so what was handled cannot exceed it.
            errors["resolved_on_time"] = (
                f"Đã giải quyết và đang giải quyết ({self.resolved + self.in_progress}) "
                f"nhiều hơn số hồ sơ tiếp nhận ({self.received})."
            )
        if errors:
            raise ValidationError(errors)


class AgencyStatistics(Agency):
    """An agency seen as the subject of a statistics page (/thong-ke/co-quan/<slug>/).

    A proxy, so that the statistics page has its own search document (see
    search_documents.py) without claiming the Agency model itself for search.
    """

    class Meta:
        proxy = True
        verbose_name = "Số liệu của cơ quan"
        verbose_name_plural = "Số liệu của cơ quan"
