"""Charts drawn on the server as SVG: no JavaScript library, nothing from the internet.

Each chart carries a <title> and <desc> and comes with its numbers as a table (the
fallback for screen readers and for printing). A day without a sample breaks the line — it
is never drawn as zero — and a day on which a collector failed is shaded and labelled.

Readable by everyone: the Okabe-Ito palette (safe for colour-blind readers) and a second cue
on every series (a dash pattern for lines, a hatch for bars), a legend whenever there is more
than one series, value ticks on round numbers, the unit on the axis, and "Belum ada data"
rather than an empty frame. A campaign's period is shaded and each of its posts is a tick.
"""

import datetime
import functools
import html
import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .formulas import format_count, format_day, format_number

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 60, 12, 30, 30
# Okabe & Ito, "Color Universal Design": blue, vermillion, bluish green, reddish purple, orange.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
HATCHES = ("", "diagonal", "dots", "cross", "horizontal")
# Past this many days a chart is drawn compact: points under 2 px apart get no dot and no
# hover text each (only a lone point between gaps keeps its dot), and each bar series is one
# path. The data table below every chart still gives each day's value (a year: a page a
# fifth of the size).
DENSE_DAYS = 92


# The same days, dashes and post texts fill every chart's table: each escaped once.
_escape = functools.lru_cache(maxsize=16384)(html.escape)


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

    @property
    def body(self) -> SafeString:
        """The data table's rows as HTML, the day as each row's header: built here rather than
        in the template, where a year of days is thousands of tag renders."""
        return mark_safe(  # noqa: S308 - every cell is escaped (as Django's escape() does)
            "".join(
                f'<tr><th scope="row">{_escape(str(row[0]))}</th>'
                + "".join(f"<td>{_escape(str(cell))}</td>" for cell in row[1:])
                + "</tr>"
                for row in self.rows
            )
        )


@dataclass(frozen=True)
class Marks:
    """What a campaign adds to its charts: its period (shaded) and its posts (a tick per
    post, the texts on hover and in the data table)."""

    period: tuple[datetime.date, datetime.date] | None = None
    posts: dict[datetime.date, list[str]] = field(default_factory=dict)


NO_MARKS = Marks()


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def nice_ticks(peak: float, *, whole: bool = True, count: int = 4) -> list[float]:
    """0 and round steps up to at least ``peak``: 1, 2, 2.5 or 5 times a power of ten, and
    whole numbers only for counts (no "2" where 2.5 is meant, no "0 / 0 / 1")."""
    if peak <= 0:
        return [0, 1]
    raw = peak / count
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(s * power for s in steps if s * power >= raw)
    if whole:
        step = max(1, round(step))
    top = step * math.ceil(peak / step)
    return [step * n for n in range(round(top / step) + 1)]


def _tick_label(value: float, whole: bool) -> str:
    if whole or float(value).is_integer():
        return format_count(value)
    return format_number(value, 1)


class _Frame:
    """The chart's coordinate system and everything drawn behind the data."""

    def __init__(self, days, values, *, whole: bool):
        self.days = days
        self.ticks = nice_ticks(max(values, default=0), whole=whole)
        self.top_value = self.ticks[-1]
        self.whole = whole
        self.step = (WIDTH - LEFT - RIGHT) / max(len(days) - 1, 1)

    def x(self, index: int) -> float:
        return LEFT + self.step * index

    def y(self, value: float) -> float:
        return TOP + (HEIGHT - BOTTOM - TOP) * (1 - value / self.top_value)

    def background(self, gaps, marks: Marks, unit: str) -> list[str]:
        parts, base = [], HEIGHT - BOTTOM
        index_of = {day: index for index, day in enumerate(self.days)}
        if marks.period and self.days:
            first = max(marks.period[0], self.days[0])
            last = min(marks.period[1], self.days[-1])
            if first <= last:
                x1 = self.x(index_of[first]) - self.step / 2
                x2 = self.x(index_of[last]) + self.step / 2
                parts.append(
                    f'<rect class="chart-period" x="{max(x1, LEFT):.1f}" y="{TOP}" '
                    f'width="{min(x2, WIDTH - RIGHT) - max(x1, LEFT):.1f}" height="{base - TOP}" '
                    f'fill="#e0f2fe"><title>Periode kampanye {format_day(marks.period[0])} s.d. '
                    f"{format_day(marks.period[1])}</title></rect>"
                )
        for day, reason in gaps.items():
            if day in index_of:
                parts.append(
                    f'<rect class="chart-gap" x="{self.x(index_of[day]) - self.step / 2:.1f}" '
                    f'y="{TOP}" width="{max(self.step, 3):.1f}" height="{base - TOP}" '
                    f'fill="#fde68a" data-gap="{day.isoformat()}"><title>{format_day(day)}: '
                    f"data tidak terkumpul ({escape(reason)})</title></rect>"
                )
        for value in self.ticks:
            ypos = self.y(value)
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ypos:.1f}" y2="{ypos:.1f}" '
                f'stroke="#d1d5db" stroke-width="1"/>'
                f'<text class="chart-tick" x="{LEFT - 6}" y="{ypos + 4:.1f}" text-anchor="end" '
                f'font-size="11" fill="#374151">{_tick_label(value, self.whole)}</text>'
            )
        if unit:
            parts.append(
                f'<text class="chart-unit" x="{LEFT - 6}" y="{TOP - 12}" text-anchor="end" '
                f'font-size="11" fill="#374151">{escape(unit)}</text>'
            )
        if self.days:
            parts.append(
                f'<text x="{LEFT}" y="{HEIGHT - 8}" font-size="11" fill="#374151">'
                f"{format_day(self.days[0])}</text>"
                f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" font-size="11" text-anchor="end" '
                f'fill="#374151">{format_day(self.days[-1])}</text>'
            )
        for day, texts in sorted(marks.posts.items()):
            if day in index_of:
                x = self.x(index_of[day])
                hover = escape("; ".join(texts))
                parts.append(
                    f'<line class="chart-post" data-post-day="{day.isoformat()}" x1="{x:.1f}" '
                    f'x2="{x:.1f}" y1="{base}" y2="{base + 7}" stroke="#111827" stroke-width="2">'
                    f"<title>{format_day(day)}: {hover}</title></line>"
                )
        return parts


