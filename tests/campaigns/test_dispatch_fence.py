"""The claim becomes ``publishing`` only once the outgoing post is built: that move is the
fence right before the first request, so a claim lost while building sends nothing."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from campaigns import clock, dispatch
from campaigns.models import AttemptOutcome, DeliveryStatus
from tests.campaigns.factories import approved_post

PATH = "/city-app/posts"


@pytest.fixture
def receiver(httpserver, webhook_account):
    webhook_account.external_id = httpserver.url_for(PATH)
    webhook_account.save()
    httpserver.expect_request(PATH, method="POST").respond_with_json({"id": "app-1"}, 201)
    return httpserver


def claimed(account, users):
    post = approved_post(
        [account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    return delivery


def test_claim_lost_while_building_sends_nothing(receiver, webhook_account, users, monkeypatch):
    # given a run whose claim is swept and claimed again while it builds the post (a slow
    # rendition, a stalled worker)
    delivery = claimed(webhook_account, users)
    build = dispatch.build_outgoing

    def slow_build(row):
        later = timezone.now() + timedelta(seconds=settings.DISPATCH_CLAIM_TIMEOUT_SECONDS + 1)
        assert clock.tick(now=later).claimed == [row.pk]
        return build(row)

    monkeypatch.setattr(dispatch, "build_outgoing", slow_build)
    # when it goes on
    outcome = dispatch.run_delivery(delivery.pk)
    # then it sends nothing and writes nothing: the new claim is another run's
    assert outcome == "skipped"
    assert len(receiver.log) == 0
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.CLAIMED and not delivery.attempts.exists()
    # and the run of the new claim publishes it, once
    monkeypatch.setattr(dispatch, "build_outgoing", build)
    assert dispatch.run_delivery(delivery.pk) == "published"
    assert len(receiver.log) == 1


def test_failure_to_build_is_recorded_on_the_attempt(receiver, webhook_account, users, monkeypatch):
    # given a post that cannot be built (a broken image, a bug)
    delivery = claimed(webhook_account, users)

    def broken(row):
        raise RuntimeError("rendition failed")

    monkeypatch.setattr(dispatch, "build_outgoing", broken)
    # when the worker runs it
    outcome = dispatch.run_delivery(delivery.pk)
    # then nothing was sent, and the attempt says what happened, as for any internal error
    assert outcome == "unknown"
    assert len(receiver.log) == 0
    attempt = delivery.attempts.get()
    assert attempt.outcome == AttemptOutcome.UNKNOWN
    assert "RuntimeError" in attempt.message
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.CHECKING
