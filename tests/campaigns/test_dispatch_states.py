"""The dispatcher's state machine, in-process: each answer, or each lapse of time, leads a
delivery to one next state, with the numbers (due times, attempts) and the people told.

No worker here: the tick runs as beat runs it and ``run_delivery`` as the worker would,
against a local webhook receiver (pytest-httpserver) or a fake platform (tests/fakes).
"""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from werkzeug import Response

from campaigns import approvals, clock, dispatch, holds
from campaigns.models import (
    AccountStatus,
    ApprovalDecision,
    AttemptOutcome,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
    Notification,
    PostStatus,
)
from tests.campaigns.factories import approved_post, post
from tests.fakes.outbound import allow
from tests.mailbox import sent_mail

PATH = "/city-app/posts"
LOOKUP = re.compile(f"^{PATH}/[0-9a-f-]+$")  # GET <url>/<idempotency key>


@pytest.fixture(autouse=True)
def account_owner(webhook_account, users):
    """The account's owner is told of its failures (with the author and the head of Humas)."""
    webhook_account.owner = users["analyst"]
    webhook_account.save()


@pytest.fixture
def receiver(httpserver, webhook_account):
    webhook_account.external_id = httpserver.url_for(PATH)
    webhook_account.save()
    return httpserver


@pytest.fixture(autouse=True)
def dispatcher_settings(settings):
    """The production defaults, whatever the environment says."""
    settings.DISPATCH_RETRY_BASE_SECONDS = 30
    settings.DISPATCH_RETRY_MAX_SECONDS = 3600
    settings.DISPATCH_MAX_ATTEMPTS = 5
    settings.DISPATCH_MISSED_AFTER_MINUTES = 60
    settings.DISPATCH_CLAIM_TIMEOUT_SECONDS = 300
    settings.DISPATCH_PUBLISH_TIMEOUT_SECONDS = 300
    settings.DISPATCH_RECONCILE_AFTER_SECONDS = 60
    settings.DISPATCH_MAX_RECONCILE_CHECKS = 5
    return settings


def due_delivery(account, users, **kwargs) -> Delivery:
    kwargs.setdefault("send_now", True)
    approved = approved_post([account], submitter=users["social"], approver=users["head"], **kwargs)
    return approved.deliveries.get()


def run_due(delivery: Delivery) -> str:
    """One beat (at the delivery's due time) and one worker run of what it claimed."""
    claimed = clock.tick(now=max(timezone.now(), delivery.due_at)).claimed
    assert claimed == [delivery.pk]
    outcome = dispatch.run_delivery(delivery.pk)
    delivery.refresh_from_db()
    return outcome


def seconds_until_due(delivery: Delivery, since) -> int | None:
    return None if delivery.due_at is None else round((delivery.due_at - since).total_seconds())


def told(subject_start: str) -> set[str]:
    """Who got an admin notification, and who an e-mail, with this subject."""
    notified = set(
        Notification.objects.filter(subject__startswith=subject_start).values_list(
            "recipient__username", flat=True
        )
    )
    mailed = {m.to[0].split("@")[0] for m in sent_mail() if m.subject.startswith(subject_start)}
    assert notified == mailed
    return notified


# --- what the receiver answers ---------------------------------------------------------------

ANSWERS = {
    # answer: (status, headers) → delivery status, attempt outcome, due in (s), account status
    "201 accepted": (201, {}, "published", "published", None, "connected"),
    "429 with Retry-After": (429, {"Retry-After": "90"}, "retry_wait", "retry", 90, "connected"),
    "429 without Retry-After": (429, {}, "retry_wait", "retry", 30, "connected"),
    "408 request timeout": (408, {}, "retry_wait", "retry", 30, "connected"),
    "500 server error": (500, {}, "retry_wait", "retry", 30, "connected"),
    "503 with Retry-After": (503, {"Retry-After": "600"}, "retry_wait", "retry", 600, "connected"),
    "401 bad signature": (401, {}, "held", "reconnect", None, "needs_reconnect"),
    "403 forbidden": (403, {}, "held", "reconnect", None, "needs_reconnect"),
    "400 bad request": (400, {}, "failed", "failed", None, "connected"),
    "422 content refused": (422, {}, "failed", "failed", None, "connected"),
}


