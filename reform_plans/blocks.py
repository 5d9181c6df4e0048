"""The statistics block editors place in a report: figures of the report's period, never typed.

The editor chooses what to show (metrics, one agency or all, a table per agency) and which
period: the report's own, or the same period a year earlier for comparison. The numbers are
read from `reform_statistics` when the page renders (`reform_plans.figures`).
"""

from __future__ import annotations

import datetime

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from reform_plans.figures import DEFAULT_METRICS, METRICS, figures_for
from reform_statistics.formatting import vn_number, vn_percent

PERIOD_CHOICES = [
    ("ky-bao-cao", "Kỳ của báo cáo"),
    ("cung-ky-nam-truoc", "Cùng kỳ năm trước"),
]
LAYOUT_CHOICES = [("so-lieu", "Các số liệu chính"), ("bang-co-quan", "Bảng theo cơ quan")]


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def format_metric(totals, metric: str) -> str:
    value = getattr(totals, metric)
    return vn_percent(value) if METRICS[metric][1] else vn_number(value)


class StatisticsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Tiêu đề", required=False)
    period = blocks.ChoiceBlock(
        label="Kỳ số liệu", choices=PERIOD_CHOICES, default="ky-bao-cao", required=True
    )
    agency = SnippetChooserBlock(
        "agencies.Agency",
        label="Cơ quan",
        required=False,
        help_text="Để trống để tính tổng mọi cơ quan.",
    )
    metrics = blocks.MultipleChoiceBlock(
        label="Số liệu hiển thị",
        choices=[(key, label) for key, (label, _) in METRICS.items()],
        default=DEFAULT_METRICS,
        required=True,
    )
    layout = blocks.ChoiceBlock(
        label="Cách trình bày", choices=LAYOUT_CHOICES, default="so-lieu", required=True
    )

    class Meta:
        label = "Số liệu thống kê của kỳ"
        icon = "table"
        template = "reform_plans/blocks/statistics_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        bounds = getattr(page, "period_bounds", None)
        if bounds is None:
            context["figures"] = None
            return context
        start, end = bounds
        if value.get("period") == "cung-ky-nam-truoc":
            start, end = _year_earlier(start), _year_earlier(end)
        figures = figures_for(start, end, value.get("agency"))
        metrics = [m for m in METRICS if m in (value.get("metrics") or DEFAULT_METRICS)]
        context.update(
            figures=figures,
            period_text=f"{start:%d/%m/%Y} – {end:%d/%m/%Y}",
            metric_rows=[(METRICS[m][0], format_metric(figures.totals, m)) for m in metrics],
            metric_labels=[METRICS[m][0] for m in metrics],
            agency_rows=[
                (agency.name, [format_metric(totals, m) for m in metrics])
                for agency, totals in figures.by_agency
            ],
        )
        return context


class ReportBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Tiêu đề mục", form_classname="title")
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn", features=["bold", "italic", "link", "document-link", "ol", "ul"]
    )
    statistics = StatisticsBlock()
