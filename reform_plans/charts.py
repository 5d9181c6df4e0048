"""Progress bars drawn by the server as SVG, for the plan page (per area, per unit).

The same conventions as `reform_statistics.charts` (its width, its percent format, markup in
a template with a title, a description and the data table beside it); bars, not a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from reform_statistics.charts import WIDTH
from reform_statistics.formatting import NO_RATE, vn_decimal

BAR_HEIGHT, GAP, LABEL_HEIGHT = 14, 10, 16
LEFT, RIGHT = 4, 52


def progress_text(value) -> str:
    """A progress percentage the Vietnamese way, one decimal: 61,8%."""
    return NO_RATE if value is None else f"{vn_decimal(value, 1)}%"


@dataclass
class Bar:
    label: str
    value_text: str
    label_y: float
    y: float
    width: float


@dataclass
class BarChart:
    bars: list[Bar]
    height: int
    width: int = WIDTH
    left: int = LEFT
    track_width: int = WIDTH - LEFT - RIGHT
    value_x: int = WIDTH - 4
    bar_height: int = BAR_HEIGHT


def progress_chart(groups) -> BarChart | None:
    """One bar per group (a `PlanSummary`): its label above, the bar, the percentage after."""
    known = [g for g in groups if g.progress is not None]
    if not known:
        return None
    track = WIDTH - LEFT - RIGHT
    bars, y = [], 0.0
    for group in known:
        label_y = y + LABEL_HEIGHT - 4
        bar_y = y + LABEL_HEIGHT
        width = round(track * float(group.progress) / 100, 1)
        bars.append(Bar(group.label, progress_text(group.progress), label_y, bar_y, width))
        y = bar_y + BAR_HEIGHT + GAP
    return BarChart(bars=bars, height=int(y))


def describe(groups) -> str:
    """The chart in words, for its <desc>: every group and its progress."""
    known = [g for g in groups if g.progress is not None]
    if not known:
        return "Chưa có nhiệm vụ."
    return (
        "; ".join(
            f"{g.label}: {progress_text(g.progress)} ({g.done}/{g.total} nhiệm vụ hoàn thành)"
            for g in known
        )
        + "."
    )
