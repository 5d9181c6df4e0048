"""Charts drawn by the server as SVG: shapes computed here, markup in the template."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reform_statistics.formatting import vn_decimal, vn_number, vn_percent

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 50, 10, 12, 34


@dataclass
class Point:
    x: float
    y: float
    label: str
    value_text: str


@dataclass
class LineChart:
    points: list[Point]
    ticks: list[tuple[float, str]]
    path: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


def percent_line_chart(
    series: list[tuple[str, Decimal | None]], unit: str = "%"
) -> LineChart | None:
    """A line of percentages (or points out of 100: `unit` "điểm") over periods; None when
    no value is known."""
    known = [(label, value) for label, value in series if value is not None]
    if not known:
        return None
    low = min(value for _, value in known)
    floor = max(0, int(low // 10) * 10 - (10 if low % 10 < 2 else 0))
    span = 100 - floor or 100
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(known) - 1, 1)
    points = []
    for index, (label, value) in enumerate(known):
        x = LEFT + (index * step if len(known) > 1 else plot_width / 2)
        y = TOP + plot_height * (1 - (float(value) - floor) / span)
        text = vn_percent(value) if unit == "%" else f"{vn_decimal(value)} {unit}"
        points.append(Point(round(x, 1), round(y, 1), label, text))
    ticks = []
    tick_step = 5 if span <= 30 else 20
    for value in range(floor, 101, tick_step):
        y = TOP + plot_height * (1 - (value - floor) / span)
        ticks.append((round(y, 1), f"{value}%" if unit == "%" else str(value)))
    path = " ".join(f"{'M' if index == 0 else 'L'}{p.x},{p.y}" for index, p in enumerate(points))
    return LineChart(points=points, ticks=ticks, path=path)


def _nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 2.5 or 5 × 10^n (n ≥ 1) at or above `value`."""
    magnitude = 10
    while True:
        for factor in (1, 2, 2.5, 5):
            if magnitude * factor >= value:
                return int(magnitude * factor)
        magnitude *= 10


def count_line_chart(series: list[tuple[str, int | None]]) -> LineChart | None:
    """A line of counts over periods, from zero; None when no value is known."""
    known = [(label, value) for label, value in series if value is not None]
    if not known:
        return None
    top = _nice_ceiling(max(value for _, value in known) or 1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(known) - 1, 1)
    points = []
    for index, (label, value) in enumerate(known):
        x = LEFT + (index * step if len(known) > 1 else plot_width / 2)
        y = TOP + plot_height * (1 - value / top)
        points.append(Point(round(x, 1), round(y, 1), label, vn_number(value)))
    ticks = []
    for part in range(5):
        value = top * part / 4
        y = TOP + plot_height * (1 - part / 4)
        ticks.append((round(y, 1), _short_number(value)))
    path = " ".join(f"{'M' if index == 0 else 'L'}{p.x},{p.y}" for index, p in enumerate(points))
    return LineChart(points=points, ticks=ticks, path=path)


def _short_number(value: float) -> str:
    """Axis labels that fit the left margin: 250.000, and 1,5 tr for a million and a half."""
    if value >= 1_000_000:
        return f"{vn_decimal(value / 1_000_000, 1).removesuffix(',0')} tr"
    return vn_number(int(value))
