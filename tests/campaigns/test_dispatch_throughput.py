"""Throughput without giving up exactly once: a rate-limited account waits alone, a worker
thread never waits for another's account, and a tick claims everything due at once.
(The timings are ``make bench-dispatch``; these tests count calls and rows.)"""

import json

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from campaigns import clock, dispatch, publish_sql, tasks
from campaigns.models import Delivery, DeliveryStatus, Post, SocialAccount
from tests.campaigns.factories import SocialAccountFactory, approved_post
from tests.campaigns.worker import database_url
from tests.fakes.outbound import allow

LIMITED, HEALTHY = "/terbatas/posts", "/sehat/posts"


@pytest.fixture
def accounts(httpserver, settings, users):
    allow(settings, httpserver.url_for("/"))
    limited = SocialAccountFactory(
        network="webhook", handle="@terbatas", external_id=httpserver.url_for(LIMITED)
    )
    healthy = SocialAccountFactory(
        network="webhook", handle="@sehat", external_id=httpserver.url_for(HEALTHY)
    )
    return limited, healthy


def create_calls(httpserver, path: str) -> int:
    return sum(1 for request, _ in httpserver.log if request.path == path)


def posts_to_a_limited_and_a_healthy_account(httpserver, accounts, users, count: int) -> None:
    """``count`` posts due now to both accounts; the first answers 429 "retry after 120 s"."""
    httpserver.expect_request(LIMITED, method="POST").respond_with_json(
        {"error": "Terlalu banyak permintaan"}, 429, {"Retry-After": "120"}
    )
    httpserver.expect_request(HEALTHY, method="POST").respond_with_json({"id": "ok"}, 201)
    for _ in range(count):
        approved_post(accounts, submitter=users["social"], approver=users["head"], send_now=True)


def test_rate_limited_account_waits_without_refusals_or_slowing_the_others(
    httpserver, accounts, users
):
    # given 10 posts due now to two accounts, and the first answering 429 "retry after 120 s"
    limited, healthy = accounts
    posts_to_a_limited_and_a_healthy_account(httpserver, accounts, users, 10)
    # when one tick claims all 20 and a worker runs them, the limited account's first
    claimed = clock.tick().claimed
    assert len(claimed) == 20
    first = Delivery.objects.filter(pk__in=claimed, account=limited).order_by("pk")
    order = [first[0].pk] + [pk for pk in claimed if pk != first[0].pk]
    outcomes = [dispatch.run_delivery(pk) for pk in order]
    # then the limited account was asked once; its other posts wait, unrefused, unsent
    assert create_calls(httpserver, LIMITED) == 1
    assert outcomes.count("retry") == 1 and outcomes.count("rate_limited") == 9
    limited.refresh_from_db()
    assert limited.rate_limited_until > timezone.now()
    waiting = Delivery.objects.filter(account=limited)
    assert {d.status for d in waiting} <= {DeliveryStatus.SCHEDULED, DeliveryStatus.RETRY_WAIT}
    assert all(d.due_at >= limited.rate_limited_until for d in waiting)
    assert sum(d.attempt_count for d in waiting) == 1
    # and the healthy account published all of its posts in the same run
    assert create_calls(httpserver, HEALTHY) == 10
    assert set(Delivery.objects.filter(account=healthy).values_list("status", flat=True)) == {
        DeliveryStatus.PUBLISHED
    }
    # and the next tick claims nothing of the limited account before its time
    assert clock.tick().claimed == []


