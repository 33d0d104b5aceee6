"""Charts everyone can read: round value ticks, the unit on the axis, a legend and a second
cue (dash or hatch) for every series in a colour-blind-safe palette, "Belum ada data" for an
empty chart, the campaign's period and posts marked, and numbers and dates written through
Django's Indonesian locale."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from insights.dashboards import charts
from insights.dashboards.formulas import format_count, format_day, format_rate

DAYS = charts.days_between(datetime.date(2026, 11, 1), datetime.date(2026, 11, 7))
# A label that tries to close the attribute or text it lands in and open elements of its own.
HOSTILE = '"/><image href=x onerror=alert(1)><script>alert(2)</script>'
TABLE = "insights/dashboards/_chart.html"


def tick_labels(chart) -> list[str]:
    return re.findall(r'class="chart-tick"[^>]*>([^<]+)<', chart.svg)


@pytest.mark.parametrize(
    ("peak", "whole", "ticks"),
    [
        (5, True, [0, 2, 4, 6]),  # never "0 / 2 / 5" where 2,5 is meant
        (1, True, [0, 1]),  # never "0 / 0 / 1"
        (0, True, [0, 1]),
        (1060, True, [0, 500, 1000, 1500]),
        (7.5, False, [0, 2, 4, 6, 8]),
        (0.9, False, [0, 0.25, 0.5, 0.75, 1.0]),
    ],
)
def test_ticks_are_round_numbers_at_or_above_the_peak(peak, whole, ticks):
    assert charts.nice_ticks(peak, whole=whole) == ticks


def test_tick_labels_say_exactly_the_values_drawn():
    chart = charts.line_chart("c", "Klik", DAYS, [("Klik", {DAYS[0]: 5, DAYS[1]: 3})], unit="klik")
    assert tick_labels(chart) == ["0", "2", "4", "6"]
    assert 'class="chart-unit"' in chart.svg and ">klik<" in chart.svg


def test_several_series_get_a_legend_and_each_its_own_dash():
    chart = charts.line_chart(
        "c", "Pengikut", DAYS, [("Instagram", {DAYS[0]: 10}), ("X", {DAYS[0]: 4})]
    )
    legend = re.search(r'<g class="chart-legend">(.*?)</g></g>', chart.svg).group(1)
    assert "Instagram" in legend and "X" in legend
    dashes = re.findall(r'<path [^>]*stroke-dasharray="([^"]*)"', chart.svg)
    assert len(set(dashes)) == 2


def test_one_series_needs_no_legend():
    chart = charts.line_chart("c", "Klik", DAYS, [("Klik", {DAYS[0]: 1})])
    assert "chart-legend" not in chart.svg


def test_stacked_bars_carry_a_hatch_beside_the_colour_and_a_legend():
    chart = charts.stacked_bar_chart(
        "c",
        "Nada",
        DAYS,
        [("Positif", {DAYS[0]: 2}), ("Netral", {DAYS[0]: 1}), ("Negatif", {DAYS[0]: 1})],
    )
    assert 'class="chart-legend"' in chart.svg
    for label in ("Positif", "Netral", "Negatif"):
        assert label in chart.svg
    assert chart.svg.count('fill="url(#hatch-') >= 2  # every series but the first
    assert "#15803d" not in chart.svg and "#b91c1c" not in chart.svg  # no red against green


def test_an_empty_chart_says_belum_ada_data():
    chart = charts.line_chart("c", "Tayangan", DAYS, [("Tayangan", {})])
    assert "Belum ada data" in chart.svg


def test_a_campaigns_period_and_posts_are_marked_with_their_text():
    marks = charts.Marks(
        period=(DAYS[2], DAYS[5]), posts={DAYS[3]: ["Festival Cisadane dibuka <b>hari ini</b>"]}
    )
    chart = charts.line_chart("c", "Klik", DAYS, [("Klik", {DAYS[3]: 4})], marks=marks)
    assert 'class="chart-period"' in chart.svg
    assert 'data-post-day="2026-11-04"' in chart.svg
    assert "Festival Cisadane dibuka &lt;b&gt;hari ini&lt;/b&gt;" in chart.svg  # escaped
    assert chart.labels[-1] == "Unggahan kampanye"
    assert chart.rows[3][-1] == "Festival Cisadane dibuka <b>hari ini</b>"


@pytest.mark.parametrize(
    "draw", [charts.line_chart, charts.stacked_bar_chart], ids=["line", "bars"]
)
def test_hostile_labels_are_text_in_the_svg_never_markup(draw):
    # given a title, series labels, unit, failure reason and campaign post that carry markup
    marks = charts.Marks(period=(DAYS[0], DAYS[6]), posts={DAYS[1]: [HOSTILE]})
    series = [(HOSTILE, {DAYS[1]: 3, DAYS[2]: 4}), ("Kedua", {DAYS[2]: 1})]
    # when the chart is drawn
    chart = draw("c", HOSTILE, DAYS, series, gaps={DAYS[3]: HOSTILE}, unit=HOSTILE, marks=marks)
    # then the SVG is well-formed and holds only the chart's own elements and attributes
    svg = ET.fromstring(chart.svg)  # noqa: S314 - our own drawing
    elements = list(svg.iter())
    assert not {element.tag.split("}")[-1] for element in elements} & {"script", "image"}
    assert not any("onerror" in name for element in elements for name in element.attrib)
    # and every one of those texts is shown as text: title, unit, legend, hover texts
    texts = [element.text or "" for element in elements]
    assert texts.count(HOSTILE) == 3
    assert f"{format_day(DAYS[3])}: data tidak terkumpul ({HOSTILE})" in texts
    assert f"{format_day(DAYS[1])}: {HOSTILE}" in texts
    assert f"{HOSTILE} {format_day(DAYS[1])}: 3" in texts
    # and the data table beside it shows them as text too, in its headings and its cells
    table = BeautifulSoup(render_to_string(TABLE, {"chart": chart}), "html.parser").table
    assert not table.find_all(["script", "image", "img"])
    assert not [name for cell in table.find_all(True) for name in cell.attrs if "on" in name]
    assert [th.get_text() for th in table.thead.find_all("th")][1] == HOSTILE
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]
    assert len(rows) == len(DAYS) and all(len(row) == len(chart.labels) + 1 for row in rows)
    assert rows[1][0] == format_day(DAYS[1]) and rows[1][-1] == HOSTILE
    assert [row[-1] for row in rows].count(HOSTILE) == 1


def test_numbers_and_dates_follow_the_indonesian_locale_whatever_the_language():
    with translation.override("en"):
        assert format_count(35000) == "35.000"
        assert format_count(21588789) == "21.588.789"
        assert format_rate(3.256) == "3,26 %"
        assert format_day(datetime.date(2026, 11, 4)) == "04-11-2026"


def test_a_year_is_drawn_compact_with_every_value_in_the_table():
    year = charts.days_between(datetime.date(2025, 12, 7), datetime.date(2026, 12, 6))
    values = {day: 1000 + n for n, day in enumerate(year) if n != 200}
    lone = year[300]
    values.pop(year[299])
    values.pop(year[301])
    line = charts.line_chart("c", "Klik", year, [("Klik", values)])
    # one dot only: the lone day between two missing ones, which a line cannot show
    assert line.svg.count("<circle") == 1
    assert f"{format_day(lone)}: {format_count(values[lone])}" in line.svg
    assert len(line.rows) == len(year) == 365 and line.rows[5][1] == format_count(1005)
    tones = [("Positif", dict.fromkeys(year, 2)), ("Negatif", dict.fromkeys(year[::2], 1))]
    bars = charts.stacked_bar_chart("m", "Nada", year, tones)
    assert bars.svg.count('class="chart-bar"') == 2  # one shape per series, not per day
    assert bars.svg.count('fill="url(#hatch-diagonal)"') == 2  # the legend's and the shape's
    assert len(line.svg) + len(bars.svg) < 40_000