@pytest.mark.parametrize(
    ("code", "headers", "status", "outcome", "due_in", "account_status"),
    ANSWERS.values(),
    ids=ANSWERS.keys(),
)
def test_receiver_answer_decides_the_next_state(
    code, headers, status, outcome, due_in, account_status, receiver, webhook_account, users
):
    # given a delivery due now, and a receiver that answers with ``code``
    body = {"id": "app-7", "url": "https://app.tangerangkota.go.id/p/7"}
    if code >= 300:
        body = {"error": "Jawaban penerima nomor 7"}
    receiver.expect_request(PATH, method="POST").respond_with_json(body, code, headers)
    delivery = due_delivery(webhook_account, users)
    # when the tick claims it and the worker runs it
    tried_at = timezone.now()
    run_due(delivery)
    webhook_account.refresh_from_db()
    # then
    attempt = delivery.attempts.get()
    assert (delivery.status, attempt.outcome) == (status, outcome)
    assert seconds_until_due(delivery, tried_at) == due_in
    assert webhook_account.status == account_status
    assert delivery.attempt_count == 1
    assert not delivery.needs_reconcile
    if code >= 300:
        assert attempt.http_status == code
        assert "Jawaban penerima nomor 7" in delivery.status_reason
        assert "Jawaban penerima nomor 7" in attempt.message


def test_answer_after_the_read_timeout_is_checked_not_retried(
    receiver, webhook_account, users, settings
):
    # given a receiver that takes longer than the read timeout to answer
    settings.NETWORK_READ_TIMEOUT = 1
    receiver.expect_request(PATH, method="POST").respond_with_handler(
        lambda request: time.sleep(1.5) or Response("{}", 201)
    )
    delivery = due_delivery(webhook_account, users)
    # when the worker runs it
    tried_at = timezone.now()
    assert run_due(delivery) == "unknown"
    # then it waits to be reconciled, not re-sent
    assert delivery.status == DeliveryStatus.CHECKING
    assert delivery.needs_reconcile
    assert 60 <= seconds_until_due(delivery, tried_at) <= 62  # the wait started the second
    assert delivery.attempts.get().outcome == AttemptOutcome.UNKNOWN


def test_unreachable_receiver_is_retried_later(webhook_account, users, settings):
    # given a receiver that nobody listens for (the request cannot have arrived)
    webhook_account.external_id = "http://127.0.0.1:9/city-app/posts"
    webhook_account.save()
    allow(settings, webhook_account.external_id)
    delivery = due_delivery(webhook_account, users)
    tried_at = timezone.now()
    # when the worker runs it
    assert run_due(delivery) == "retry"
    # then a plain retry after the base wait
    assert delivery.status == DeliveryStatus.RETRY_WAIT
    assert seconds_until_due(delivery, tried_at) == 30


# --- retries, attempts and who is told --------------------------------------------------------


def test_retry_back_off_doubles_to_the_cap_then_fails_and_tells_people(
    receiver, webhook_account, users, settings
):
    # given a receiver that is down for good, and back-off capped at 100 s
    settings.DISPATCH_RETRY_MAX_SECONDS = 100
    receiver.expect_request(PATH, method="POST").respond_with_json(
        {"error": "Server sedang perawatan"}, 503
    )
    delivery = due_delivery(webhook_account, users)
    # when each try falls due and fails
    waits = []
    for _ in range(5):
        tried_at = timezone.now()
        run_due(delivery)
        waits.append(seconds_until_due(delivery, tried_at))
    # then the waits double up to the cap, and the fifth failure is final
    assert waits == [30, 60, 100, 100, None]
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempt_count == 5
    assert "Gagal setelah 5 percobaan" in delivery.status_reason
    assert "Server sedang perawatan" in delivery.status_reason
    # and the author, the account's owner and the head of Humas are told, once each
    assert told("Gagal mengirim") == {"social", "analyst", "head"}
    assert all("webhook-rahasia" not in m.body for m in sent_mail())
    # and a person can try again: a fresh set of attempts
    approvals.retry_delivery(delivery, users["social"])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempt_count) == (DeliveryStatus.SCHEDULED, 0)


