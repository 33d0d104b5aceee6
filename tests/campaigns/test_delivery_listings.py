"""The delivery listing and the delivery log as Wagtail's read-only listings: read by the
roles that may read them, never added to, edited or deleted in the admin, and exported as
CSV or XLSX with the filters applied and times in WIB."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from campaigns.models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryStatus
from tests.admin_helpers import assert_admin_may_only_view
from tests.campaigns.factories import SocialAccountFactory, approved_post

pytestmark = pytest.mark.django_db

LISTINGS = ["campaigns_deliveries", "campaigns_delivery_log"]
SENT_AT = datetime.datetime(2026, 11, 5, 2, 0, tzinfo=datetime.UTC)  # 09.00 WIB


@pytest.fixture
def failed(users):
    """A delivery that failed at 09.00 WIB, with its attempt in the log."""
    account = SocialAccountFactory(network="x", handle="@kotatangerang", owner=users["social"])
    item = approved_post(
        [account],
        submitter=users["social"],
        approver=users["head"],
        text="Festival Cisadane dibuka Sabtu ini!",
    )
    item.deliveries.update(
        status=DeliveryStatus.FAILED, status_reason="Ditolak: gambar buram", published_at=SENT_AT
    )
    delivery = item.deliveries.get()
    DeliveryAttempt.objects.create(
        delivery=delivery,
        started_at=SENT_AT,
        finished_at=SENT_AT,
        outcome=AttemptOutcome.FAILED,
        http_status=400,
        message="Gambar buram.",
    )
    return delivery


@pytest.fixture
def scheduled(users):
    account = SocialAccountFactory(network="telegram", handle="@infotangerang")
    item = approved_post(
        [account], submitter=users["social"], approver=users["head"], text="Kerja bakti Minggu"
    )
    return item.deliveries.get()


def exported_csv(client, name: str, **query) -> list[list[str]]:
    response = client.get(reverse(f"{name}:index"), {**query, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_delivery_csv_has_the_listings_columns_in_indonesian_and_wib(client, users, failed):
    # given the manager in the admin, with a failed and a scheduled delivery
    client.force_login(users["social"])

    # when they download the listing filtered to the failed deliveries as CSV
    heading, *rows = exported_csv(client, "campaigns_deliveries", status="failed")

    # then the one failed delivery comes, with headings in Indonesian and its time in WIB
    assert heading == [
        "Unggahan",
        "Akun",
        "Kampanye",
        "Waktu (WIB)",
        "Status",
        "Keterangan",
        "Percobaan",
        "ID di platform",
        "Tautan di platform",
    ]
    assert rows == [
        [
            "Festival Cisadane dibuka Sabtu ini!",
            "X @kotatangerang",
            "",
            "2026-11-05 09:00",
            "Gagal",
            "Ditolak: gambar buram",
            "0",
            "",
            "",
        ]
    ]


def test_delivery_log_exports_as_xlsx(client, users, failed, scheduled):
    # given the analyst, who reads the log
    client.force_login(users["analyst"])

    # when they download it as XLSX
    response = client.get(reverse("campaigns_delivery_log:index"), {"export": "xlsx"})

    # then the workbook holds each attempt, its time as a WIB date and time
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="log-pengiriman.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    heading, *rows = list(sheet.values)
    assert heading[:6] == ("Mulai (WIB)", "Selesai (WIB)", "Unggahan", "Akun", "Jenis", "Hasil")
    assert [row[:6] for row in rows] == [
        (
            datetime.datetime(2026, 11, 5, 9, 0),
            datetime.datetime(2026, 11, 5, 9, 0),
            "Festival Cisadane dibuka Sabtu ini!",
            "X @kotatangerang",
            "Kirim",
            "Ditolak platform",
        )
    ]
    assert rows[0][6] == 400 and rows[0][9] == "Gambar buram."


def test_a_cell_that_starts_like_a_formula_is_exported_as_text(client, users, failed):
    # given a post whose first line starts with "=" (a spreadsheet formula)
    failed.post.text = '=HYPERLINK("https://contoh.invalid","klik")'
    failed.post.save()
    client.force_login(users["social"])

    # when the listing is exported as CSV
    _, row = exported_csv(client, "campaigns_deliveries")

    # then the cell is text, not a formula
    assert row[0] == '\'=HYPERLINK("https://contoh.invalid","klik")'


@pytest.mark.parametrize("name", LISTINGS)
def test_no_add_edit_or_delete_views_exist(name, failed):
    for view in ("add", "edit", "delete", "history", "usage", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{name}:{view}", args=[] if view == "add" else [failed.pk])


@pytest.mark.parametrize("model", [Delivery, DeliveryAttempt])
def test_even_a_superuser_may_only_view_in_the_admin(model, failed):
    # the admin's permission policy allows "view" only, to anyone, a superuser included
    assert_admin_may_only_view(model)


@pytest.mark.parametrize("name", LISTINGS)
def test_the_listing_offers_downloads_and_no_add_button(client, users, failed, name):
    # given the head of Humas, who may do most things
    client.force_login(users["head"])

    # when they open the listing
    soup = BeautifulSoup(client.get(reverse(f"{name}:index")).content, "html.parser")

    # then the downloads are offered, and nothing to add
    links = [a["href"] for a in soup.select("header a[href]")]
    assert any("export=xlsx" in href for href in links)
    assert any("export=csv" in href for href in links)
    assert not [href for href in links if "/new/" in href]


@pytest.mark.parametrize("name", LISTINGS)
@pytest.mark.parametrize(("role", "allowed"), [("editor_koran", False), ("analyst", True)])
def test_only_roles_that_read_deliveries_open_or_export_them(
    client, users, failed, name, role, allowed
):
    # given a person of the role
    client.force_login(users[role])

    # when they open the listing, or export it
    page = client.get(reverse(f"{name}:index"))
    export = client.get(reverse(f"{name}:index"), {"export": "csv"})

    # then both answer to the same permission, and so does the menu
    assert (page.status_code == 200, export.status_code == 200) == (allowed, allowed)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (f'"url": "{reverse(f"{name}:index")}"' in menu) == allowed
