"""The dispatcher's core path, in-process, against a local webhook receiver."""

import base64
import datetime
import json

import pytest
from celery import current_app
from django.utils import timezone

from campaigns import clock, dispatch, tasks
from campaigns.models import DeliveryStatus
from campaigns.networks.webhook import sign
from tests.campaigns.factories import approved_post
from tests.campaigns.worker import Broker


@pytest.fixture
def receiver(httpserver, webhook_account):
    webhook_account.external_id = httpserver.url_for("/city-app/posts")
    webhook_account.save()
    return httpserver


def test_approved_post_is_claimed_when_due_and_published_once(receiver, webhook_account, users):
    # given an approved post due now
    receiver.expect_request("/city-app/posts", method="POST").respond_with_json(
        {"id": "app-42", "url": "https://app.tangerangkota.go.id/p/42"}
    )
    post = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    # when the tick runs and the worker runs the claimed delivery, twice
    claimed = clock.tick().claimed
    first = dispatch.run_delivery(delivery.pk)
    second = dispatch.run_delivery(delivery.pk)
    # then it is published once, with the remote id and permalink
    assert claimed == [delivery.pk]
    assert (first, second) == ("published", "skipped")
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == "app-42"
    assert len(receiver.log) == 1
    request, _ = receiver.log[0]
    body = request.get_data()
    assert json.loads(body)["text"].startswith("Festival Cisadane")
    assert request.headers["Idempotency-Key"] == str(delivery.idempotency_key)
    assert request.headers["X-Benteng-Signature"] == sign(
        "webhook-rahasia", request.headers["X-Benteng-Timestamp"], body
    )


def test_future_delivery_is_not_claimed(webhook_account, users):
    approved_post([webhook_account], submitter=users["social"], approver=users["head"])
    assert clock.tick().claimed == []


def test_delivery_late_beyond_the_window_is_missed_not_sent(webhook_account, users):
    post = approved_post([webhook_account], submitter=users["social"], approver=users["head"])
    later = timezone.now() + datetime.timedelta(hours=4)
    result = clock.tick(now=later)
    assert result.claimed == [] and result.missed == 1
    assert post.deliveries.get().status == DeliveryStatus.MISSED


def test_credentials_are_encrypted_at_rest(webhook_account):
    assert "webhook-rahasia" not in webhook_account.credentials_encrypted
    assert webhook_account.get_credentials() == {"secret": "webhook-rahasia"}


def waiting_messages(broker, settings) -> list[dict]:
    with broker.client() as client:
        queue = broker.key(settings.DISPATCH_QUEUE)
        return [json.loads(raw) for raw in client.lrange(queue, 0, -1)]


def arguments(message: dict) -> list[int]:
    return json.loads(base64.b64decode(message["body"]))[0]


def test_enqueue_sends_one_message_per_delivery_naming_the_workers_task(settings):
    # given an empty publish queue on the test broker
    broker = Broker(settings.CELERY_BROKER_URL)
    broker.purge()
    try:
        # when the dispatcher enqueues two claimed deliveries
        clock.enqueue([41, 42])

        # then two messages wait on the publish queue, each for the task the worker runs
        waiting = waiting_messages(broker, settings)
        assert sorted(arguments(m) for m in waiting) == [[41], [42]]
        assert {m["headers"]["task"] for m in waiting} == {clock.PUBLISH_TASK}
        assert sorted(m["headers"]["argsrepr"] for m in waiting) == ["[41]", "[42]"]
        assert current_app.tasks[clock.PUBLISH_TASK].run == tasks.publish_delivery.run
        # and a publish task sent from anywhere else is routed to the same queue
        assert settings.CELERY_TASK_ROUTES[clock.PUBLISH_TASK] == {"queue": "publish"}
    finally:
        broker.purge()


@pytest.mark.parametrize(
    "claimed, per_message",
    [(100, 1), (101, 2), (250, 3), (1000, 4)],
)
def test_a_burst_shares_messages_while_a_few_go_one_each(claimed, per_message, settings):
    # given a node whose threads a hundred messages keep busy, four deliveries at most each
    settings.DISPATCH_PARALLEL_MESSAGES = 100
    settings.DISPATCH_DELIVERIES_PER_MESSAGE = 4
    broker = Broker(settings.CELERY_BROKER_URL)
    broker.purge()
    try:
        # when a tick's batch of claimed deliveries is enqueued
        ids = list(range(1, claimed + 1))
        clock.enqueue(ids)
        # then each delivery is in exactly one message, in claim order, the messages as full
        # as the burst needs and never fuller than allowed
        sent = [arguments(m) for m in reversed(waiting_messages(broker, settings))]
        assert [pk for message in sent for pk in message] == ids
        assert max(len(message) for message in sent) == per_message
        assert len(sent) == -(-claimed // per_message)
    finally:
        broker.purge()