def test_quota_wait_does_not_use_an_attempt(fake_instagram, users):
    # given an Instagram account whose publishing quota for the day is used up
    fake_instagram.exhaust_quota()
    delivery = due_delivery(fake_instagram.account, users, images=1)
    # when the worker runs it
    tried_at = timezone.now()
    assert run_due(delivery) == "wait"
    # then it waits for the quota window without spending an attempt or calling create
    assert delivery.status == DeliveryStatus.RETRY_WAIT
    assert delivery.attempt_count == 0
    assert delivery.attempts.get().outcome == AttemptOutcome.WAITING
    assert seconds_until_due(delivery, tried_at) > 0
    assert fake_instagram.created == []


def test_account_needing_reconnect_holds_a_claimed_delivery_without_sending(
    receiver, webhook_account, users
):
    # given a delivery claimed before its account's token was found invalid
    delivery = due_delivery(webhook_account, users)
    assert clock.tick().claimed == [delivery.pk]
    webhook_account.mark_needs_reconnect("Token kedaluwarsa")
    # when the worker runs it
    assert dispatch.run_delivery(delivery.pk) == "held"
    # then it is held, and nothing was sent
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.HELD
    assert delivery.attempts.count() == 0
    assert len(receiver.log) == 0


# --- reconcile -------------------------------------------------------------------------------


def awaiting_check(delivery: Delivery) -> Delivery:
    """As a crash after sending leaves it (what the sweep makes of a stuck publish)."""
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.CHECKING, needs_reconcile=True, due_at=timezone.now()
    )
    delivery.refresh_from_db()
    return delivery


def test_reconcile_exhausted_leaves_it_unconfirmed_with_no_due_time_and_tells_people(
    receiver, webhook_account, users, settings
):
    # given a delivery awaiting its check, and a receiver that cannot say whether it has it
    settings.DISPATCH_MAX_RECONCILE_CHECKS = 3
    receiver.expect_request(PATH, method="POST").respond_with_json({"id": "app-1"}, 201)
    receiver.expect_request(LOOKUP, method="GET").respond_with_json(
        {"error": "Basis data sibuk"}, 503
    )
    delivery = awaiting_check(due_delivery(webhook_account, users))
    # when each check falls due and fails
    waits = []
    for _ in range(3):
        tried_at = timezone.now()
        assert run_due(delivery) == "unknown"
        waits.append(seconds_until_due(delivery, tried_at))
    # then the checks space out, the last leaves it for a person, and nothing was re-sent
    assert waits == [120, 180, None]
    assert delivery.status == DeliveryStatus.UNCONFIRMED
    assert "Belum pasti terbit" in delivery.status_reason
    assert [r.method for r, _ in receiver.log] == ["GET", "GET", "GET"]
    assert delivery.attempt_count == 0
    assert told("Belum pasti terbit") == {"social", "analyst", "head"}


@pytest.mark.parametrize(
    ("lookup", "status", "posts_sent"),
    [(200, DeliveryStatus.PUBLISHED, 0), (404, DeliveryStatus.PUBLISHED, 1)],
    ids=["receiver has it: recorded", "receiver has not: sent now"],
)
def test_reconcile_asks_before_sending(
    lookup, status, posts_sent, receiver, webhook_account, users
):
    # given a delivery awaiting its check
    receiver.expect_request(LOOKUP, method="GET").respond_with_json(
        {"id": "app-9", "url": "https://app.tangerangkota.go.id/p/9"}
        if lookup == 200
        else {"error": "tidak ada"},
        lookup,
    )
    receiver.expect_request(PATH, method="POST").respond_with_json({"id": "app-10"}, 201)
    delivery = awaiting_check(due_delivery(webhook_account, users))
    # when its reconcile falls due
    run_due(delivery)
    # then it asked first, and only sent what the receiver certainly did not have
    assert delivery.status == status
    assert [r.method for r, _ in receiver.log] == ["GET"] + ["POST"] * posts_sent
    assert delivery.remote_id == ("app-9" if lookup == 200 else "app-10")
    assert not delivery.needs_reconcile


# --- time: the missed window, expired approvals, stuck rows -----------------------------------


