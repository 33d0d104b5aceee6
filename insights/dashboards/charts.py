"""Charts drawn on the server as SVG: no JavaScript library, nothing from the internet.

Each chart carries a <title> and <desc> and comes with its numbers as a table (the
fallback for screen readers and for printing). A day without a sample breaks the line — it
is never drawn as zero — and a day on which a collector failed is shaded and labelled.

Readable by everyone: the Okabe-Ito palette (safe for colour-blind readers) and a second cue
on every series (a dash pattern for lines, a hatch for bars), a legend whenever there is more
than one series, value ticks on round numbers, the unit on the axis, and "Belum ada data"
rather than an empty frame. A campaign's period is shaded and each of its posts is a tick.

The geometry is computed here, every coordinate written as text (``_at``: a dot for the
decimals, whatever the locale); the markup is the template
``insights/dashboards/charts/chart.svg``, which escapes every label, title and hover text.
The data table's rows come from ``format_html_join`` (``Chart.body``), which escapes every
cell: no markup is built from the data by hand.
"""

import datetime
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString

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
TEMPLATE = "insights/dashboards/charts/chart.svg"

# The same days, dashes and post texts fill every chart's table: each escaped once (Django's
# own escape, so ``format_html_join`` takes the result as it is).
_escape = functools.lru_cache(maxsize=16384)(conditional_escape)


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
        """The data table's rows, the day as each row's header, through Django's
        ``format_html_join``, which escapes every cell. One row format for the whole table
        (its width is the header's) and each cell escaped once: a year's office dashboard
        has 2,555 rows and over 6,000 cells, which a template loop rendered in 40-75 ms, a
        ``format_html`` per cell in 30-60 ms, and this in 10-15 ms."""
        row = '<tr><th scope="row">{}</th>' + "<td>{}</td>" * len(self.labels) + "</tr>"
        return format_html_join("", row, ([_escape(cell) for cell in cells] for cells in self.rows))


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


def _at(value: float) -> SafeString:
    """A coordinate as SVG wants it: one decimal, a dot (never the locale's comma). Digits
    only, so nothing for the template to escape."""
    return SafeString(f"{value:.1f}")


def _whole(value: int) -> SafeString:
    """A whole number of the frame, as text (digits only, like ``_at``)."""
    return SafeString(str(value))


# The frame's fixed lines (the plot's edges, where the tick and day labels sit) as text.
FRAME = {
    "width": _whole(WIDTH),
    "height": _whole(HEIGHT),
    "left": _whole(LEFT),
    "right": _whole(WIDTH - RIGHT),
    "top": _whole(TOP),
    "base": _whole(HEIGHT - BOTTOM),
    "plot_height": _whole(HEIGHT - BOTTOM - TOP),
    "tick_x": _whole(LEFT - 6),
    "unit_y": _whole(TOP - 12),
    "day_y": _whole(HEIGHT - 8),
    "post_y2": _whole(HEIGHT - BOTTOM + 7),
    "middle_x": _whole(round((LEFT + WIDTH - RIGHT) / 2)),
    "middle_y": _whole(round((TOP + HEIGHT - BOTTOM) / 2)),
}


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

    def background(self, gaps, marks: Marks, unit: str) -> dict:
        """What is drawn behind the data: the campaign's period, the failed days, the value
        ticks, the unit, the first and last day, and a tick per campaign post."""
        index_of = {day: index for index, day in enumerate(self.days)}
        period = None
        if marks.period and self.days:
            first = max(marks.period[0], self.days[0])
            last = min(marks.period[1], self.days[-1])
            if first <= last:
                x1 = self.x(index_of[first]) - self.step / 2
                x2 = self.x(index_of[last]) + self.step / 2
                period = {
                    "x": _at(max(x1, LEFT)),
                    "width": _at(min(x2, WIDTH - RIGHT) - max(x1, LEFT)),
                    "start": format_day(marks.period[0]),
                    "end": format_day(marks.period[1]),
                }
        return {
            "period": period,
            "gaps": [
                {
                    "x": _at(self.x(index_of[day]) - self.step / 2),
                    "width": _at(max(self.step, 3)),
                    "iso": day.isoformat(),
                    "day": format_day(day),
                    "reason": reason,
                }
                for day, reason in gaps.items()
                if day in index_of
            ],
            "ticks": [
                {
                    "y": _at(self.y(value)),
                    "text_y": _at(self.y(value) + 4),
                    "label": _tick_label(value, self.whole),
                }
                for value in self.ticks
            ],
            "unit": unit,
            "first_day": format_day(self.days[0]) if self.days else "",
            "last_day": format_day(self.days[-1]) if self.days else "",
            "posts": [
                {
                    "iso": day.isoformat(),
                    "x": _at(self.x(index_of[day])),
                    "day": format_day(day),
                    "texts": "; ".join(texts),
                }
                for day, texts in sorted(marks.posts.items())
                if day in index_of
            ],
            "frame": FRAME,
        }


