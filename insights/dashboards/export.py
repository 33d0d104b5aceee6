"""The numbers under a dashboard or a campaign report, as CSV and XLSX.

They tell the same truth as the screen: a day on which a collector failed is left empty,
exactly as the chart leaves a gap (never a sum of the sources that happened to answer, which
would show a false fall), and a day without a sample is empty, never 0. The workbook also
carries every figure with its method, share of voice, the outcome and impact figures, and
the KPI targets with their attainment; its cells are typed (dates as dates, percentages in
percent format) so a spreadsheet can compute with them.
"""

import csv
import datetime
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from openpyxl import Workbook

from ..models import Metric, OutcomeFigure, OutcomeLevel, Tone
from . import access, charts, collection, queries
from .board import counted_series
from .figures import figures, kpi_progress, share_of_voice
from .queries import OFFICE, Scope
from .report import campaign_for, outcome_figures

COLUMNS = [
    (Metric.FOLLOWERS, "pengikut"),
    (Metric.REACH, "jangkauan"),
    (Metric.VIEWS, "tayangan"),
    (Metric.LIKES, "suka"),
    (Metric.COMMENTS, "komentar"),
    (Metric.SHARES, "bagikan"),
    (Metric.SAVES, "simpan"),
    (Metric.LINK_CLICKS, "klik_tautan"),
    (Metric.PAGE_VIEWS, "kunjungan_halaman"),
]
TONES = [
    (Tone.POSITIVE, "berita_positif"),
    (Tone.NEUTRAL, "berita_netral"),
    (Tone.NEGATIVE, "berita_negatif"),
    (Tone.UNRATED, "berita_belum_dinilai"),
]
GROWTH = {Metric.REACH, Metric.VIEWS}
DATE_FORMAT = "DD-MM-YYYY"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00%"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def daily_table(start: datetime.date, end: datetime.date, scope: Scope) -> list[list]:
    """Header row, then one row per day: the daily series of every metric, with the days a
    collector failed left empty (``collection.gaps``, as on the charts)."""
    failures = collection.failed_runs(start, end)
    series = {}
    for metric, _ in COLUMNS:
        values, counts = counted_series(metric, start, end, scope)
        missing = collection.gaps(metric, values, failures, counts)
        series[metric] = {day: value for day, value in values.items() if day not in missing}
    # A campaign's reach and views are lifetime totals (never to be summed over days): their
    # daily growth is a column of its own, which does add up.
    growing = [
        (m, f"{name}_bertambah")
        for m, name in COLUMNS
        if m in GROWTH and queries.is_lifetime(m, scope)
    ]
    tones = queries.mentions_by_tone(start, end, scope)
    header = (
        ["tanggal"]
        + [name for _, name in COLUMNS]
        + [name for _, name in growing]
        + [name for _, name in TONES]
    )
    rows: list[list[Any]] = [header]
    for day in charts.days_between(start, end):
        rows.append(
            [day]
            + [series[metric].get(day) for metric, _ in COLUMNS]
            + [_growth(series[metric], day) for metric, _ in growing]
            + [tones.get(tone, {}).get(day, 0) for tone, _ in TONES]
        )
    return rows


def _growth(values: dict, day: datetime.date) -> int | None:
    """Today's lifetime total less yesterday's (the first day: all of it); empty when either
    day is unknown."""
    today = values.get(day)
    if today is None:
        return None
    before = values.get(day - datetime.timedelta(days=1))
    if before is None:
        return None if any(d < day for d in values) else today
    return today - before


def _period(request, default):
    form = access.DateRangeForm(
        request.GET if {"start", "end"} & set(request.GET) else None, default=default
    )
    return form.period()


