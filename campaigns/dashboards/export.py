"""The numbers under a campaign report as CSV and XLSX: one row per day, one column per
metric (empty = not collected, never 0), plus, in the workbook, the figures with their methods
and the KPI targets."""

import csv
import datetime
import io

from django.http import HttpResponse
from openpyxl import Workbook

from ..models import Metric, Tone
from . import access, charts, queries
from .figures import figures, kpi_progress
from .queries import Scope
from .report import campaign_for

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


def daily_table(start: datetime.date, end: datetime.date, scope: Scope) -> list[list]:
    """Header row, then one row per day: the daily series of every metric."""
    series = {metric: queries.daily_series(metric, start, end, scope) for metric, _ in COLUMNS}
    tones = queries.mentions_by_tone(start, end, scope)
    header = ["tanggal"] + [name for _, name in COLUMNS] + [name for _, name in TONES]
    rows = [header]
    for day in charts.days_between(start, end):
        rows.append(
            [day.isoformat()]
            + [series[metric].get(day) for metric, _ in COLUMNS]
            + [tones.get(tone, {}).get(day, 0) for tone, _ in TONES]
        )
    return rows


def _period(request, campaign):
    form = access.DateRangeForm(
        request.GET if {"start", "end"} & set(request.GET) else None,
        default=access.campaign_default(campaign),
    )
    return form.period()


def _filename(campaign, start, end, extension: str) -> str:
    return f"kampanye-{campaign.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"


def export_csv(request, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    start, end = _period(request, campaign)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in daily_table(start, end, Scope(campaign_id=campaign.pk)):
        writer.writerow(["" if value is None else value for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(campaign, start, end, "csv")}"'
    )
    return response


def export_xlsx(request, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    start, end = _period(request, campaign)
    scope = Scope(campaign_id=campaign.pk)
    workbook = Workbook()
    daily = workbook.active
    daily.title = "Harian"
    for row in daily_table(start, end, scope):
        daily.append(row)
    summary = workbook.create_sheet("Ringkasan")
    summary.append(["ukuran", "nilai", "cara/penyebut"])
    numbers = figures(start, end, scope)
    for figure in (value for key, value in numbers.items() if not key.startswith("_")):
        summary.append([figure.label, figure.value, figure.method])
    targets = workbook.create_sheet("Target KPI")
    targets.append(["ukuran", "jaringan", "target", "capaian", "persen"])
    for row in kpi_progress(campaign, start, end, numbers):
        targets.append(
            [
                row.target.get_metric_display(),
                row.target.network or "semua",
                float(row.target.target_value),
                row.actual.value,
                row.percent,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(campaign, start, end, "xlsx")}"'
    )
    return response