@pytest.mark.parametrize(
    ("late_by", "status"),
    [(timedelta(minutes=59), DeliveryStatus.CLAIMED), (timedelta(minutes=61), "missed")],
    ids=["inside the window: sent late", "beyond the window: missed"],
)
def test_missed_window(late_by, status, webhook_account, users, django_capture_on_commit_callbacks):
    # given a delivery scheduled for a time the dispatcher slept through
    delivery = due_delivery(
        webhook_account, users, send_now=False, scheduled_at=timezone.now() + timedelta(hours=1)
    )
    # when the tick finally runs
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = clock.tick(now=delivery.scheduled_for + late_by)
    delivery.refresh_from_db()
    # then inside the window it is claimed; beyond it, stale news is not sent
    assert delivery.status == status
    assert result.missed == (status == "missed")
    if status == "missed":
        assert delivery.due_at is None
        assert "60 menit" in delivery.status_reason
        for callback in callbacks:
            callback()  # after commit: the notifications (the enqueue has nothing to send)
        assert told("Terlewat") == {"social", "analyst", "head"}


def test_delivery_awaiting_its_check_is_checked_even_beyond_the_missed_window(
    webhook_account, users
):
    # given a delivery awaiting its check whose post was due long ago
    delivery = awaiting_check(due_delivery(webhook_account, users))
    # when the tick runs two hours later
    result = clock.tick(now=timezone.now() + timedelta(hours=2))
    # then it is still claimed for its check: it may already be out there
    assert result.claimed == [delivery.pk]
    assert result.missed == 0


def test_pending_post_past_its_time_expires_and_its_author_is_told(webhook_account, users):
    # given a post still waiting for approval when its time comes
    pending = post([webhook_account], author=users["social"])
    approvals.submit(pending, users["social"])
    # when the tick runs after its scheduled time
    result = clock.tick(now=pending.scheduled_at + timedelta(minutes=1))
    # then the post expires, nothing is sent, and its author is told
    pending.refresh_from_db()
    assert result.expired == 1 and result.claimed == []
    assert pending.status == PostStatus.EXPIRED
    assert set(pending.deliveries.values_list("status", flat=True)) == {"cancelled"}
    assert pending.approvals.last().decision == ApprovalDecision.EXPIRED
    assert told("Unggahan kedaluwarsa") == {"social"}


SWEEP = {
    # status, age → status, due now, needs reconcile
    "claim within timeout": ("claimed", 299, "claimed", False, False),
    "claim past timeout": ("claimed", 301, "scheduled", True, False),
    "publish within timeout": ("publishing", 299, "publishing", False, False),
    "publish past timeout": ("publishing", 301, "checking", True, True),
}


@pytest.mark.parametrize(
    ("status", "age", "after", "due_now", "reconcile"), SWEEP.values(), ids=SWEEP.keys()
)
def test_sweep_of_stuck_rows(status, age, after, due_now, reconcile, webhook_account, users):
    # given a row a worker took ``age`` seconds ago and never finished
    delivery = due_delivery(webhook_account, users)
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, claimed_at=now - timedelta(seconds=age), due_at=None
    )
    attempt = DeliveryAttempt.objects.create(delivery=delivery, started_at=now)
    # when the sweep runs
    clock.sweep_stuck(now)
    # then a claim that never started goes back to the queue; a publish that never finished
    # is checking: read back before anything is sent again
    delivery.refresh_from_db()
    attempt.refresh_from_db()
    assert delivery.status == after
    assert (delivery.due_at == now) == due_now
    assert delivery.needs_reconcile == reconcile
    expected = AttemptOutcome.UNKNOWN if reconcile else AttemptOutcome.IN_PROGRESS
    assert attempt.outcome == expected


def test_held_account_released_sends_its_held_deliveries(receiver, webhook_account, users):
    # given an account whose token was refused, with a delivery held
    receiver.expect_request(PATH, method="POST").respond_with_json({"error": "Kunci salah"}, 401)
    delivery = due_delivery(webhook_account, users)
    run_due(delivery)
    assert delivery.status == DeliveryStatus.HELD
    assert webhook_account.__class__.objects.get().status == AccountStatus.NEEDS_RECONNECT
    # when the account is reconnected and its held deliveries released
    receiver.clear_all_handlers()
    receiver.expect_request(PATH, method="POST").respond_with_json({"id": "app-3"}, 201)
    webhook_account.refresh_from_db()
    assert holds.release_held(webhook_account) == 1
    delivery.refresh_from_db()
    run_due(delivery)
    # then it is published
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == "app-3"