def _attachment(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def _percent(value: float | None) -> float | None:
    return None if value is None else value / 100


def _append(sheet, values: list, formats: dict[int, str] | None = None) -> None:
    """One row, with a number format on the columns named in ``formats``."""
    sheet.append(values)
    for column, number_format in (formats or {}).items():
        sheet.cell(row=sheet.max_row, column=column).number_format = number_format


def workbook(start, end, scope: Scope, campaign=None) -> bytes:
    book = Workbook()
    daily = book.worksheets[0]  # a new workbook's one (active) sheet
    daily.title = "Harian"
    rows = daily_table(start, end, scope)
    daily.append(rows[0])
    for row in rows[1:]:
        _append(daily, row, {1: DATE_FORMAT} | dict.fromkeys(range(2, len(row) + 1), COUNT_FORMAT))

    numbers = figures(start, end, scope)
    summary = book.create_sheet("Ringkasan")
    summary.append(["ukuran", "nilai", "cara/penyebut"])
    for figure in (value for key, value in numbers.items() if not key.startswith("_")):
        rate = figure.is_rate
        value = _percent(figure.value) if rate else figure.value
        _append(
            summary,
            [figure.label, value, figure.method],
            {2: PERCENT_FORMAT if rate else COUNT_FORMAT},
        )

    sov = share_of_voice(start, end)
    voice = book.create_sheet("Porsi suara")
    voice.append(["ukuran", "nilai", "kelompok pembanding", "cara"])
    for figure in (sov["by_posts"], sov["by_followers"]):
        _append(
            voice,
            [figure.label, _percent(figure.value), sov["peer_set"], figure.method],
            {2: PERCENT_FORMAT},
        )

    outcomes = book.create_sheet("Hasil dan dampak")
    outcomes.append(
        [
            "tingkat",
            "ukuran",
            "periode mulai",
            "periode selesai",
            "nilai",
            "satuan",
            "sumber",
            "cara",
        ]
    )
    for figure in _outcome_rows(start, end, campaign):
        _append(
            outcomes,
            [
                figure.get_level_display(),
                figure.name,
                figure.period_start,
                figure.period_end,
                float(figure.value),
                figure.unit,
                figure.source,
                figure.method,
            ],
            {3: DATE_FORMAT, 4: DATE_FORMAT, 5: COUNT_FORMAT},
        )

    if campaign is not None:
        targets = book.create_sheet("Target KPI")
        targets.append(["ukuran", "jaringan", "target", "capaian", "persen"])
        for row in kpi_progress(campaign, start, end, numbers):
            rate = row.actual.is_rate
            target = float(row.target.target_value)
            _append(
                targets,
                [
                    row.target.get_metric_display(),
                    row.target.network or "semua",
                    _percent(target) if rate else target,
                    _percent(row.actual.value) if rate else row.actual.value,
                    _percent(row.percent),
                ],
                {
                    3: PERCENT_FORMAT if rate else COUNT_FORMAT,
                    4: PERCENT_FORMAT if rate else COUNT_FORMAT,
                    5: "0.0%",
                },
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _outcome_rows(start, end, campaign) -> list[OutcomeFigure]:
    if campaign is not None:
        return outcome_figures(campaign, OutcomeLevel.OUTCOME) + outcome_figures(
            campaign, OutcomeLevel.IMPACT
        )
    return list(
        OutcomeFigure.objects.filter(
            campaign__isnull=True, period_end__gte=start, period_start__lte=end
        ).order_by("level", "name", "period_start")
    )


def export_csv(request, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    start, end = _period(request, access.campaign_default(campaign))
    rows = daily_table(start, end, Scope(campaign_id=campaign.pk))
    name = f"kampanye-{campaign.pk}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    return _attachment(_csv(rows), "text/csv; charset=utf-8", name)


def export_xlsx(request, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    start, end = _period(request, access.campaign_default(campaign))
    content = workbook(start, end, Scope(campaign_id=campaign.pk), campaign)
    return _attachment(content, XLSX, f"kampanye-{campaign.pk}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")


def _office_period(request):
    if not access.can_read_office(request.user):
        raise PermissionDenied
    return _period(request, access.office_default())


def export_office_csv(request) -> HttpResponse:
    start, end = _office_period(request)
    name = f"kantor-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    return _attachment(_csv(daily_table(start, end, OFFICE)), "text/csv; charset=utf-8", name)


def export_office_xlsx(request) -> HttpResponse:
    start, end = _office_period(request)
    return _attachment(
        workbook(start, end, OFFICE), XLSX, f"kantor-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    )