def _legend(series_styles: Sequence[tuple[str, str, str, str | None]]) -> list[dict]:
    """(label, colour, dash, hatch) per series, in a row above the plot: a swatch of the bar
    (hatch not None: its colour, then its hatch) or of the line, then the label."""
    items, x = [], LEFT
    for label, colour, dash, hatch in series_styles:
        items.append(
            {
                "x": _whole(x),
                "line_end": _whole(x + 18),
                "text_x": _whole(x + 22),
                "bar": hatch is not None,
                "fill": f"url(#hatch-{hatch})" if hatch else colour,
                "colour": colour,
                "dash": dash,
                "label": label,
            }
        )
        x += 30 + 7 * len(label)
    return items


# What a chart draws nothing of (a line chart has no bars): every name the template reads
# is given, a missing one costs the template an exception each time.
NOTHING = {"hatches": False, "legend": [], "lines": [], "shapes": [], "bars": [], "empty": False}


def _render(chart_id: str, title: str, description: str, drawing: dict) -> SafeString:
    """The chart's SVG from the template: ``drawing`` holds what ``_Frame.background``,
    ``_legend`` and the chart's own series computed."""
    context = {"chart_id": chart_id, "title": title, "description": description}
    return render_to_string(TEMPLATE, NOTHING | context | drawing)


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
    drawing = frame.background(gaps, marks, unit)
    if len(series) > 1:
        drawing["legend"] = _legend(
            [
                (label, COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)], None)
                for n, (label, _) in enumerate(series)
            ]
        )
    lines = drawing["lines"] = []
    for number, (label, points) in enumerate(series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        path, dots, pen_down = [], [], False
        dense = len(days) > DENSE_DAYS
        for index, day in enumerate(days):
            value = points.get(day)
            if value is None:
                pen_down = False
                continue
            x, y = _at(frame.x(index)), _at(frame.y(value))
            path.append(f"{'L' if pen_down else 'M'}{x},{y}")
            alone = not pen_down and (index + 1 == len(days) or points.get(days[index + 1]) is None)
            pen_down = True
            if dense and not alone:
                continue
            dots.append(
                {"x": x, "y": y, "title": f"{label} {format_day(day)}: {value_format(value)}"}
            )
        lines.append({"d": " ".join(path), "colour": colour, "dash": dash, "dots": dots})
    description = _described(days, len(values), gaps, marks, "titik data")
    description += "; hari tanpa data tidak digambar sebagai nol."
    drawing["empty"] = not values
    labels, rows = _table(days, series, value_format, marks)
    svg = _render(chart_id, title, description, drawing)
    return Chart(chart_id, title, description, svg, days, labels, rows, gaps)


def _dense_bars(frame, days, series, styles, bar) -> list[dict]:
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
    return [
        {"d": "".join(shape), "colour": colour, "hatch": hatch, "label": label}
        for shape, (label, colour, _, hatch) in zip(shapes, styles, strict=True)
        if shape
    ]


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
    drawing = frame.background(gaps, marks, unit)
    drawing["hatches"] = True
    styles = [
        (label, colours[n % len(colours)], "", HATCHES[n % len(HATCHES)])
        for n, (label, _) in enumerate(series)
    ]
    drawing["legend"] = _legend(styles)
    bar = max((WIDTH - LEFT - RIGHT) / max(len(days), 1) * 0.7, 1.5)
    if len(days) > DENSE_DAYS:
        drawing["shapes"] = _dense_bars(frame, days, series, styles, bar)
    bars = drawing["bars"] = []
    width = _at(bar)
    for index, day in enumerate(days if len(days) <= DENSE_DAYS else ()):
        bottom = 0
        for (label, points), (_, colour, _, hatch) in zip(series, styles, strict=True):
            value = points.get(day, 0)
            if not value:
                continue
            top = bottom + value
            bars.append(
                {
                    "x": _at(frame.x(index) - bar / 2),
                    "y": _at(frame.y(top)),
                    "width": width,
                    "height": _at(frame.y(bottom) - frame.y(top)),
                    "colour": colour,
                    "hatch": hatch,
                    "title": f"{label} {format_day(day)}: {format_count(value)}",
                }
            )
            bottom = top
    total = sum(totals.values())
    description = _described(days, total, gaps, marks, "butir, ditumpuk per kelompok")
    drawing["empty"] = not total
    labels, rows = _table(days, series, format_count, marks)
    svg = _render(chart_id, title, description, drawing)
    return Chart(chart_id, title, description, svg, days, labels, rows, gaps)
