"""The collector runs ("Status pengumpul") and the tracked links ("Tautan terlacak") as
Wagtail's read-only listings: read by the measurement roles, never added to, edited or
deleted in the admin, filtered, and exported as CSV or XLSX with Indonesian headings, file
names and times in WIB."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail import hooks

from insights.models import CollectionRun, RunStatus, TrackedLink, TrafficEvent
from insights.tracking.links import tracked_link_for
from tests.admin_helpers import assert_admin_may_only_view
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post

pytestmark = pytest.mark.django_db

RUNS = "campaigns_collector_status"
LINKS = "campaigns_tracked_links"
LISTINGS = [RUNS, LINKS]
MADE_AT = datetime.datetime(2026, 11, 5, 2, 0, tzinfo=datetime.UTC)  # 09.00 WIB


@pytest.fixture
def runs():
    """A news-feed run that went well, and an Instagram run that failed, at 09.00 WIB."""
    ok = CollectionRun.objects.create(
        collector="news_feeds",
        subject="Warta Kota",
        status=RunStatus.OK,
        samples_written=12,
        message="12 berita dibaca.",
        started_at=MADE_AT,
        finished_at=MADE_AT + datetime.timedelta(seconds=30),
    )
    failed = CollectionRun.objects.create(
        collector="instagram_public",
        subject="@pemkotbogor",
        status=RunStatus.FAILED,
        message="=Profil tidak ditemukan",
        started_at=MADE_AT + datetime.timedelta(minutes=5),
    )
    return {"ok": ok, "failed": failed}


@pytest.fixture
def links(users):
    """A link on X for the social manager's campaign (3 clicks) and one on Telegram with
    no campaign (none), both made at 09.00 WIB."""
    campaign = CampaignFactory(name="Festival Cisadane", owner=users["social"])
    on_x = SocialAccountFactory(network="x", handle="@kotatangerang")
    on_telegram = SocialAccountFactory(network="telegram", handle="@infotangerang")
    festival = post([on_x], campaign=campaign, link_url="https://tangerangkota.go.id/festival")
    festival_link = tracked_link_for(festival.deliveries.get())
    TrafficEvent.objects.bulk_create(
        TrafficEvent(kind="click", link=festival_link, occurred_at=timezone.now()) for _ in range(3)
    )
    kerja_bakti = post([on_telegram], text="Kerja bakti", link_url="https://tangerangkota.go.id/kb")
    kerja_bakti_link = tracked_link_for(kerja_bakti.deliveries.get())
    TrackedLink.objects.update(created_at=MADE_AT)
    return {"festival": festival_link, "kerja_bakti": kerja_bakti_link, "campaign": campaign}


def exported_csv(client, name: str, **query) -> list[list[str]]:
    response = client.get(reverse(f"{name}:index"), {**query, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def exported_xlsx(client, name: str, filename: str) -> list[tuple]:
    response = client.get(reverse(f"{name}:index"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'filename="{filename}"')
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def shown(client, name: str, **query) -> list:
    response = client.get(reverse(f"{name}:index"), query)
    assert response.status_code == 200
    return list(response.context["object_list"])


def test_runs_export_as_csv_filtered_in_indonesian_and_wib(client, users, runs):
    # given an analyst, with one good and one failed run
    client.force_login(users["analyst"])

    # when they download the failed runs as CSV
    heading, *rows = exported_csv(client, RUNS, status="failed")

    # then the failed run comes, with Indonesian headings, its time in WIB, and a message
    # that starts like a formula kept as text
    assert heading == [
        "Mulai (WIB)",
        "Selesai (WIB)",
        "Pengumpul",
        "Subjek",
        "Status",
        "Sampel",
        "Pesan",
    ]
    assert rows == [
        [
            "2026-11-05 09:05",
            "",
            "Instagram publik (instaloader)",
            "'@pemkotbogor",
            "Gagal",
            "0",
            "'=Profil tidak ditemukan",
        ]
    ]


def test_runs_export_as_xlsx_with_wib_times(client, users, runs):
    client.force_login(users["head"])

    heading, *rows = exported_xlsx(client, RUNS, "status-pengumpul.xlsx")

    # newest first, as on the page; the spreadsheet keeps the text as it is
    assert heading[:4] == ("Mulai (WIB)", "Selesai (WIB)", "Pengumpul", "Subjek")
    assert [row[:4] for row in rows] == [
        (
            datetime.datetime(2026, 11, 5, 9, 5),
            None,
            "Instagram publik (instaloader)",
            "@pemkotbogor",
        ),
        (
            datetime.datetime(2026, 11, 5, 9, 0),
            datetime.datetime(2026, 11, 5, 9, 0, 30),
            "Umpan berita (kliping)",
            "Warta Kota",
        ),
    ]
    assert rows[1][4:] == ("Berhasil", 12, "12 berita dibaca.")


def test_links_export_as_csv_with_the_short_link_its_post_and_clicks(client, users, links):
    client.force_login(users["analyst"])

    heading, *rows = exported_csv(client, LINKS, ordering="-clicks")

    assert heading == [
        "Tautan pendek",
        "Tujuan (dengan UTM)",
        "Jaringan",
        "Kampanye",
        "Unggahan",
        "Klik",
        "Dibuat (WIB)",
    ]
    festival, kerja_bakti = links["festival"], links["kerja_bakti"]
    assert rows == [
        [
            f"{settings.PUBLIC_BASE_URL}/l/{festival.code}",
            festival.target_url,
            "x",
            "Festival Cisadane",
            "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE",
            "3",
            "2026-11-05 09:00",
        ],
        [
            f"{settings.PUBLIC_BASE_URL}/l/{kerja_bakti.code}",
            kerja_bakti.target_url,
            "telegram",
            "",
            "Kerja bakti",
            "0",
            "2026-11-05 09:00",
        ],
    ]


def test_a_link_whose_post_is_gone_exports_with_an_empty_post(client, users, links):
    # given a link whose delivery was deleted with its post
    links["kerja_bakti"].delivery.post.delete()
    client.force_login(users["head"])

    # when the links are exported as XLSX
    heading, *rows = exported_xlsx(client, LINKS, "tautan-terlacak.xlsx")

    # then the link is still there, with no post
    by_code = {row[0].rsplit("/", 1)[-1]: dict(zip(heading, row, strict=True)) for row in rows}
    assert by_code[links["kerja_bakti"].code]["Unggahan"] is None
    assert by_code[links["festival"].code]["Klik"] == 3
    assert by_code[links["festival"].code]["Dibuat (WIB)"] == datetime.datetime(2026, 11, 5, 9)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"network": "x"}, ["festival"]),
        ({"network": ["x", "telegram"]}, ["festival", "kerja_bakti"]),
        ({"campaign": "CAMPAIGN"}, ["festival"]),
        ({"q": "/kb"}, ["kerja_bakti"]),
        ({"q": "CODE"}, ["festival"]),
    ],
)
def test_links_filter_by_network_and_campaign_and_search_by_code_or_target(
    client, users, links, query, expected
):
    client.force_login(users["analyst"])
    replace = {"CAMPAIGN": str(links["campaign"].pk), "CODE": links["festival"].code}
    query = {key: replace.get(str(value), value) for key, value in query.items()}

    found = shown(client, LINKS, **query)

    assert {link.pk for link in found} == {links[name].pk for name in expected}


@pytest.mark.parametrize("name", LISTINGS)
def test_no_add_edit_or_delete_views_exist(name):
    for view in ("add", "edit", "delete", "history", "usage", "copy", "inspect"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{name}:{view}", args=[] if view == "add" else [1])


@pytest.mark.parametrize("model", [CollectionRun, TrackedLink])
def test_even_a_superuser_may_only_view_in_the_admin(model, runs, links):
    # the admin's permission policy allows "view" only, to anyone, a superuser included
    assert_admin_may_only_view(model)


def test_the_group_editor_offers_reading_and_running_collectors_only():
    # given every permission the admin's view sets register for the group editor
    registered = set()
    for hook in hooks.get_hooks("register_permissions"):
        registered |= {f"{p.content_type.app_label}.{p.codename}" for p in hook().select_related()}

    # then the runs and links are read, and collectors run now; nothing is edited there
    assert {
        "insights.view_collectionrun",
        "insights.run_collector",
        "insights.view_trackedlink",
    } <= registered
    for model in ("collectionrun", "trackedlink"):
        for action in ("add", "change", "delete"):
            assert f"insights.{action}_{model}" not in registered


@pytest.mark.parametrize("name", LISTINGS)
def test_the_listing_offers_downloads_and_no_add_button(client, users, runs, links, name):
    client.force_login(users["head"])

    soup = BeautifulSoup(client.get(reverse(f"{name}:index")).content, "html.parser")

    links_in_header = [a["href"] for a in soup.select("header a[href]")]
    assert any("export=xlsx" in href for href in links_in_header)
    assert any("export=csv" in href for href in links_in_header)
    assert not [href for href in links_in_header if "/new/" in href]
    own = reverse(f"{name}:index")
    assert not soup.select(f"a[href^='{own}edit/'], a[href^='{own}delete/']")


@pytest.mark.parametrize("name", LISTINGS)
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("analyst", True), ("head", True), ("social", False), ("editor_koran", False)],
)
def test_only_measurement_roles_open_or_export_them(
    client, users, runs, links, name, role, allowed
):
    # given a person of the role (the social manager owns the festival campaign)
    client.force_login(users[role])

    # when they open the listing, or export it
    page = client.get(reverse(f"{name}:index"))
    export = client.get(reverse(f"{name}:index"), {"export": "csv"})

    # then both answer to the same permission, and so does the menu
    assert (page.status_code == 200, export.status_code == 200) == (allowed, allowed)
    if not allowed:
        assert export.url == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (f'"url": "{reverse(f"{name}:index")}"' in menu) == allowed


def test_measurers_read_the_links_of_every_campaign_not_only_their_own(client, users, links):
    # given the analyst, who owns no campaign
    client.force_login(users["analyst"])

    # then they read the links of the social manager's campaign and of none, for the office
    assert {link.pk for link in shown(client, LINKS)} == {
        links["festival"].pk,
        links["kerja_bakti"].pk,
    }
