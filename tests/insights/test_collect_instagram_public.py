"""The public Instagram collector, offline: instaloader's real ``Profile`` and ``Post`` parse
recorded nodes (tests/fixtures/instaloader), sockets are blocked so a node missing a key
(which makes instaloader fetch it) fails loudly, and only the fetch seam is replaced."""

import datetime
import json
import socket
from pathlib import Path

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.utils import timezone
from instaloader import (
    AbortDownloadException,
    ConnectionException,
    Post,
    Profile,
    ProfileNotExistsException,
    TooManyRequestsException,
)
from kombu.message import Message

from campaigns.models import DeliveryStatus, Notification
from insights.collectors import instagram_public
from insights.collectors.instagram_public import (
    active_subjects,
    collect_all,
    collect_instagram_public,
    run_instaloader_canary,
)
from insights.collectors.instaloader_client import Fetched, get_loader, reset_loader
from insights.collectors.store import RateLimited
from insights.models import CollectionRun, MetricSample, PeerAccount, RunStatus
from tests.campaigns.factories import SocialAccountFactory, post
from tests.mailbox import sent_mail

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "instaloader"
# 03.00 WIB on the 27th, still the 26th in UTC: samples are dated by the WIB day.
NOW = datetime.datetime(2026, 11, 26, 20, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 27)
LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}
# How a worker runs a task taken from the broker (not eager, not called directly).
WORKER_REQUEST = {
    "id": "from-beat",
    "retries": 0,
    "args": [],
    "kwargs": {},
    "called_directly": False,
}


class NetworkBlocked(RuntimeError):
    """Raised instead of reaching the internet: not an OSError, so nothing retries it."""


