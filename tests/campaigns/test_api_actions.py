"""Approval actions and deliveries through the API: the rules of ``campaigns.approvals``
answered as 200, 400 (invalid content), 403 (role) or 409 (wrong state)."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import (
    AttemptOutcome,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
    Post,
    PostStatus,
)
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, approved_post, post


@pytest.fixture
def account(db):
    return SocialAccountFactory(network="webhook")


def test_submit_then_approve_schedules_the_deliveries_for_the_post_time(users, account):
    # given a draft for tomorrow 09:00 WIB
    at = timezone.now() + datetime.timedelta(days=1)
    draft = post(
        [account, SocialAccountFactory(network="telegram")],
        scheduled_at=at,
        author=users["social"],
    )
    manager, head = api_as(users["social"]), api_as(users["head"])
    # when the manager submits it and the head approves it with a note
    submitted = manager.post(f"{API}/posts/{draft.pk}/submit/")
    approved = head.post(f"{API}/posts/{draft.pk}/approve/", {"comment": "Oke."}, format="json")
    # then it is approved, every delivery scheduled at that time, the history recorded
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "pending_approval"
    assert approved.status_code == 200, approved.json()
    data = approved.json()
    assert data["status"] == "approved"
    assert {d["status"] for d in data["deliveries"]} == {"scheduled"}
    assert {d["due_at"] for d in data["deliveries"]} == {timezone.localtime(at).isoformat()}
    assert [(a["decision"], a["actor"], a["comment"]) for a in data["approvals"]] == [
        ("submitted", "social", ""),
        ("approved", "head", "Oke."),
    ]


def test_rejection_needs_a_comment(users, account):
    # given a submitted post
    pending = post([account], author=users["social"])
    api_as(users["social"]).post(f"{API}/posts/{pending.pk}/submit/")
    head = api_as(users["head"])
    # when the head rejects it without a reason, then with one
    bare = head.post(f"{API}/posts/{pending.pk}/reject/", {}, format="json")
    blank = head.post(f"{API}/posts/{pending.pk}/reject/", {"comment": "  "}, format="json")
    reasoned = head.post(
        f"{API}/posts/{pending.pk}/reject/", {"comment": "Foto kurang jelas."}, format="json"
    )
    # then the first two are 400 on "comment" and the post still waits; the third rejects it
    assert bare.status_code == blank.status_code == 400
    assert "comment" in bare.json() and "comment" in blank.json()
    assert reasoned.status_code == 200
    assert reasoned.json()["status"] == "rejected"
    assert reasoned.json()["approvals"][-1]["comment"] == "Foto kurang jelas."


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", PostStatus.DRAFT),
        ("reject", PostStatus.APPROVED),
        ("submit", PostStatus.PENDING_APPROVAL),
        ("withdraw", PostStatus.DRAFT),
    ],
)
def test_action_on_a_post_in_the_wrong_state_is_a_conflict(users, account, action, status):
    # given a post in a state the action does not apply to
    target = post([account], author=users["social"])
    Post.objects.filter(pk=target.pk).update(status=status)
    # when the head tries the action
    response = api_as(users["head"]).post(
        f"{API}/posts/{target.pk}/{action}/", {"comment": "Alasan."}, format="json"
    )
    # then 409 with the rule's message, and nothing changes
    assert response.status_code == 409
    assert response.json()["detail"]
    target.refresh_from_db()
    assert target.status == status


def test_submitting_an_overdue_post_is_a_400_with_the_reason(users, account):
    past = timezone.now() - datetime.timedelta(minutes=5)
    draft = post([account], scheduled_at=past, author=users["social"])
    response = api_as(users["social"]).post(f"{API}/posts/{draft.pk}/submit/")
    assert response.status_code == 400
    assert any("sudah lewat" in m for m in response.json()["non_field_errors"])


def test_withdraw_returns_an_approved_post_to_draft(users, account):
    approved = approved_post([account], submitter=users["social"], approver=users["head"])
    response = api_as(users["social"]).post(f"{API}/posts/{approved.pk}/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert approved.deliveries.get().status == DeliveryStatus.DRAFT


def test_cancel_stops_every_delivery_not_yet_sent(users, account):
    # given an approved post to two accounts, one already published
    other = SocialAccountFactory(network="webhook")
    approved = approved_post([account, other], submitter=users["social"], approver=users["head"])
    approved.deliveries.filter(account=other).update(status=DeliveryStatus.PUBLISHED)
    # when it is cancelled
    response = api_as(users["social"]).post(f"{API}/posts/{approved.pk}/cancel/")
    # then only the unsent one is cancelled
    assert response.status_code == 200
    statuses = {d["account"]: d["status"] for d in response.json()["deliveries"]}
    assert statuses == {account.pk: "cancelled", other.pk: "published"}


def failed_delivery(users, account) -> Delivery:
    approved = approved_post([account], submitter=users["social"], approver=users["head"])
    delivery = approved.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, status_reason="Ditolak platform: teks duplikat."
    )
    now = timezone.now()
    DeliveryAttempt.objects.create(
        delivery=delivery,
        started_at=now,
        finished_at=now,
        outcome=AttemptOutcome.FAILED,
        http_status=422,
        error_code="duplicate",
        message="Teks sama dengan unggahan sebelumnya.",
    )
    return delivery


def test_delivery_shows_its_attempt_log(users, account):
    delivery = failed_delivery(users, account)
    response = api_as(users["analyst"]).get(f"{API}/deliveries/{delivery.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "failed"
    assert data["text"].startswith("Festival Cisadane")
    assert [(a["outcome"], a["http_status"], a["message"]) for a in data["attempts"]] == [
        ("failed", 422, "Teks sama dengan unggahan sebelumnya.")
    ]


def test_retrying_a_failed_delivery_schedules_it_now(users, account):
    # given a failed delivery
    delivery = failed_delivery(users, account)
    # when the manager retries it
    before = timezone.now()
    response = api_as(users["social"]).post(f"{API}/deliveries/{delivery.pk}/retry/")
    # then it is due now, with no attempts counted
    assert response.status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SCHEDULED
    assert delivery.due_at >= before
    assert delivery.attempt_count == 0


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("retry", DeliveryStatus.PUBLISHED),
        ("retry", DeliveryStatus.SCHEDULED),
        ("cancel", DeliveryStatus.PUBLISHED),
        ("cancel", DeliveryStatus.PUBLISHING),
    ],
)
def test_delivery_action_in_the_wrong_state_is_a_conflict(users, account, action, status):
    delivery = failed_delivery(users, account)
    Delivery.objects.filter(pk=delivery.pk).update(status=status)
    response = api_as(users["social"]).post(f"{API}/deliveries/{delivery.pk}/{action}/")
    assert response.status_code == 409
    assert response.json()["detail"]
    delivery.refresh_from_db()
    assert delivery.status == status


def test_retry_on_an_account_needing_reconnect_is_a_conflict(users, account):
    delivery = failed_delivery(users, account)
    account.mark_needs_reconnect("Token kedaluwarsa.")
    response = api_as(users["social"]).post(f"{API}/deliveries/{delivery.pk}/retry/")
    assert response.status_code == 409
    assert "Hubungkan ulang" in response.json()["detail"]


def test_cancelling_a_scheduled_delivery(users, account):
    approved = approved_post([account], submitter=users["social"], approver=users["head"])
    delivery = approved.deliveries.get()
    response = api_as(users["social"]).post(f"{API}/deliveries/{delivery.pk}/cancel/")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["due_at"] is None


def test_deliveries_are_filtered_by_status_account_post_and_campaign(users, account):
    # given deliveries across two campaigns and two accounts, one failed
    other = SocialAccountFactory(network="telegram")
    festival, banjir = CampaignFactory(), CampaignFactory()
    first = approved_post(
        [account, other], submitter=users["social"], approver=users["head"], campaign=festival
    )
    second = post([account], campaign=banjir)
    failed = first.deliveries.get(account=other)
    Delivery.objects.filter(pk=failed.pk).update(status=DeliveryStatus.FAILED)
    client = api_as(users["analyst"])

    def ids(**query) -> set[int]:
        response = client.get(f"{API}/deliveries/", query)
        assert response.status_code == 200
        return {d["id"] for d in response.json()["results"]}

    # then each filter narrows the list
    assert ids(status="failed") == {failed.pk}
    assert ids(status=["failed", "draft"]) == {failed.pk, second.deliveries.get().pk}
    assert ids(account=other.pk) == {failed.pk}
    assert ids(post=second.pk) == {second.deliveries.get().pk}
    assert ids(campaign=festival.pk) == set(first.deliveries.values_list("pk", flat=True))
    assert ids() == set(Delivery.objects.values_list("pk", flat=True))


def test_unknown_status_filter_is_a_400(users):
    response = api_as(users["analyst"]).get(f"{API}/deliveries/", {"status": "terbang"})
    assert response.status_code == 400
    assert "status" in response.json()
