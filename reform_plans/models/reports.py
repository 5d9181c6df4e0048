"""Periodic reform reports (báo cáo CCHC quý, 6 tháng, năm) and the reports section.

A report's period follows from its kind, year and number (quarter 1-4, half 1-2); the figures
in it come from the statistics of that period through `StatisticsBlock`, beside the narrative.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.models import BasePage
from reform_plans.blocks import ReportBodyBlock
from reform_plans.models.choices import ReportKind
from reform_statistics.models import ROMAN, period_bounds

NUMBERS_PER_KIND = {ReportKind.QUARTERLY: 4, ReportKind.SIX_MONTHLY: 2, ReportKind.YEARLY: 1}


def report_bounds(kind: str, year: int, number: int) -> tuple[datetime.date, datetime.date]:
    if kind == ReportKind.QUARTERLY:
        return period_bounds("quy", year, number)
    if kind == ReportKind.SIX_MONTHLY:
        first, _ = period_bounds("quy", year, 2 * number - 1)
        _, last = period_bounds("quy", year, 2 * number)
        return first, last
    return period_bounds("nam", year, 1)


def report_period_label(kind: str, year: int, number: int) -> str:
    if kind == ReportKind.QUARTERLY:
        return f"Quý {ROMAN.get(number, number)}/{year}"
    if kind == ReportKind.SIX_MONTHLY:
        return f"6 tháng {'đầu' if number == 1 else 'cuối'} năm {year}"
    return f"Năm {year}"


class ReportIndexPage(RoutablePageMixin, BasePage):
    """The reports section (/bao-cao-cchc/): every report, by year and kind, with feeds.

    Routes: "" the list (?nam=&loai=, CSV/JSON by `base.listing`), "rss/" and "atom/".
    """

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["reform_plans.ReportPage"]

    class Meta:
        verbose_name = "Trang báo cáo CCHC"

    def reports(self):
        return (
            ReportPage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("-end_date", "-published_on", "-pk")
        )

    @path("")
    def report_list(self, request):
        from reform_plans.views import report_list

        return report_list(self, request)

    @path("rss/", name="rss_feed")
    def rss_feed(self, request):
        from reform_plans.feeds import ReportRssFeed

        return ReportRssFeed(self)(request)

    @path("atom/", name="atom_feed")
    def atom_feed(self, request):
        from reform_plans.feeds import ReportAtomFeed

        return ReportAtomFeed(self)(request)

    def feed_links(self) -> list[tuple[str, str, str]]:
        base = self.url or ""
        return [
            ("application/rss+xml", f"{self.title} (RSS)", base + self.reverse_subpage("rss_feed")),
            (
                "application/atom+xml",
                f"{self.title} (Atom)",
                base + self.reverse_subpage("atom_feed"),
            ),
        ]


class ReportPage(BasePage):
    """One periodic report: its period, the narrative and figures placed as blocks."""

    kind = models.CharField("Loại báo cáo", max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField("Năm", db_index=True)
    number = models.PositiveSmallIntegerField(
        "Kỳ", default=1, help_text="Quý 1-4; 6 tháng: 1 (đầu năm) hoặc 2 (cuối năm); năm: 1."
    )
    start_date = models.DateField("Từ ngày", editable=False)
    end_date = models.DateField("Đến ngày", editable=False, db_index=True)
    published_on = models.DateField("Ngày báo cáo", default=datetime.date.today)
    report_document = models.ForeignKey(
        "legal_documents.LegalDocumentPage",
        verbose_name="Văn bản báo cáo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reform_reports",
        help_text="Báo cáo đã ban hành trong cơ sở dữ liệu văn bản, nếu có.",
    )
    summary = models.TextField("Tóm tắt", blank=True)
    body = StreamField(ReportBodyBlock(), verbose_name="Nội dung", blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year"), FieldPanel("number")]),
        FieldRowPanel([FieldPanel("published_on"), PageChooserPanel("report_document")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    parent_page_types = ["reform_plans.ReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Báo cáo CCHC định kỳ"
        verbose_name_plural = "Báo cáo CCHC định kỳ"

    def clean(self):
        super().clean()
        count = NUMBERS_PER_KIND.get(self.kind)
        if count and self.number is not None and not 1 <= self.number <= count:
            raise ValidationError({"number": f"{self.get_kind_display()} có kỳ từ 1 đến {count}."})

    def save(self, *args, **kwargs):
        if self.kind and self.year and self.number:
            self.start_date, self.end_date = report_bounds(self.kind, self.year, self.number)
        super().save(*args, **kwargs)

    @property
    def period_bounds(self) -> tuple[datetime.date, datetime.date] | None:
        if not (self.kind and self.year and self.number):
            return None
        return report_bounds(self.kind, self.year, self.number)

    @property
    def period_label(self) -> str:
        return report_period_label(self.kind, self.year, self.number)
