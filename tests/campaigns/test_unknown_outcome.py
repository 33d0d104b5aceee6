"""An unknown outcome is named honestly: "belum pasti", check the platform, and "Tandai sudah
terbit" first; a post whose deliveries failed is not shown as scheduled; the API can mark a
delivery published, as the admin can."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from campaigns import clock, dispatch
from campaigns.models import Delivery, DeliveryStatus, Notification
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory, approved_post


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def a_delivery(account, users, status) -> Delivery:
    item = approved_post([account], submitter=users["social"], approver=users["head"])
    item.deliveries.update(status=status, needs_reconcile=status in ("checking", "unconfirmed"))
    return item.deliveries.get()


def test_uncertain_telegram_post_is_reported_as_uncertain_not_failed(
    fake_telegram, users, settings
):
    # given a Telegram post whose answer never arrives (the channel cannot be read back)
    settings.NETWORK_READ_TIMEOUT = 1
    fake_telegram.slow_next(3)
    delivery = approved_post(
        [fake_telegram.account], submitter=users["social"], approver=users["head"], send_now=True
    ).deliveries.get()
    # when the worker runs it
    clock.tick()
    assert dispatch.run_delivery(delivery.pk) == "unknown"
    # then people are told the status is uncertain and to look before anything else
    notes = Notification.objects.filter(recipient=users["social"])
    assert [n.subject for n in notes] == [
        f"Belum pasti terbit di {fake_telegram.account}: {delivery.post}"
    ]
    body = notes[0].body
    assert "belum pasti" in body and "Periksa akun" in body
    assert body.index("Tandai sudah terbit") < body.index("kirim ulang")
    assert "ubah teksnya" not in body  # the advice for a refused text, not for this
    assert not Notification.objects.filter(subject__startswith="Gagal mengirim").exists()


@pytest.mark.parametrize("status", [DeliveryStatus.UNCONFIRMED, DeliveryStatus.CHECKING])
def test_delivery_listing_offers_mark_published_before_a_resend(client, users, status):
    # given a delivery whose outcome is unknown
    account = SocialAccountFactory(network="webhook")
    delivery = a_delivery(account, users, status)
    client.force_login(users["social"])
    # when the manager opens the deliveries
    html = client.get(reverse("campaigns_deliveries:index")).content.decode()
    # then "Tandai sudah terbit" comes first; a re-send (where offered) says what it is
    mark = reverse("campaigns_deliveries:mark_published", args=[delivery.pk])
    retry = reverse("campaigns_deliveries:retry", args=[delivery.pk])
    assert f'action="{mark}"' in html
    if status == DeliveryStatus.UNCONFIRMED:
        assert html.index(f'action="{mark}"') < html.index(f'action="{retry}"')
        assert "Tidak ada, kirim ulang" in html
    else:  # still being checked automatically: no re-send button at all
        assert f'action="{retry}"' not in html


def test_post_with_a_failed_delivery_is_not_shown_as_scheduled_and_offers_no_withdraw(
    client, users
):
    # given an approved post whose delivery failed
    account = SocialAccountFactory(network="webhook")
    delivery = a_delivery(account, users, DeliveryStatus.FAILED)
    client.force_login(users["social"])
    # when the manager opens it
    soup = soup_of(client.get(reverse("campaigns_post:edit", args=[delivery.post_id])))
    # then its status says a delivery failed, and no withdraw button that would be refused
    status = " ".join(soup.find(id="post-status").get_text(" ").split())
    assert "terjadwal" not in status
    assert "gagal" in status
    assert soup.find(id="post-withdraw") is None


def test_scheduled_post_still_reads_scheduled_and_can_be_withdrawn(client, users):
    account = SocialAccountFactory(network="webhook")
    delivery = a_delivery(account, users, DeliveryStatus.SCHEDULED)
    client.force_login(users["social"])
    soup = soup_of(client.get(reverse("campaigns_post:edit", args=[delivery.post_id])))
    assert "Disetujui (terjadwal)" in soup.find(id="post-status").get_text()
    assert soup.find(id="post-withdraw") is not None


# --- the API ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [DeliveryStatus.UNCONFIRMED, DeliveryStatus.CHECKING])
def test_api_marks_an_uncertain_delivery_published_with_its_permalink(users, status):
    # given a delivery whose outcome is unknown
    delivery = a_delivery(SocialAccountFactory(network="webhook"), users, status)
    # when the manager, having checked the platform, marks it published
    response = api_as(users["social"]).post(
        f"{API}/deliveries/{delivery.pk}/mark-published/",
        {"permalink": "https://app.tangerangkota.go.id/p/9"},
        format="json",
    )
    # then it is published, never to be sent again, and the log says who decided
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.permalink) == (
        DeliveryStatus.PUBLISHED,
        "https://app.tangerangkota.go.id/p/9",
    )
    assert not delivery.needs_reconcile
    assert delivery.attempts.first().message.startswith("Ditandai sudah terbit oleh social")


def test_api_mark_published_without_a_permalink(users):
    delivery = a_delivery(SocialAccountFactory(network="webhook"), users, "unconfirmed")
    response = api_as(users["social"]).post(f"{API}/deliveries/{delivery.pk}/mark-published/")
    assert response.status_code == 200
    assert response.json()["status"] == "published"


@pytest.mark.parametrize(
    "permalink", ["javascript:alert(1)", "ftp://app.tangerangkota.go.id/p/9", "bukan tautan"]
)
def test_api_mark_published_refuses_a_permalink_that_is_not_http(users, permalink):
    delivery = a_delivery(SocialAccountFactory(network="webhook"), users, "unconfirmed")
    response = api_as(users["social"]).post(
        f"{API}/deliveries/{delivery.pk}/mark-published/", {"permalink": permalink}, format="json"
    )
    assert response.status_code == 400
    assert "Tautan tidak valid" in response.json()["permalink"][0]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.UNCONFIRMED


@pytest.mark.parametrize("status", [DeliveryStatus.FAILED, DeliveryStatus.SCHEDULED])
def test_api_mark_published_in_another_state_is_a_conflict(users, status):
    delivery = a_delivery(SocialAccountFactory(network="webhook"), users, status)
    response = api_as(users["social"]).post(f"{API}/deliveries/{delivery.pk}/mark-published/")
    assert response.status_code == 409
    delivery.refresh_from_db()
    assert delivery.status == status


def test_api_mark_published_needs_the_right_to_change_posts(users):
    # given an analyst (reads deliveries, may not act on them)
    delivery = a_delivery(SocialAccountFactory(network="webhook"), users, "unconfirmed")
    response = api_as(users["analyst"]).post(f"{API}/deliveries/{delivery.pk}/mark-published/")
    assert response.status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.UNCONFIRMED
