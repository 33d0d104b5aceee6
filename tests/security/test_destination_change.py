"""Re-targeting an approved post by changing its account's destination (webhook URL, page or
account id): the approved, unsent deliveries are held until the head of Humas confirms the new
destination; a manager cannot confirm; confirmed, they go out at their own times."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from werkzeug import Response

from campaigns import clock, dispatch, holds
from campaigns.models import DeliveryStatus, Notification
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory, approved_post
from tests.campaigns.post_forms import form_at, refused

pytestmark = pytest.mark.django_db

HELD_REASON = "Tujuan akun berubah: menunggu konfirmasi Kepala Humas."


@pytest.fixture
def scheduled(users, public):
    """A webhook account at the approved receiver, with a post approved for it in an hour."""
    account = SocialAccountFactory(
        network="webhook", external_id=public.url_for("/disetujui"), owner=users["social"]
    )
    post = approved_post(
        [account],
        submitter=users["social"],
        approver=users["head"],
        scheduled_at=timezone.now() + datetime.timedelta(hours=1),
    )
    return post.deliveries.get()


def run_everything_due(at) -> list[str]:
    return [dispatch.run_delivery(pk) for pk in clock.tick(now=at).claimed]


def test_retargeting_an_approved_post_through_the_api_is_held_until_head_confirms(
    users, public, scheduled, django_capture_on_commit_callbacks
):
    # given a manager who moves the account to another receiver after the approval
    account = scheduled.account
    with django_capture_on_commit_callbacks(execute=True):
        moved = api_as(users["social"]).patch(
            f"{API}/accounts/{account.pk}/",
            {"external_id": public.url_for("/lain")},
            format="json",
        )
    assert moved.status_code == 200
    assert moved.json()["destination_held"] is True

    # when the post's time comes
    due = scheduled.scheduled_for + datetime.timedelta(seconds=5)
    outcomes = run_everything_due(due)

    # then nothing is sent anywhere: the delivery is held, and the head of Humas is asked
    scheduled.refresh_from_db()
    assert (outcomes, public.received) == ([], [])
    assert (scheduled.status, scheduled.status_reason) == (DeliveryStatus.HELD, HELD_REASON)
    assert Notification.objects.filter(
        recipient=users["head"], subject__startswith="Tujuan akun"
    ).exists()

    # and the manager can neither confirm nor retry it past the head
    manager = api_as(users["social"])
    refused = manager.post(f"{API}/accounts/{account.pk}/confirm_destination/")
    retried = manager.post(f"{API}/deliveries/{scheduled.pk}/retry/")
    assert (refused.status_code, retried.status_code) == (403, 409)

    # when the head of Humas confirms
    confirmed = api_as(users["head"]).post(f"{API}/accounts/{account.pk}/confirm_destination/")

    # then the delivery goes out at its own time, to the confirmed receiver
    assert confirmed.status_code == 200
    assert confirmed.json()["destination_held"] is False
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.due_at) == (
        DeliveryStatus.SCHEDULED,
        scheduled.scheduled_for,
    )
    public.answer(lambda request: Response('{"id": "1"}', 201, content_type="application/json"))
    assert run_everything_due(due) == ["published"]
    assert public.received == ["POST /lain"]


def test_retargeting_through_the_admin_form_is_held_and_confirmed_in_the_admin(
    client, users, public, scheduled, django_capture_on_commit_callbacks
):
    # given a manager who changes the account's URL in the admin
    account = scheduled.account
    client.force_login(users["social"])
    edit_url = reverse("campaigns_account:edit", args=[account.pk])
    data = form_at(client, edit_url, external_id=public.url_for("/lain"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url, data).status_code == 302

    # then the delivery is held, and the manager may not open the confirmation
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.status_reason) == (DeliveryStatus.HELD, HELD_REASON)
    confirm_url = reverse("campaigns_account:confirm_destination", args=[account.pk])
    assert refused(client.post(confirm_url))

    # when the head of Humas opens the notification's link and confirms
    client.force_login(users["head"])
    notice = Notification.objects.get(recipient=users["head"])
    page = client.get(notice.url).content.decode()
    assert public.url_for("/disetujui") in page  # what was approved
    assert public.url_for("/lain") in page  # and where it would go now
    client.post(confirm_url)

    # then it is scheduled again for its own time
    scheduled.refresh_from_db()
    assert scheduled.status == DeliveryStatus.SCHEDULED
    assert scheduled.due_at == scheduled.scheduled_for


def test_changing_the_page_id_of_a_graph_account_holds_its_approved_deliveries(users):
    # given a Facebook page with an approved post
    account = SocialAccountFactory(network="facebook", external_id="1000001", owner=users["social"])
    post = approved_post([account], submitter=users["social"], approver=users["head"])

    # when its page id is changed through the API
    api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/", {"external_id": "666"}, format="json"
    )

    # then the delivery waits for the head of Humas
    assert post.deliveries.get().status == DeliveryStatus.HELD


def test_new_credentials_do_not_release_a_delivery_held_for_a_new_destination(
    users, scheduled, public
):
    # given a delivery held because its account's URL changed
    account = scheduled.account
    account.external_id = public.url_for("/lain")
    account.save()
    holds.hold_for_new_destination(account, users["social"], "Webhook lama")

    # when someone saves new credentials for the account
    api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/", {"credentials": {"secret": "baru"}}, format="json"
    )

    # then it is still held
    scheduled.refresh_from_db()
    assert scheduled.status == DeliveryStatus.HELD