def test_lost_claim_of_a_row_awaiting_reconcile_is_still_checked_not_missed(
    receiver, webhook_account, users
):
    # given a delivery awaiting its check, of a post due two hours ago (it may well be out there),
    # claimed for its check by a worker that vanished before starting
    receiver.expect_request(LOOKUP, method="GET").respond_with_json({"id": "app-5"})
    delivery = awaiting_check(due_delivery(webhook_account, users))
    now = timezone.now() + timedelta(hours=2)
    assert clock.tick(now=now).claimed == [delivery.pk]
    # when the sweep gives the claim back and the next tick runs
    later = now + timedelta(seconds=301)
    result = clock.tick(now=later)
    # then it is claimed for its check again, not written off as missed
    assert (result.claimed, result.missed) == ([delivery.pk], 0)
    assert dispatch.run_delivery(delivery.pk) == "published"
    delivery.refresh_from_db()
    assert delivery.remote_id == "app-5"
    assert [r.method for r, _ in receiver.log] == ["GET"]


def test_check_that_found_nothing_is_not_repeated_after_a_refused_send(
    receiver, webhook_account, users
):
    # given a delivery awaiting its check that the receiver does not have, and a receiver that first
    # refuses the send with 429
    receiver.expect_request(LOOKUP, method="GET").respond_with_json({"error": "tidak ada"}, 404)
    receiver.expect_oneshot_request(PATH, method="POST").respond_with_json({"error": "sibuk"}, 429)
    receiver.expect_request(PATH, method="POST").respond_with_json({"id": "app-6"}, 201)
    delivery = awaiting_check(due_delivery(webhook_account, users))
    # when the check finds nothing and the send is refused
    assert run_due(delivery) == "retry"
    # then it waits as a plain retry: certainly not out there, so no second check
    assert delivery.status == DeliveryStatus.RETRY_WAIT
    assert not delivery.needs_reconcile
    assert run_due(delivery) == "published"
    assert [r.method for r, _ in receiver.log] == ["GET", "POST", "POST"]


def test_quota_wait_is_looked_at_again_within_the_recheck_interval(fake_instagram, users, settings):
    # given a quota that Instagram says frees up in an hour
    settings.DISPATCH_WAIT_RECHECK_SECONDS = 600
    fake_instagram.exhaust_quota()
    delivery = due_delivery(fake_instagram.account, users, images=1)
    tried_at = timezone.now()
    run_due(delivery)
    # then it is looked at again after 10 minutes, not an hour (the missed window still counts)
    assert 590 <= seconds_until_due(delivery, tried_at) <= 610


def test_unknown_telegram_outcome_goes_to_a_person_at_once(fake_telegram, users, settings):
    # given a Telegram post whose answer never arrives (the channel cannot be read back)
    settings.NETWORK_READ_TIMEOUT = 1
    fake_telegram.slow_next(3)
    delivery = due_delivery(fake_telegram.account, users)
    # when the worker runs it
    assert run_due(delivery) == "unknown"
    # then no automatic check is planned: a person is told to look at the channel
    assert delivery.status == DeliveryStatus.UNCONFIRMED
    assert delivery.due_at is None
    assert "Periksa akun di platform" in delivery.status_reason
    assert Notification.objects.filter(recipient=users["head"]).exists()


def test_released_account_keeps_a_later_post_at_its_time(receiver, webhook_account, users):
    # given a post for tomorrow held because its account's token was refused
    webhook_account.mark_needs_reconnect("Token kedaluwarsa")
    later = timezone.now() + timedelta(days=1)
    post_for_tomorrow = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], scheduled_at=later
    )
    delivery = post_for_tomorrow.deliveries.get()
    assert delivery.status == DeliveryStatus.HELD
    # when the account is reconnected
    holds.release_held(webhook_account)
    delivery.refresh_from_db()
    # then the post still goes out tomorrow, not now
    assert delivery.status == DeliveryStatus.SCHEDULED
    assert delivery.due_at == later