@pytest.fixture
def no_internet(monkeypatch):
    """Block every connection but local ones (PostgreSQL, Redis); fail the test if any was
    attempted, even if the code under test swallowed the error."""
    attempts = []
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOCAL_HOSTS:
            attempts.append(host)
            raise NetworkBlocked(f"network blocked in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if isinstance(address, tuple) and address[0] not in LOCAL_HOSTS:
            attempts.append(address[0])
            raise NetworkBlocked(f"network blocked in tests: {address[0]}")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield attempts
    assert not attempts, f"a test reached for the network: {attempts}"


@pytest.fixture(autouse=True)
def empty_instaloader_queue():
    """Retries are published to the broker: start each test from an empty queue, so the
    message a test takes is the one it caused."""
    from celery import current_app

    queue_name = settings.CELERY_TASK_ROUTES["insights.collect_instagram_public"]["queue"]
    with current_app.connection_for_write() as connection:
        connection.SimpleQueue(queue_name).clear()


@pytest.fixture
def loader(no_internet):
    """A fresh process client (its rate controller starts from zero), without the polite
    random pauses before requests."""
    reset_loader()
    client = get_loader()
    client.context.sleep = False
    yield client
    reset_loader()


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def recorded_fetch(*names: str, edit=None, calls=None):
    """The fetch seam answering from recorded nodes, parsed by instaloader's own classes.
    Like the real profile page request, each call counts against the rate controller."""

    def fetch(context, username):
        context._rate_controller.wait_before_query("other")
        if calls is not None:
            calls.append(username)
        for name in names:
            data = recorded(name)
            if data["profile"]["username"] == username:
                break
        else:
            raise ProfileNotExistsException(f"Profile {username} does not exist.")
        if edit:
            edit(data)
        profile = Profile(context, data["profile"])
        return Fetched(profile, (Post(context, node, profile) for node in data["posts"]))

    return fetch


def raising(error: BaseException):
    def fetch(context, username):
        raise error

    return fetch


def too_many_requests() -> ConnectionException:
    """What ``get_json`` raises after a 429 with one connection attempt."""
    try:
        try:
            raise TooManyRequestsException("429 Too Many Requests when accessing https://…")
        except TooManyRequestsException as cause:
            raise ConnectionException("JSON Query to api/v1/…: 429 Too Many Requests") from cause
    except ConnectionException as error:
        return error


def take_scheduled(task) -> Message:
    """The message a retry published, taken off the broker (so no worker ever runs it), from
    the queue the task is routed to (instaloader tasks have their own single-client queue)."""
    queue_name = settings.CELERY_TASK_ROUTES.get(task.name, {}).get("queue", "celery")
    with task.app.connection_for_read() as connection:
        queue = connection.SimpleQueue(queue_name)
        try:
            while True:
                message = queue.get(timeout=2)
                message.ack()
                if message.headers.get("task") == task.name:
                    return message
        finally:
            queue.close()


def samples(**filters) -> dict[tuple, int]:
    rows = MetricSample.objects.filter(**filters)
    return {(row.subject_kind, row.subject_id, row.metric): row.value for row in rows}


@pytest.fixture
def ours(db):
    return SocialAccountFactory(network="instagram", handle="@TangerangKota")


@pytest.fixture
def peer(db):
    return PeerAccount.objects.create(handle="pemkotbogor", display_name="Pemerintah Kota Bogor")


def published(account, *, remote_id="", permalink="", campaign=None):
    delivery = post([account], campaign=campaign).deliveries.get()
    delivery.status = DeliveryStatus.PUBLISHED
    delivery.remote_id, delivery.permalink = remote_id, permalink
    delivery.published_at = NOW - datetime.timedelta(days=2)
    delivery.save()
    return delivery


def test_counts_of_our_account_and_peer_are_written(loader, ours, peer):
    # when the collector reads both profiles
    outcome = collect_all(fetch=recorded_fetch("tangerangkota", "pemkotbogor"), now=NOW)
    # then followers, following and posts are stored for today (WIB), source instaloader
    written = samples(day=TODAY, source="instaloader")
    assert written[("account", ours.pk, "followers")] == 512340
    assert written[("account", ours.pk, "following")] == 312
    assert written[("account", ours.pk, "media_count")] == 8734
    assert written[("peer", peer.pk, "followers")] == 301200
    assert written[("peer", peer.pk, "media_count")] == 6021
    assert MetricSample.objects.get(subject_kind="account", metric="followers").account == ours
    # and each subject has its own successful run
    runs = CollectionRun.objects.filter(collector="instagram_public").order_by("subject")
    assert [(run.subject, run.status) for run in runs] == [
        ("@pemkotbogor", RunStatus.OK),
        ("@tangerangkota", RunStatus.OK),
    ]
    assert outcome.failed == 0 and outcome.retry_after is None


def test_recent_posts_are_summed_per_account_skipping_pinned_and_old_ones(loader, ours, peer):
    # given recorded posts: two pinned (one old, one recent), three recent, one 28 days old
    # when collected
    collect_all(fetch=recorded_fetch("tangerangkota", "pemkotbogor"), now=NOW)
    # then only the three recent unpinned posts count (2100+1520+980 likes, 85+48+22 comments)
    written = samples(day=TODAY)
    assert written[("account", ours.pk, "likes")] == 4600
    assert written[("account", ours.pk, "comments")] == 155
    assert written[("account", ours.pk, "video_views")] == 40210
    assert written[("peer", peer.pk, "likes")] == 640 + 1210
    assert written[("peer", peer.pk, "video_views")] == 15800


def test_posts_that_are_our_deliveries_get_their_own_samples(loader, ours):
    # given two of our published deliveries: one known by media id, one by permalink
    by_id = published(ours, remote_id="3513000000000000004")
    video = recorded("tangerangkota")["posts"][2]
    by_link = published(
        ours,
        remote_id="17890000000000001",
        permalink=f"https://www.instagram.com/reel/{video['shortcode']}/",
    )
    unrelated = published(ours, remote_id="17890000000000002")
    # when collected
    collect_all(fetch=recorded_fetch("tangerangkota"), now=NOW)
    # then each matched delivery has today's likes, comments (and views for the video)
    written = samples(subject_kind="delivery", day=TODAY)
    assert written == {
        ("delivery", by_id.pk, "likes"): 1520,
        ("delivery", by_id.pk, "comments"): 48,
        ("delivery", by_link.pk, "likes"): 2100,
        ("delivery", by_link.pk, "comments"): 85,
        ("delivery", by_link.pk, "video_views"): 40210,
    }
    assert not MetricSample.objects.filter(subject_kind="delivery", subject_id=unrelated.pk)


def test_collecting_twice_the_same_day_keeps_one_row_with_the_same_numbers(loader, ours, peer):
    fetch = recorded_fetch("tangerangkota", "pemkotbogor")
    # given a first collection
    collect_all(fetch=fetch, now=NOW)
    first = samples()
    count = MetricSample.objects.count()
    # when the same day is collected again
    collect_all(fetch=fetch, now=NOW + datetime.timedelta(hours=6))
    # then nothing doubles
    assert samples() == first
    assert MetricSample.objects.count() == count


@pytest.mark.parametrize(
    "error",
    [
        too_many_requests(),
        # The profile page answers a 429 without the TooManyRequests cause.
        ConnectionException("429 Too Many Requests when accessing https://www.instagram.com/x/"),
        ConnectionException(
            'JSON Query to graphql/query: 401 Unauthorized - "fail" status, message '
            '"Please wait a few minutes before you try again." when accessing https://…'
        ),
    ],
    ids=["429-json", "429-page", "401-please-wait"],
)
def test_refusal_is_rate_limited_and_retried_later_without_zeroing(loader, ours, peer, error):
    # given counts collected yesterday
    collect_all(fetch=recorded_fetch("tangerangkota", "pemkotbogor"), now=NOW)
    before = samples()
    # when Instagram refuses today
    outcome = collect_all(fetch=raising(error), now=NOW + datetime.timedelta(days=1))
    # then the first run is rate limited, the loop stops, both subjects wait for the retry
    run = CollectionRun.objects.filter(collector="instagram_public").first()
    assert run.status == RunStatus.RATE_LIMITED
    assert "dicoba lagi" in run.message
    assert outcome.retry_after == 15 * 60
    assert outcome.pending == [f"account:{ours.pk}", f"peer:{peer.pk}"]
    assert CollectionRun.objects.filter(started_at__gt=run.started_at).count() == 0
    # and nothing was written or zeroed
    assert samples() == before


def test_exhausted_rate_budget_raises_instead_of_sleeping(loader, ours, peer):
    # given a process client that already made 75 page requests in 11 minutes
    for _ in range(75):
        loader.context._rate_controller.wait_before_query("other")
    # when the next one is due
    with pytest.raises(RateLimited) as raised:
        loader.context._rate_controller.wait_before_query("other")
    # then instaloader's own wait becomes "come back in ~11 minutes", not a sleep
    assert 600 < raised.value.retry_after <= 666


def test_rate_limited_task_schedules_a_retry_of_the_rest(loader, ours, peer, monkeypatch):
    # given a client whose budget runs out after the first profile
    calls = []
    monkeypatch.setattr(
        instagram_public, "FETCH", recorded_fetch("tangerangkota", "pemkotbogor", calls=calls)
    )
    for _ in range(74):
        loader.context._rate_controller.wait_before_query("other")
    # when the beat task runs in a worker
    collect_instagram_public.push_request(**WORKER_REQUEST)
    try:
        with pytest.raises(Retry) as raised:
            collect_instagram_public.run()
    finally:
        collect_instagram_public.pop_request()
    # then our account was collected, and the peer is retried after the wait, not now
    assert calls == ["tangerangkota"]
    assert 600 < raised.value.when <= 667
    message = take_scheduled(collect_instagram_public)
    _, kwargs, _ = message.decode()
    assert kwargs == {"pending": [f"peer:{peer.pk}"]}
    eta = datetime.datetime.fromisoformat(message.headers["eta"])
    assert 590 < (eta - timezone.now()).total_seconds() <= 667
    statuses = dict(CollectionRun.objects.values_list("subject", "status"))
    assert statuses == {"@tangerangkota": RunStatus.OK, "@pemkotbogor": RunStatus.RATE_LIMITED}


def test_deleted_profile_fails_with_a_message_and_keeps_earlier_samples(loader, ours, peer):
    # given counts collected yesterday
    collect_all(fetch=recorded_fetch("tangerangkota", "pemkotbogor"), now=NOW)
    before = samples()
    # when our account's profile no longer exists (the peer still does)
    collect_all(fetch=recorded_fetch("pemkotbogor"), now=NOW + datetime.timedelta(days=1))
    # then its run failed with a clear message, shown on the account too
    run = CollectionRun.objects.filter(subject="@tangerangkota").first()
    assert run.status == RunStatus.FAILED
    assert "tidak ditemukan di Instagram" in run.message
    ours.refresh_from_db()
    assert "@tangerangkota tidak ditemukan" in ours.last_error
    assert ours.last_error_at is not None
    # and the peer was still collected, and nothing of yesterday changed
    assert CollectionRun.objects.filter(subject="@pemkotbogor").first().status == RunStatus.OK
    assert samples(day=TODAY) == before


def test_success_clears_only_the_collectors_own_error_on_the_account(loader, ours):
    # given an earlier failure noted on the account
    collect_all(fetch=raising(ProfileNotExistsException("gone")), now=NOW)
    ours.refresh_from_db()
    assert ours.last_error
    # when the profile is read again
    collect_all(fetch=recorded_fetch("tangerangkota"), now=NOW)
    # then the note is gone
    ours.refresh_from_db()
    assert (ours.last_error, ours.last_error_at) == ("", None)


def test_private_profile_gives_counts_only_and_says_why(loader, db):
    # given a private peer
    private = PeerAccount.objects.create(handle="kelurahan.sukaasih", display_name="Sukaasih")
    # when collected
    collect_all(fetch=recorded_fetch("kelurahan_privat"), now=NOW)
    # then its public counts are kept, and the run says why there are no post numbers
    run = CollectionRun.objects.get()
    assert run.status == RunStatus.PARTIAL
    assert "privat" in run.message
    assert samples() == {
        ("peer", private.pk, "followers"): 1840,
        ("peer", private.pk, "following"): 95,
        ("peer", private.pk, "media_count"): 214,
    }


def test_checkpoint_fails_the_run_and_stops_asking(loader, ours, peer):
    # when Instagram answers with a checkpoint (not an InstaloaderException)
    error = AbortDownloadException('400 Bad Request - "fail" status, message "checkpoint_required"')
    outcome = collect_all(fetch=raising(error), now=NOW)
    # then the run failed with what to do, and no further profile was asked for
    run = CollectionRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "checkpoint" in run.message and "berkas sesi" in run.message
    assert outcome.stopped and outcome.retry_after is None
    assert not MetricSample.objects.exists()


def test_incomplete_fixture_reaches_for_the_network_and_fails_loudly(loader, no_internet, ours):
    # given a recorded profile without its follower count
    def drop_followers(data):
        del data["profile"]["edge_followed_by"]

    # when collected
    collect_all(fetch=recorded_fetch("tangerangkota", edit=drop_followers), now=NOW)
    # then instaloader tried Instagram, the socket guard stopped it, and the run says so
    assert no_internet == ["www.instagram.com"]
    no_internet.clear()
    run = CollectionRun.objects.get()
    assert run.status == RunStatus.FAILED
    assert "NetworkBlocked" in run.message  # named, in a plain Indonesian sentence


def test_inactive_and_other_network_accounts_are_not_read(loader, ours, peer):
    SocialAccountFactory(network="facebook", handle="@tangerangkota.fb")
    SocialAccountFactory(network="instagram", handle="@lama", is_active=False)
    PeerAccount.objects.create(handle="pemkotdepok", display_name="Depok", is_active=False)
    assert [s.handle for s in active_subjects()] == ["tangerangkota", "pemkotbogor"]


# The canary


def test_canary_reads_the_canary_peer_and_records_ok(loader, users, monkeypatch):
    PeerAccount.objects.create(handle="instagram", display_name="Instagram", is_canary=True)
    monkeypatch.setattr(instagram_public, "FETCH", recorded_fetch("instagram"))
    assert run_instaloader_canary.apply().get() == RunStatus.OK
    run = CollectionRun.objects.get(collector="canary")
    assert (run.subject, run.status) == ("@instagram", RunStatus.OK)
    assert "690412345 pengikut" in run.message
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "error",
    [
        ProfileNotExistsException("Profile instagram does not exist."),
        ConnectionException("JSON Query to graphql/query: 401 Unauthorized when accessing …"),
        KeyError("xig_user_by_username"),
    ],
    ids=["format-changed", "query-id-retired", "parser-broke"],
)
def test_canary_failure_tells_the_heads_to_upgrade(loader, users, monkeypatch, settings, error):
    # given no canary peer: the configured profile is read
    settings.INSTALOADER_CANARY_PROFILE = "instagram"
    monkeypatch.setattr(instagram_public, "FETCH", raising(error))
    # when the canary runs and cannot read it
    assert run_instaloader_canary.apply().get() == RunStatus.FAILED
    # then a failed run is recorded and the head of Humas is told
    run = CollectionRun.objects.get(collector="canary")
    assert run.status == RunStatus.FAILED and run.message
    # in plain Indonesian: the library's own words stay in the technical log
    assert str(error).strip("'") not in run.message
    notes = Notification.objects.all()
    assert [note.recipient for note in notes] == [users["head"]]
    assert "perlu diperbarui" in notes[0].subject
    assert "@instagram" in notes[0].body
    assert sent_mail() and "perlu diperbarui" in sent_mail()[0].subject


def test_rate_limited_canary_is_retried_not_reported(loader, users, monkeypatch):
    monkeypatch.setattr(instagram_public, "FETCH", raising(too_many_requests()))
    run_instaloader_canary.push_request(**WORKER_REQUEST)
    try:
        with pytest.raises(Retry) as raised:
            run_instaloader_canary.run()
    finally:
        run_instaloader_canary.pop_request()
    assert raised.value.when == 15 * 60
    assert take_scheduled(run_instaloader_canary).headers["retries"] == 1
    assert CollectionRun.objects.get(collector="canary").status == RunStatus.RATE_LIMITED
    assert not Notification.objects.exists()
