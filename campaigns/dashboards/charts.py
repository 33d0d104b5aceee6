"""Charts drawn on the server as SVG: no JavaScript library, nothing from the internet.

Each chart carries a <title> and <desc> and comes with its numbers as a table (the
fallback for screen readers and for printing). A day without a sample breaks the line — it
is never drawn as zero — and a day on which a collector failed is shaded and labelled.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .formulas import format_count

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 28
COLOURS = ("#007d7e", "#c2410c", "#4338ca", "#a21caf", "#6b7280")


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str
    svg: SafeString
    days: list[datetime.date]
    labels: list[str]
    rows: list[list[str]] = field(default_factory=list)
    gaps: dict[datetime.date, str] = field(default_factory=dict)


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def _scale(days, peak):
    span = max(len(days) - 1, 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    peak = peak or 1

    def x(index: int) -> float:
        return LEFT + inner_w * index / span

    def y(value: float) -> float:
        return TOP + inner_h * (1 - value / peak)

    return x, y


def _frame(days, peak, gaps, x) -> list[str]:
    """Axes, three value ticks, first/last day labels and the shaded failed days."""
    parts = []
    base = HEIGHT - BOTTOM
    step = (WIDTH - LEFT - RIGHT) / max(len(days) - 1, 1)
    for index, day in enumerate(days):
        if day in gaps:
            parts.append(
                f'<rect class="chart-gap" x="{x(index) - step / 2:.1f}" y="{TOP}" '
                f'width="{max(step, 3):.1f}" height="{base - TOP}" fill="#fde68a" '
                f'data-gap="{day.isoformat()}"><title>{day:%d-%m-%Y}: data tidak terkumpul '
                f"({escape(gaps[day])})</title></rect>"
            )
    for fraction in (0, 0.5, 1):
        value = (peak or 0) * fraction
        ypos = TOP + (base - TOP) * (1 - fraction)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ypos:.1f}" y2="{ypos:.1f}" '
            f'stroke="#d1d5db" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{ypos + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#374151">{format_count(value)}</text>'
        )
    if days:
        parts.append(
            f'<text x="{LEFT}" y="{HEIGHT - 8}" font-size="11" fill="#374151">'
            f"{days[0]:%d-%m-%Y}</text>"
            f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" font-size="11" text-anchor="end" '
            f'fill="#374151">{days[-1]:%d-%m-%Y}</text>'
        )
    return parts


def _svg(chart_id: str, title: str, description: str, parts: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text part above is escaped or a number
        f'<svg class="benteng-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _table_rows(days, series, value_format) -> list[list[str]]:
    return [
        [f"{day:%d-%m-%Y}", *(value_format(values.get(day)) for _, values in series)]
        for day in days
    ]


def line_chart(
    chart_id: str,
    title: str,
    days: list[datetime.date],
    series: list[tuple[str, dict[datetime.date, float]]],
    *,
    gaps: dict[datetime.date, str] | None = None,
    value_format=format_count,
) -> Chart:
    """One line per series; a missing day ends the line, the next sample starts a new one."""
    gaps = gaps or {}
    values = [v for _, points in series for v in points.values() if v is not None]
    peak = max(values, default=0)
    x, y = _scale(days, peak)
    parts = _frame(days, peak, gaps, x)
    for number, (label, points) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        path, dots, pen_down = [], [], False
        for index, day in enumerate(days):
            value = points.get(day)
            if value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{x(index):.1f},{y(value):.1f}")
            pen_down = True
            dots.append(
                f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2.5" fill="{colour}">'
                f"<title>{escape(label)} {day:%d-%m-%Y}: {value_format(value)}</title></circle>"
            )
        if path:
            parts.append(
                f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        parts.extend(dots)
    shown = sum(1 for _, points in series for day in days if points.get(day) is not None)
    description = (
        f"{len(days)} hari, {shown} titik data"
        + (f", {len(gaps)} hari gagal terkumpul (ditandai kuning)" if gaps else "")
        + "; hari tanpa data tidak digambar sebagai nol."
    )
    return Chart(
        chart_id,
        title,
        description,
        _svg(chart_id, title, description, parts),
        days,
        [label for label, _ in series],
        _table_rows(days, series, value_format),
        gaps,
    )


def stacked_bar_chart(
    chart_id: str,
    title: str,
    days: list[datetime.date],
    series: list[tuple[str, dict[datetime.date, int]]],
    colours: tuple[str, ...] = COLOURS,
    *,
    gaps: dict[datetime.date, str] | None = None,
) -> Chart:
    """Bars per day, one segment per series (e.g. mentions per tone)."""
    gaps = gaps or {}
    totals = {day: sum(points.get(day, 0) for _, points in series) for day in days}
    peak = max(totals.values(), default=0)
    x, y = _scale(days, peak)
    parts = _frame(days, peak, gaps, x)
    bar = max((WIDTH - LEFT - RIGHT) / max(len(days), 1) * 0.7, 1.5)
    for index, day in enumerate(days):
        bottom = 0
        for number, (label, points) in enumerate(series):
            value = points.get(day, 0)
            if not value:
                continue
            top = bottom + value
            parts.append(
                f'<rect x="{x(index) - bar / 2:.1f}" y="{y(top):.1f}" width="{bar:.1f}" '
                f'height="{y(bottom) - y(top):.1f}" fill="{colours[number % len(colours)]}">'
                f"<title>{escape(label)} {day:%d-%m-%Y}: {value}</title></rect>"
            )
            bottom = top
    description = f"{len(days)} hari, {sum(totals.values())} butir, ditumpuk per kelompok."
    return Chart(
        chart_id,
        title,
        description,
        _svg(chart_id, title, description, parts),
        days,
        [label for label, _ in series],
        _table_rows(days, series, format_count),
        gaps,
    )
