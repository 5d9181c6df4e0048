"""Yearly and periodic indices: the PAR Index, SIPAS and the service index of Decision 766.

One `IndexScore` is one published result (an index, a period), with its overall score, the
rank among provinces where the index ranks them, its component or group scores as ordered
inlines, and the document that announced it, linked to the legal-documents register.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin

from reform_statistics.models.dossiers import PERIOD_COUNT, PERIOD_FIELDS, PeriodKind, period_label
from reform_statistics.models.moderation import ModeratedQuerySet, refuse_key_change


class IndexKind(models.TextChoices):
    PAR = "par", "Chỉ số cải cách hành chính (PAR Index)"
    SIPAS = "sipas", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)"
    SERVICE = "phuc_vu", "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)"


# URL slug, short name and unit of each index; the unit says how its scores read.
INDEX_SLUGS = {IndexKind.PAR: "par-index", IndexKind.SIPAS: "sipas", IndexKind.SERVICE: "766"}
INDEX_SHORT = {
    IndexKind.PAR: "Chỉ số CCHC",
    IndexKind.SIPAS: "SIPAS",
    IndexKind.SERVICE: "Chỉ số phục vụ (766)",
}
PERCENT, POINTS = "%", "điểm"
INDEX_UNITS = {IndexKind.PAR: PERCENT, IndexKind.SIPAS: PERCENT, IndexKind.SERVICE: POINTS}


class IndexScore(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """Moderated like `DossierStatistics`: public only once a reviewer publishes it."""

    index = models.CharField("Chỉ số", max_length=10, choices=IndexKind.choices)
    period_kind = models.CharField(
        "Kỳ", max_length=10, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    year = models.PositiveSmallIntegerField("Năm")
    number = models.PositiveSmallIntegerField(
        "Số thứ tự kỳ", default=1, help_text="Tháng 1-12, quý 1-4; với kỳ năm: 1."
    )
    score = models.DecimalField(
        "Điểm / tỷ lệ chung",
        max_digits=6,
        decimal_places=2,
        help_text="PAR Index và SIPAS: phần trăm (ví dụ 83,93); chỉ số 766: điểm trên 100.",
    )
    rank = models.PositiveSmallIntegerField("Xếp hạng", null=True, blank=True)
    ranked_count = models.PositiveSmallIntegerField(
        "Trên tổng số tỉnh, thành phố",
        null=True,
        blank=True,
        help_text="63 đến năm 2024; 34 từ năm 2025.",
    )
    source_document = models.ForeignKey(
        "legal_documents.LegalDocumentPage",
        verbose_name="Văn bản công bố",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_note = models.CharField(
        "Nguồn (nếu văn bản chưa có trong cơ sở dữ liệu)",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Quyết định 1275/QĐ-BNV ngày 09/5/2025 của Bộ Nội vụ.",
    )

    objects = ModeratedQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("index"),
                FieldRowPanel(
                    [FieldPanel("period_kind"), FieldPanel("year"), FieldPanel("number")]
                ),
            ],
            heading="Chỉ số và kỳ",
        ),
        FieldRowPanel(
            [FieldPanel("score"), FieldPanel("rank"), FieldPanel("ranked_count")],
            heading="Kết quả",
        ),
        InlinePanel("components", heading="Chỉ số thành phần, nhóm", label="Thành phần"),
        MultiFieldPanel(
            [FieldPanel("source_document"), FieldPanel("source_note")], heading="Nguồn"
        ),
    ]

    class Meta:
        verbose_name = "Kết quả chỉ số"
        verbose_name_plural = "Chỉ số CCHC, SIPAS, chỉ số phục vụ"
        ordering = ["index", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["index", "period_kind", "year", "number"],
                name="unique_index_score_period",
            )
        ]

    def __str__(self):
        return f"{INDEX_SHORT[self.index]} {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.period_kind, self.year, self.number)

    @property
    def unit(self) -> str:
        return INDEX_UNITS[self.index]

    @property
    def slug(self) -> str:
        return INDEX_SLUGS[self.index]

    @property
    def anchor(self) -> str:
        return f"{self.period_kind}-{self.year}-{self.number}"

    def clean(self):
        errors = refuse_key_change(self, ("index", *PERIOD_FIELDS))
        count = PERIOD_COUNT.get(self.period_kind)
        if count and self.number is not None and not 1 <= self.number <= count:
            errors["number"] = f"Số thứ tự kỳ phải từ 1 đến {count}."
        if self.year is not None and not 2000 <= self.year <= 2100:
            errors["year"] = "Năm phải trong khoảng 2000-2100."
        if self.score is not None and not 0 <= self.score <= 100:
            errors["score"] = "Điểm hoặc tỷ lệ phải từ 0 đến 100."
        if (self.rank is None) != (self.ranked_count is None):
            errors["ranked_count"] = "Nhập cả thứ hạng và tổng số tỉnh, hoặc bỏ trống cả hai."
        elif self.rank is not None and not 1 <= self.rank <= self.ranked_count:
            errors["rank"] = f"Thứ hạng phải từ 1 đến {self.ranked_count}."
        if self.index and self.index != IndexKind.PAR and self.rank is not None:
            errors["rank"] = "Chỉ PAR Index có xếp hạng giữa các tỉnh."
        duplicate = (
            IndexScore.objects.filter(
                index=self.index, period_kind=self.period_kind, year=self.year, number=self.number
            )
            .exclude(pk=self.pk)
            .exists()
        )
        if duplicate:
            errors["year"] = f"Đã có kết quả chỉ số này cho {self.period_label.lower()}."
        if errors:
            raise ValidationError(errors)


class IndexComponent(Orderable):
    """A component index (PAR) or a group (SIPAS by level, the 766 groups) of one result."""

    result = ParentalKey(IndexScore, on_delete=models.CASCADE, related_name="components")
    name = models.CharField(
        "Tên thành phần, nhóm",
        max_length=200,
        help_text="Ví dụ: Cải cách thủ tục hành chính; Sở, ban, ngành; Số hóa hồ sơ.",
    )
    score = models.DecimalField("Điểm / tỷ lệ", max_digits=6, decimal_places=2)
    max_score = models.DecimalField(
        "Điểm tối đa", max_digits=6, decimal_places=2, null=True, blank=True
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("score"), FieldPanel("max_score")])]

    class Meta(Orderable.Meta):
        verbose_name = "Thành phần"

    def clean(self):
        if self.max_score is not None and self.score is not None and self.score > self.max_score:
            raise ValidationError({"score": "Điểm lớn hơn điểm tối đa."})
