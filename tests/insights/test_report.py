"""The campaign report follows AMEC, states the method of every figure, never computes an
advertising value equivalent, and exports the daily numbers it is built from."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.insights.metrics_data import END, START, seed_week

pytestmark = pytest.mark.django_db

WEEK = {"start": START.isoformat(), "end": END.isoformat()}
AMEC_HEADINGS = [
    "1. Tujuan (objectives)",
    "2. Masukan (inputs)",
    "3. Kegiatan (activities)",
    "4. Keluaran (outputs)",
    "5. Tanggapan langsung (out-takes)",
    "6. Hasil (outcomes)",
    "7. Dampak (organisational impact)",
    "8. Pembelajaran (learnings)",
]


@pytest.fixture
def week(users, published_article):
    return seed_week(users["social"], published_article)


@pytest.fixture
def report(client, users, week):
    client.force_login(users["analyst"])
    url = reverse("campaigns_report:report", args=[week["campaign"].pk])
    response = client.get(url, WEEK)
    assert response.status_code == 200
    return response.content.decode()


def figure_row(html: str, key: str) -> tuple[str, str]:
    """(value, method) of the report's row for figure ``key``."""
    match = re.search(
        rf'<tr data-figure="{key}"><th scope="row">[^<]*</th><td>([^<]*)</td><td>([^<]*)</td>',
        html,
    )
    assert match, f"no row {key}"
    return match.group(1), match.group(2)


def test_report_has_every_amec_section_in_order(report):
    positions = [report.index(heading) for heading in AMEC_HEADINGS]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("key", "value", "method_part"),
    [
        ("reach", "800", "Reach dari API resmi"),
        ("engagement_rate", "7,50 %", "Penyebut: jangkauan"),
        ("ctr", "—", "Penyebut: tayangan"),  # no views collected: no rate, not 0 %
        ("potential_reach", "1.200.000", "batas atas"),
        ("net_sentiment", "0,00 %", "Nada dinilai analis"),
        ("follower_growth_rate", "6,00 %", "Penyebut: pengikut di awal"),
        ("mentions", "3", "entri manual"),
    ],
)
def test_every_figure_states_its_method(report, key, value, method_part):
    shown, method = figure_row(report, key)
    assert shown == value
    assert method_part in method


def test_report_lists_impact_with_source_and_misses_as_learnings(report):
    impact = report[report.index("7. Dampak") : report.index("8. Pembelajaran")]
    assert "Kunjungan wisatawan" in impact and "BPS Kota Tangerang" in impact
    learnings = report[report.index("8. Pembelajaran") :]
    learnings = learnings[: learnings.index("Lampiran")]
    assert "Jangkauan (reach): 800 dari 1.000 (80 %)" in learnings  # missed
    assert "Klik tautan" not in learnings  # 20 of 10: met


def test_no_advertising_value_equivalent_anywhere(client, users, week, report):
    # the only mention of AVE is the sentence saying it is not computed
    text = re.sub(r"<[^>]+>", " ", report)
    assert not re.search(r"\bAVE\b", text)
    assert "advertising value" not in text.lower()
    assert text.count("setara iklan") == 1
    assert "Nilai setara iklan tidak dihitung" in text
    # and neither export carries such a column
    url = reverse("campaigns_report:export_csv", args=[week["campaign"].pk])
    header = client.get(url, WEEK).content.decode().splitlines()[0].lower()
    assert "ave" not in header.split(",") and "iklan" not in header


def test_csv_export_has_the_daily_series_with_gaps_left_empty(client, users, week):
    # given an analyst
    client.force_login(users["analyst"])
    # when the CSV is downloaded
    response = client.get(reverse("campaigns_report:export_csv", args=[week["campaign"].pk]), WEEK)
    # then it is one row per day, the campaign's numbers, nothing invented for missing days
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["tanggal"] for row in rows] == [f"2026-11-0{d}" for d in range(1, 8)]
    by_day = {row["tanggal"]: row for row in rows}
    assert by_day["2026-11-02"]["jangkauan"] == "300"  # the post's lifetime reach that day
    assert by_day["2026-11-03"]["jangkauan"] == "800"
    assert by_day["2026-11-03"]["klik_tautan"] == "8"
    assert by_day["2026-11-01"]["kunjungan_halaman"] == "100"
    assert by_day["2026-11-04"]["pengikut"] == ""  # not collected: empty, never 0
    assert by_day["2026-11-05"]["pengikut"] == "1040"
    assert by_day["2026-11-03"]["berita_negatif"] == "1"


