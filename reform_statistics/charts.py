"""Charts drawn by the server as SVG: shapes computed here, markup in the template."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reform_statistics.formatting import vn_percent

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 34


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


def percent_line_chart(series: list[tuple[str, Decimal | None]]) -> LineChart | None:
    """A line of percentages over periods; None when fewer than one value is known."""
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
        points.append(Point(round(x, 1), round(y, 1), label, vn_percent(value)))
    ticks = []
    tick_step = 5 if span <= 30 else 20
    for value in range(floor, 101, tick_step):
        y = TOP + plot_height * (1 - (value - floor) / span)
        ticks.append((round(y, 1), f"{value}%"))
    path = " ".join(f"{'M' if index == 0 else 'L'}{p.x},{p.y}" for index, p in enumerate(points))
    return LineChart(points=points, ticks=ticks, path=path)