def _legend(series_styles: list[tuple[str, str, str, str]]) -> list[str]:
    """(label, colour, dash, hatch) per series, in a row above the plot."""
    parts, x = [], LEFT
    for label, colour, dash, hatch in series_styles:
        if hatch is not None:
            fill = f"url(#hatch-{hatch})" if hatch else colour
            swatch = (
                f'<rect x="{x}" y="6" width="14" height="10" fill="{colour}"/>'
                f'<rect x="{x}" y="6" width="14" height="10" fill="{fill}" stroke="{colour}"/>'
            )
        else:
            swatch = (
                f'<line x1="{x}" x2="{x + 18}" y1="11" y2="11" stroke="{colour}" '
                f'stroke-width="2.5" stroke-dasharray="{dash}"/>'
            )
        parts.append(
            f'<g class="chart-legend-item">{swatch}<text x="{x + 22}" y="15" font-size="11" '
            f'fill="#111827">{escape(label)}</text></g>'
        )
        x += 30 + 7 * len(label)
    return ['<g class="chart-legend">', *parts, "</g>"]


def _hatch_patterns() -> str:
    return (
        "<defs>"
        '<pattern id="hatch-diagonal" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>'
        '<pattern id="hatch-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<circle cx="2.5" cy="2.5" r="1.2" fill="#fff"/></pattern>'
        '<pattern id="hatch-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1.2"/></pattern>'
        '<pattern id="hatch-horizontal" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<line x1="0" y1="3" x2="6" y2="3" stroke="#fff" stroke-width="2"/></pattern>'
        "</defs>"
    )


def _empty(parts: list[str]) -> list[str]:
    return [
        *parts,
        f'<text class="chart-empty" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" '
        f'y="{(TOP + HEIGHT - BOTTOM) / 2:.0f}" text-anchor="middle" font-size="14" '
        f'fill="#374151">Belum ada data</text>',
    ]


def _svg(chart_id: str, title: str, description: str, parts: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text part above is escaped or a number
        f'<svg class="benteng-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _table(days, series, value_format, marks: Marks) -> tuple[list[str], list[list[str]]]:
    labels = [label for label, _ in series]
    rows = [
        [format_day(day), *(value_format(values.get(day)) for _, values in series)] for day in days
    ]
    if marks.posts:
        labels.append("Unggahan kampanye")
        for day, row in zip(days, rows, strict=True):
            row.append("; ".join(marks.posts.get(day, [])) or "—")
    return labels, rows


def _described(days, shown: int, gaps, marks: Marks, what: str) -> str:
    return (
        f"{len(days)} hari, {shown} {what}"
        + (f", {len(gaps)} hari gagal terkumpul (ditandai kuning)" if gaps else "")
        + (f", {sum(map(len, marks.posts.values()))} unggahan kampanye" if marks.posts else "")
    )


def line_chart(
    chart_id: str,
    title: str,
    days: list[datetime.date],
    series: list[tuple[str, dict[datetime.date, float]]],
    *,
    gaps: dict[datetime.date, str] | None = None,
    value_format=format_count,
    unit: str = "",
    marks: Marks = NO_MARKS,
) -> Chart:
    """One line per series; a missing day ends the line, the next sample starts a new one."""
    gaps = gaps or {}
    values = [v for _, points in series for v in points.values() if v is not None]
    frame = _Frame(days, values, whole=value_format is format_count)
    parts = frame.background(gaps, marks, unit)
    if len(series) > 1:
        parts += _legend(
            [
                (label, COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)], None)
                for n, (label, _) in enumerate(series)
            ]
        )
    for number, (label, points) in enumerate(series):
        name = escape(label)
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        path, dots, pen_down = [], [], False
        dense = len(days) > DENSE_DAYS
        for index, day in enumerate(days):
            value = points.get(day)
            if value is None:
                pen_down = False
                continue
            x, y = frame.x(index), frame.y(value)
            path.append(f"{'L' if pen_down else 'M'}{x:.1f},{y:.1f}")
            alone = not pen_down and (index + 1 == len(days) or points.get(days[index + 1]) is None)
            pen_down = True
            if dense and not alone:
                continue
            dots.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}">'
                f"<title>{name} {format_day(day)}: {value_format(value)}</title></circle>"
            )
        if path:
            parts.append(
                f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2" '
                f'stroke-dasharray="{dash}"/>'
            )
        parts.extend(dots)
    description = _described(days, len(values), gaps, marks, "titik data")
    description += "; hari tanpa data tidak digambar sebagai nol."
    if not values:
        parts = _empty(parts)
    labels, rows = _table(days, series, value_format, marks)
    svg = _svg(chart_id, title, description, parts)
    return Chart(chart_id, title, description, svg, days, labels, rows, gaps)