def test_xlsx_export_has_daily_summary_and_targets_sheets(client, users, week):
    client.force_login(users["analyst"])
    response = client.get(reverse("campaigns_report:export_xlsx", args=[week["campaign"].pk]), WEEK)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Harian",
        "Ringkasan",
        "Porsi suara",
        "Hasil dan dampak",
        "Target KPI",
    ]
    daily = list(workbook["Harian"].values)
    assert daily[0][0] == "tanggal" and len(daily) == 8
    assert daily[3][daily[0].index("jangkauan")] == 800
    summary = {row[0]: row for row in workbook["Ringkasan"].values}
    assert summary["Jangkauan"][1] == 800
    assert "Penyebut" in summary["Tingkat interaksi per jangkauan"][2]
    targets = list(workbook["Target KPI"].values)
    assert targets[1][:5] == ("Jangkauan (reach)", "semua", 1000, 800, 0.8)


def test_xlsx_cells_are_typed_dates_counts_and_percentages(client, users, week):
    client.force_login(users["analyst"])
    response = client.get(reverse("campaigns_report:export_xlsx", args=[week["campaign"].pk]), WEEK)
    workbook = load_workbook(io.BytesIO(response.content))
    # dates are dates
    first_day = workbook["Harian"]["A2"]
    assert first_day.is_date and first_day.value.date() == START
    assert first_day.number_format == "DD-MM-YYYY"
    # rates are fractions shown as percentages, with two decimals
    rows = {row[0].value: row for row in workbook["Ringkasan"].iter_rows(min_row=2)}
    rate = rows["Tingkat interaksi per jangkauan"][1]
    assert rate.number_format == "0.00%" and rate.value == pytest.approx(0.075)
    reach = rows["Jangkauan"][1]
    assert reach.number_format == "#,##0" and reach.value == 800
    # share of voice, and the impact figure with its period
    voice = {row[0]: row for row in workbook["Porsi suara"].values}
    assert voice["Porsi pengikut"][1] == pytest.approx(0.1749, abs=1e-4)
    impact = list(workbook["Hasil dan dampak"].values)[1]
    assert impact[1] == "Kunjungan wisatawan" and impact[4] == 1_230_000
    attainment = workbook["Target KPI"]["E2"]
    assert attainment.number_format == "0.0%" and attainment.value == pytest.approx(0.8)


def test_office_export_leaves_a_failed_collectors_day_empty_not_a_partial_sum(client, users, week):
    # given the office's accounts: Facebook answered on 4 November, Instagram's collectors
    # failed (seed_week)
    client.force_login(users["analyst"])
    # when the office's CSV and workbook are downloaded
    office = reverse("campaigns_dashboard:export_csv")
    rows = list(csv.DictReader(io.StringIO(client.get(office, WEEK).content.decode())))
    by_day = {row["tanggal"]: row for row in rows}
    # then the day is empty, not Facebook alone (a false fall of two thirds)
    assert by_day["2026-11-04"]["pengikut"] == ""
    assert by_day["2026-11-03"]["pengikut"] == str(2000 + 1020)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("campaigns_dashboard:export_xlsx"), WEEK).content)
    )
    daily = list(workbook["Harian"].values)
    assert daily[4][daily[0].index("pengikut")] is None
    assert "Target KPI" not in workbook.sheetnames  # the office has no targets


def test_office_export_is_for_those_who_read_the_office_dashboard(client, users, week):
    client.force_login(users["social"])
    assert client.get(reverse("campaigns_dashboard:export_csv"), WEEK).status_code in (302, 403)