def test_claimed_run_for_an_account_still_limited_sends_nothing(httpserver, accounts, users):
    # given a delivery claimed before its account was rate-limited (by another delivery)
    limited, _ = accounts
    post = approved_post(
        [limited], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    until = timezone.now() + timezone.timedelta(minutes=2)
    SocialAccount.objects.filter(pk=limited.pk).update(rate_limited_until=until)
    # when the worker runs it
    assert dispatch.run_delivery(delivery.pk) == "rate_limited"
    # then nothing was sent and it waits for the account, attempts untouched
    assert httpserver.log == []
    delivery.refresh_from_db()
    assert (delivery.status, delivery.due_at, delivery.attempt_count) == (
        DeliveryStatus.SCHEDULED,
        until,
        0,
    )
    assert not delivery.attempts.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_does_not_wait_for_a_lock_on_its_account(
    httpserver, accounts, users, leave_database_as_migrated
):
    # given a claimed delivery, and another transaction holding its account's row
    _, healthy = accounts
    httpserver.expect_request(HEALTHY, method="POST").respond_with_json({"id": "ok"}, 201)
    post = approved_post(
        [healthy], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    with psycopg.connect(database_url(connection.settings_dict)) as other:
        other.execute(
            "SELECT 1 FROM campaigns_socialaccount WHERE id = %s FOR UPDATE", [healthy.pk]
        )
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        # when the worker runs it (threads publishing to one account start side by side)
        try:
            outcome = dispatch.run_delivery(delivery.pk)
        finally:
            other.rollback()
            connection.close()
    # then it published without waiting for the account's lock
    assert outcome == "published"
    assert create_calls(httpserver, HEALTHY) == 1


def test_one_tick_claims_every_due_delivery_beyond_one_batch(webhook_account, users, settings):
    # given more deliveries due at once than one claim batch holds
    settings.DISPATCH_BATCH_SIZE = 3
    for _ in range(7):
        approved_post(
            [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
        )
    # when one tick runs
    claimed = clock.tick().claimed
    # then all seven are claimed, each once (three batches), with the cap respected
    assert sorted(claimed) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert Delivery.objects.filter(status=DeliveryStatus.CLAIMED).count() == 7
    settings.DISPATCH_CLAIM_PER_TICK = 2
    Delivery.objects.update(status=DeliveryStatus.SCHEDULED)
    assert len(clock.tick().claimed) == 3  # one batch, then the cap stops it


def test_a_message_read_ahead_still_sees_the_pause_its_first_delivery_set(
    httpserver, accounts, users
):
    # given one message of 8 deliveries, read in one SELECT: 4 to an account that answers
    # 429, 4 to a healthy one, the limited account's first
    limited, _ = accounts
    posts_to_a_limited_and_a_healthy_account(httpserver, accounts, users, 4)
    claimed = clock.tick().claimed
    order = sorted(claimed, key=lambda pk: Delivery.objects.get(pk=pk).account_id != limited.pk)
    # when a worker runs the message
    outcomes = tasks.publish_delivery(*order).split(", ")
    # then the limited account was asked once: the pause its first answer set reached the
    # rest, although they were read before it
    assert create_calls(httpserver, LIMITED) == 1
    assert outcomes == ["retry"] + ["rate_limited"] * 3 + ["published"] * 4
    assert create_calls(httpserver, HEALTHY) == 4


def test_a_row_changed_after_the_read_ahead_is_read_again(httpserver, accounts, users):
    # given a message of two deliveries read ahead, then the post's text corrected and the
    # other account paused, before the run reaches them
    limited, healthy = accounts
    httpserver.expect_request(HEALTHY, method="POST").respond_with_json({"id": "ok"}, 201)
    post = approved_post(
        [limited, healthy], submitter=users["social"], approver=users["head"], send_now=True
    )
    claimed = clock.tick().claimed
    read = publish_sql.read_ahead(claimed)
    assert set(read) == set(claimed)
    Post.objects.filter(pk=post.pk).update(text="Teks yang sudah dibetulkan")
    until = timezone.now() + timezone.timedelta(minutes=2)
    SocialAccount.objects.filter(pk=limited.pk).update(rate_limited_until=until)
    # when the run reaches them
    outcomes = {
        Delivery.objects.get(pk=pk).account_id: dispatch.run_delivery(pk, read.pop(pk))
        for pk in claimed
    }
    # then each was read again: the corrected text went out, the paused account got nothing
    assert outcomes == {healthy.pk: "published", limited.pk: "rate_limited"}
    (request, _), *more = [entry for entry in httpserver.log if entry[0].path == HEALTHY]
    assert not more
    assert json.loads(request.get_data())["text"].startswith("Teks yang sudah dibetulkan")
    assert create_calls(httpserver, LIMITED) == 0