def _dense_bars(frame, days, series, styles, bar, names) -> list[str]:
    """A long range's stacked bars: one path per series (its colour, then its hatch), the
    series' name as its hover text; the days' values are in the data table."""
    shapes: list[list[str]] = [[] for _ in series]
    for index, day in enumerate(days):
        bottom = 0
        for number, (_, points) in enumerate(series):
            value = points.get(day, 0)
            if not value:
                continue
            top = bottom + value
            shapes[number].append(
                f"M{frame.x(index) - bar / 2:.1f} {frame.y(top):.1f}h{bar:.1f}"
                f"V{frame.y(bottom):.1f}h-{bar:.1f}z"
            )
            bottom = top
    parts = []
    for shape, (label, colour, _, hatch) in zip(shapes, styles, strict=True):
        if not shape:
            continue
        d = "".join(shape)
        overlay = f'<path d="{d}" fill="url(#hatch-{hatch})"/>' if hatch else ""
        parts.append(
            f'<g class="chart-bar"><path d="{d}" fill="{colour}"><title>{names[label]}</title>'
            f"</path>{overlay}</g>"
        )
    return parts


def stacked_bar_chart(
    chart_id: str,
    title: str,
    days: list[datetime.date],
    series: list[tuple[str, dict[datetime.date, int]]],
    colours: tuple[str, ...] = COLOURS,
    *,
    gaps: dict[datetime.date, str] | None = None,
    unit: str = "",
    marks: Marks = NO_MARKS,
) -> Chart:
    """Bars per day, one hatched segment per series (e.g. mentions per tone)."""
    gaps = gaps or {}
    totals = {day: sum(points.get(day, 0) for _, points in series) for day in days}
    frame = _Frame(days, list(totals.values()), whole=True)
    parts = [_hatch_patterns(), *frame.background(gaps, marks, unit)]
    styles = [
        (label, colours[n % len(colours)], "", HATCHES[n % len(HATCHES)])
        for n, (label, _) in enumerate(series)
    ]
    parts += _legend(styles)
    bar = max((WIDTH - LEFT - RIGHT) / max(len(days), 1) * 0.7, 1.5)
    names = {label: escape(label) for label, _ in series}
    if len(days) > DENSE_DAYS:
        parts += _dense_bars(frame, days, series, styles, bar, names)
    for index, day in enumerate(days if len(days) <= DENSE_DAYS else ()):
        bottom = 0
        for (label, points), (_, colour, _, hatch) in zip(series, styles, strict=True):
            value = points.get(day, 0)
            if not value:
                continue
            top = bottom + value
            geometry = (
                f'x="{frame.x(index) - bar / 2:.1f}" y="{frame.y(top):.1f}" width="{bar:.1f}" '
                f'height="{frame.y(bottom) - frame.y(top):.1f}"'
            )
            overlay = f'<rect {geometry} fill="url(#hatch-{hatch})"/>' if hatch else ""
            parts.append(
                f'<g class="chart-bar"><rect {geometry} fill="{colour}"><title>{names[label]} '
                f"{format_day(day)}: {format_count(value)}</title></rect>{overlay}</g>"
            )
            bottom = top
    total = sum(totals.values())
    description = _described(days, total, gaps, marks, "butir, ditumpuk per kelompok")
    if not total:
        parts = _empty(parts)
    labels, rows = _table(days, series, format_count, marks)
    svg = _svg(chart_id, title, description, parts)
    return Chart(chart_id, title, description, svg, days, labels, rows, gaps)