@pytest.mark.parametrize("name", ["report", "export_csv", "export_xlsx", "export_pdf"])
def test_managers_cannot_read_reports_of_campaigns_they_do_not_own(
    client, week, name, django_user_model
):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="manajer-lain", role="social"))
    response = client.get(reverse(f"campaigns_report:{name}", args=[week["campaign"].pk]))
    assert response.status_code in (302, 403)
    assert b"Kunjungan" not in response.content


def test_learnings_written_on_the_campaign_show_in_section_8_with_who_and_when(client, users, week):
    # given the owner writes what worked on the campaign's edit form
    from tests.admin_helpers import rendered_form

    campaign = week["campaign"]
    client.force_login(users["social"])
    edit = reverse("campaigns_campaign:edit", args=[campaign.pk])
    data = rendered_form(client, edit, form_id="w-editor-form")
    data["learnings"] = (
        '{"blocks": [{"key": "a", "type": "unstyled", "depth": 0, "text": '
        '"Video pendek Aboh Jasa paling banyak dibagikan.", "inlineStyleRanges": [], '
        '"entityRanges": [], "data": {}}], "entityMap": {}}'
    )
    assert client.post(edit, data).status_code == 302

    # when an analyst reads the report
    client.force_login(users["analyst"])
    html = client.get(reverse("campaigns_report:report", args=[campaign.pk]), WEEK)
    section = html.content.decode().split("8. Pembelajaran")[1]

    # then section 8 carries the learnings, who wrote them and when
    assert "Video pendek Aboh Jasa paling banyak dibagikan." in section
    assert f"Ditulis oleh {users['social'].username}" in section
    campaign.refresh_from_db()
    assert campaign.learnings_by == users["social"] and campaign.learnings_at is not None


def test_office_figures_from_other_years_are_context_with_their_trend(client, users, week):
    # given tourist visits of 360,000 in 2013 beside the 1,230,000 of 2018 (office-wide)
    import datetime

    from insights.models import OutcomeFigure

    figure = OutcomeFigure.objects.get(name="Kunjungan wisatawan")
    figure.campaign = None
    figure.save()
    OutcomeFigure.objects.create(
        name="Kunjungan wisatawan",
        level="impact",
        period_start=datetime.date(2013, 1, 1),
        period_end=datetime.date(2013, 12, 31),
        value=360_000,
        unit="kunjungan",
        source="BPS Kota Tangerang",
    )
    client.force_login(users["analyst"])

    # when the campaign's report is read
    html = client.get(reverse("campaigns_report:report", args=[week["campaign"].pk]), WEEK)
    text = " ".join(html.content.decode().split())

    # then both appear as context with their own periods, and the trend between them
    assert "Konteks: angka kantor di luar periode kampanye" in text
    assert "01-01-2013 s.d. 31-12-2013" in text and "01-01-2018 s.d. 31-12-2018" in text
    assert "(2013) → 1.230.000 kunjungan (2018): 241,7 %" in text
    assert "rata-rata 27,9 % per tahun" in text


def test_a_campaigns_reach_is_exported_as_a_lifetime_total_with_its_daily_growth(
    client, users, week
):
    # given the campaign's post: reach 300 after its first day, 800 after its second (lifetime
    # values), not read again since; Instagram insights failed on 4 November
    client.force_login(users["analyst"])
    response = client.get(reverse("campaigns_report:export_csv", args=[week["campaign"].pk]), WEEK)
    rows = {r["tanggal"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    # then each day shows the total known by then, carried forward, never a sum of days
    assert [rows[f"2026-11-0{d}"]["jangkauan"] for d in range(1, 8)] == [
        "", "300", "800", "", "800", "800", "800",
    ]  # fmt: skip
    # and the growth column adds up to the real reach, 800, not 300 + 800 + …
    growth = [int(r["jangkauan_bertambah"]) for r in rows.values() if r["jangkauan_bertambah"]]
    assert growth == [300, 500, 0, 0] and sum(growth) == 800


def test_the_campaign_dashboard_charts_reach_as_a_lifetime_total(client, users, week):
    client.force_login(users["analyst"])
    html = client.get(
        reverse("campaigns_dashboard:campaign", args=[week["campaign"].pk]), WEEK
    ).content.decode()
    assert "Jangkauan unggahan kampanye: total seumur unggahan" in html
    assert "Jangkauan per hari" not in html
