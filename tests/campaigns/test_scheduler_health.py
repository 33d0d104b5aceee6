"""Scheduler health from the database: the age of the last dispatch tick, and the deliveries
that show a stopped beat or a worker that does not keep up. Tick interval: 10 seconds, so a
tick older than 30 s is late, older than 100 s (or none) means the beat stopped."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from campaigns import clock
from campaigns.health import HEALTHY, LATE, STOPPED, scheduler_health
from campaigns.models import Delivery, DeliveryStatus, SchedulerHeartbeat
from tests.campaigns.factories import SocialAccountFactory, post

CHECK_BEAT = "Periksa proses celery beat."
NOW = datetime.datetime(2031, 3, 5, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def ten_second_ticks(settings):
    settings.DISPATCH_TICK_SECONDS = 10
    settings.DISPATCH_PUBLISH_TIMEOUT_SECONDS = 300


def seconds(n: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=n)


def heartbeat(age_seconds: float) -> None:
    SchedulerHeartbeat.objects.create(name="dispatch", last_run_at=NOW - seconds(age_seconds))


def delivery_in(status: str, **fields) -> Delivery:
    item = post([SocialAccountFactory()], scheduled_at=NOW)
    item.deliveries.update(status=status, **fields)
    return item.deliveries.get()


@pytest.mark.parametrize(
    ("age", "status"),
    [
        (None, STOPPED),  # never ticked
        (0, HEALTHY),
        (30, HEALTHY),  # exactly 3 intervals: still fine
        (31, LATE),
        (100, LATE),  # exactly 10 intervals: still only late
        (101, STOPPED),
        (86_400, STOPPED),
    ],
)
def test_status_follows_the_age_of_the_last_tick(db, age, status):
    # given the last tick ``age`` seconds ago (or none) and nothing waiting
    if age is not None:
        heartbeat(age)
    # when health is computed
    health = scheduler_health(now=NOW)
    # then the status follows the age alone
    assert health.status == status
    assert health.tick_age_seconds == age


@pytest.mark.parametrize(
    ("age", "reason"),
    [
        (None, "Penjadwal (celery beat) belum pernah berjalan."),
        (45, "Detak terakhir 45 detik lalu; seharusnya tiap 10 detik. " + CHECK_BEAT),
        (600, "Detak terakhir 10 menit lalu; seharusnya tiap 10 detik. " + CHECK_BEAT),
    ],
)
def test_reason_is_given_in_plain_words(db, age, reason):
    if age is not None:
        heartbeat(age)
    assert scheduler_health(now=NOW).reasons == [reason]


def test_counts_are_worked_out_from_the_deliveries(db, django_assert_num_queries):
    # given a fresh tick (5 s ago) and deliveries in every state that matters
    heartbeat(5)
    delivery_in(DeliveryStatus.SCHEDULED, due_at=NOW - seconds(5))  # due, not yet late
    delivery_in(DeliveryStatus.SCHEDULED, due_at=NOW - seconds(60))  # due and late (> 20 s)
    delivery_in(DeliveryStatus.RETRY_WAIT, due_at=NOW - seconds(25))  # due and late
    delivery_in(DeliveryStatus.SCHEDULED, due_at=NOW + seconds(60))  # not due
    delivery_in(DeliveryStatus.CHECKING, due_at=NOW - seconds(1))  # due reconcile check
    delivery_in(DeliveryStatus.UNCONFIRMED, due_at=None)  # waits for a person
    delivery_in(DeliveryStatus.HELD)
    delivery_in(DeliveryStatus.FAILED, updated_at=NOW - datetime.timedelta(hours=2))
    delivery_in(DeliveryStatus.FAILED, updated_at=NOW - datetime.timedelta(hours=30))
    delivery_in(DeliveryStatus.CLAIMED, claimed_at=NOW - seconds(120))  # no worker took it
    delivery_in(DeliveryStatus.CLAIMED, claimed_at=NOW - seconds(10))
    delivery_in(DeliveryStatus.PUBLISHING, claimed_at=NOW - seconds(400))  # overstayed
    delivery_in(DeliveryStatus.PUBLISHING, claimed_at=NOW - seconds(100))
    delivery_in(DeliveryStatus.PUBLISHED)
    # when health is computed
    with django_assert_num_queries(2):
        health = scheduler_health(now=NOW)
    # then each count is what the rows say
    counts = {
        name: getattr(health, name)
        for name in ("due_now", "late", "unconfirmed", "held", "failed_24h", "stuck")
    }
    assert counts == {
        "due_now": 4,
        "late": 2,
        "unconfirmed": 2,
        "held": 1,
        "failed_24h": 1,
        "stuck": 2,
    }
    # and a ticking beat with late and stuck rows is still a warning, with the reasons
    assert health.status == LATE
    assert health.reasons == [
        "2 pengiriman sudah lewat waktunya tetapi belum diambil.",
        "2 pengiriman menunggu pekerja terlalu lama. Periksa proses celery worker.",
    ]


def test_a_real_tick_makes_the_scheduler_healthy(db):
    # given the beat has never run
    assert scheduler_health().status == STOPPED
    # when the dispatch tick runs
    clock.tick()
    # then the scheduler is healthy, with the tick's time
    health = scheduler_health()
    assert health.status == HEALTHY
    assert health.last_tick_at == SchedulerHeartbeat.objects.get(name="dispatch").last_run_at


@pytest.mark.parametrize("role", ["social", "analyst", "head"])
def test_dashboard_shows_the_health_panel(client, users, role):
    # given the beat has stopped
    client.force_login(users[role])
    # when the dashboard is opened
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser")
    banner = soup.select_one("#benteng-scheduler-health-section [data-health]")
    # then the panel says so
    assert banner["data-health"] == "berhenti"
    assert "belum pernah" in banner.get_text()


def test_dashboard_of_a_newspaper_editor_has_no_health_panel(client, users):
    client.force_login(users["editor_koran"])
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert b"benteng-scheduler-health" not in response.content


@pytest.mark.parametrize(
    "name",
    ["campaigns_calendar:index", "campaigns_deliveries:index", "campaigns_delivery_log:index"],
)
def test_health_is_shown_above_the_calendar_listing_and_log(client, users, name):
    # given a beat that last ticked 10 minutes ago
    SchedulerHeartbeat.objects.create(
        name="dispatch", last_run_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    client.force_login(users["social"])
    # when the page is shown
    soup = BeautifulSoup(client.get(reverse(name)).content.decode(), "html.parser")
    banner = soup.select_one("[data-health]")
    # then it says the scheduler has stopped, and since when
    assert banner["data-health"] == "berhenti"
    assert "Penjadwal: Berhenti" in banner.get_text()
    assert "(10 menit lalu)" in " ".join(banner.get_text().split())
