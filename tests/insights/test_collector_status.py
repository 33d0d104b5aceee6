"""The measurement admin of the collectors: peer accounts, and "Status pengumpul", where every
run and each collector's latest outcome explain the gaps in the charts."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import NoReverseMatch, reverse

from insights.models import CollectionRun, PeerAccount, RunStatus

STATUS = "campaigns_collector_status:index"
PEERS = "campaigns_peeraccount:index"
UTC = datetime.UTC


def run(collector, status, started, subject="", message="", samples=0) -> CollectionRun:
    return CollectionRun.objects.create(
        collector=collector,
        status=status,
        subject=subject,
        message=message,
        samples_written=samples,
        started_at=started,
        finished_at=started + datetime.timedelta(seconds=5),
    )


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def listing_rows(soup) -> list[str]:
    table = soup.select("table.listing:not([data-collector-summary]) tbody tr")
    return [" ".join(row.get_text(" ").split()) for row in table]


@pytest.fixture
def analyst(client, users):
    client.force_login(users["analyst"])
    return client


@pytest.fixture
def clock():
    """08.00 WIB on 27 November 2026 (the "last 24 hours" count depends on it)."""
    with time_machine.travel(datetime.datetime(2026, 11, 27, 1, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def runs(db, clock):
    """Two instaloader runs (the later one failed) and one news-feed run."""
    day = datetime.datetime(2026, 11, 26, 23, 15, tzinfo=UTC)  # 06.15 WIB on the 27th
    return {
        "ig_ok": run(
            "instagram_public", RunStatus.OK, day, "@pemkotbogor", "2 unggahan terbaru dibaca.", 9
        ),
        "ig_failed": run(
            "instagram_public",
            RunStatus.FAILED,
            day + datetime.timedelta(minutes=1),
            "@tangerangkota",
            "Profil @tangerangkota tidak ditemukan di Instagram.",
        ),
        "feeds": run("news_feeds", RunStatus.RATE_LIMITED, day - datetime.timedelta(hours=2)),
    }


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("analyst", True), ("head", True), ("social", False), ("editor_koran", False)],
)
def test_only_measurers_see_collector_status_and_peers(client, users, runs, role, allowed):
    # given a user of the role
    client.force_login(users[role])
    for name in (STATUS, PEERS):
        # when they open the page
        response = client.get(reverse(name))
        # then measurers read it; everyone else is sent back to the admin home
        if allowed:
            assert response.status_code == 200
        else:
            assert response.status_code == 302
            assert response.url == reverse("wagtailadmin_home")
    # and the menu offers the pages to measurers only
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse(STATUS) in menu) is allowed
    assert (reverse(PEERS) in menu) is allowed


def test_runs_are_listed_newest_first_in_wib(analyst, runs):
    rows = listing_rows(soup_of(analyst.get(reverse(STATUS))))
    assert len(rows) == 3
    assert rows[0].startswith("27 Nov 2026 06.16 WIB Instagram publik (instaloader) @tangerangkota")
    assert "Gagal" in rows[0] and "tidak ditemukan" in rows[0]
    assert rows[2].startswith("27 Nov 2026 04.15 WIB Umpan berita (kliping)")


@pytest.mark.parametrize(
    ("query", "subjects"),
    [
        ({"collector": "instagram_public"}, ["@tangerangkota", "@pemkotbogor"]),
        ({"status": "failed"}, ["@tangerangkota"]),
        ({"collector": "news_feeds", "status": "rate_limited"}, [""]),
        ({"collector": "canary"}, []),
    ],
)
def test_runs_filter_by_collector_and_status(analyst, runs, query, subjects):
    response = analyst.get(reverse(STATUS), query)
    shown = [row.subject for row in response.context["object_list"]]
    assert shown == subjects


def test_summary_shows_each_collectors_latest_run_and_last_success(analyst, runs):
    soup = soup_of(analyst.get(reverse(STATUS)))
    summary = {
        row["data-collector"]: " ".join(row.get_text(" ").split())
        for row in soup.select("[data-collector-summary] tbody tr")
    }
    assert set(summary) == {"instagram_public", "news_feeds"}
    # the latest Instagram run failed: its message, and when it last worked
    assert summary["instagram_public"] == (
        "Instagram publik (instaloader) Gagal @tangerangkota 27 Nov 2026 06.16 WIB "
        "27 Nov 2026 06.15 WIB 1 Profil @tangerangkota tidak ditemukan di Instagram."
    )
    assert "Dibatasi platform" in summary["news_feeds"]
    assert "belum pernah" in summary["news_feeds"]


def test_status_is_read_only(analyst, runs):
    soup = soup_of(analyst.get(reverse(STATUS)))
    assert not soup.select("a[href*='/add/'], a[href*='/edit/'], a[href*='/delete/']")
    for action in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"campaigns_collector_status:{action}", args=[runs["feeds"].pk])


def test_analyst_adds_a_peer_but_cannot_delete_it(analyst):
    # when an analyst adds a peer account
    response = analyst.post(
        reverse("campaigns_peeraccount:add"),
        {
            "handle": "pemkotdepok",
            "display_name": "Pemerintah Kota Depok",
            "peer_set": "kota-pembanding-2026",
            "is_active": "on",
        },
    )
    # then it is stored and listed
    assert response.status_code == 302
    peer = PeerAccount.objects.get(handle="pemkotdepok")
    assert "pemkotdepok" in analyst.get(reverse(PEERS)).content.decode()
    # and deleting is refused (deactivate instead: its series stays)
    response = analyst.post(reverse("campaigns_peeraccount:delete", args=[peer.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert PeerAccount.objects.filter(pk=peer.pk).exists()
