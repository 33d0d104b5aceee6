"""The delivery listing and log: what was tried, when (WIB), with what outcome; and the two
things a manager may do about a delivery that did not go out cleanly."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns import clock, dispatch
from campaigns.models import AttemptOutcome, DeliveryAttempt, DeliveryStatus
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, approved_post, post

LOG = "campaigns_delivery_log:index"
LISTING = "campaigns_deliveries:index"
UTC = datetime.UTC


def page(client, name, **query) -> BeautifulSoup:
    response = client.get(reverse(name), query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def rows(soup: BeautifulSoup) -> list[str]:
    return [" ".join(row.get_text(" ").split()) for row in soup.select("table.listing tbody tr")]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def receiver(httpserver, webhook_account):
    webhook_account.handle = "aplikasi-kota"
    webhook_account.external_id = httpserver.url_for("/city-app/posts")
    webhook_account.save()
    return httpserver


@pytest.fixture
def manager(client, users):
    client.force_login(users["social"])
    return client


def a_delivery(account, users, status, **fields):
    """An approved post's delivery, put in ``status``."""
    item = approved_post([account], submitter=users["social"], approver=users["head"])
    item.deliveries.update(status=status, **fields)
    return item.deliveries.get()


def test_rejected_delivery_is_logged_then_retried_and_published(
    manager, receiver, webhook_account, users
):
    # given the receiver rejects the first send, and the worker has tried it
    receiver.expect_oneshot_request("/city-app/posts", method="POST").respond_with_json(
        {"error": "teks memuat kata terlarang"}, status=422
    )
    item = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = item.deliveries.get()
    for claimed in clock.tick().claimed:
        dispatch.run_delivery(claimed)
    # when the manager opens the log
    soup = page(manager, LOG)
    # then the attempt is there in plain words, with "Coba lagi"
    [row] = rows(soup)
    assert "Kirim" in row and "Ditolak platform" in row and "422" in row
    assert "Penerima webhook menolak isi (422): teks memuat kata terlarang" in row
    assert "Gagal" in row
    form = soup.find("form", action=reverse("campaigns_deliveries:retry", args=[delivery.pk]))
    # when the manager presses "Coba lagi" and the worker runs again
    response = manager.post(
        form["action"],
        {field["name"]: field.get("value", "") for field in form.find_all("input")},
        follow=True,
    )
    receiver.expect_oneshot_request("/city-app/posts", method="POST").respond_with_json(
        {"id": "app-7", "url": "https://app.tangerangkota.go.id/p/7"}
    )
    claimed = clock.tick().claimed
    results = [dispatch.run_delivery(pk) for pk in claimed]
    # then it went out once more and the log shows both tries, newest first
    assert messages_of(response) == [
        "Pengiriman ke Webhook (aplikasi kota) aplikasi-kota dijadwalkan ulang sekarang."
    ]
    assert (claimed, results) == ([delivery.pk], ["published"])
    assert len(receiver.log) == 2
    newest, oldest = rows(page(manager, LOG))
    assert "Terbit di platform." in newest and "app-7" in newest and "Ditolak platform" in oldest
    soup = page(manager, LOG)
    assert soup.find("a", href="https://app.tangerangkota.go.id/p/7") is not None
    assert soup.select("form[action*='/retry/']") == []


def test_log_shows_times_in_wib_and_a_plain_message(manager, webhook_account, users):
    # given an attempt at 02:00 UTC whose outcome is unknown, with no message of its own
    delivery = a_delivery(webhook_account, users, DeliveryStatus.UNCONFIRMED)
    DeliveryAttempt.objects.create(
        delivery=delivery,
        started_at=datetime.datetime(2031, 3, 5, 2, 0, tzinfo=UTC),
        outcome=AttemptOutcome.UNKNOWN,
        http_status=504,
    )
    # when the log is shown
    [row] = rows(page(manager, LOG))
    # then the time is in WIB and the outcome is explained
    assert row.startswith("5 Mar 2031 09.00 WIB")
    assert "Hasil tidak diketahui" in row and "504" in row
    assert "Tidak diketahui apakah sampai; akan dicek ulang ke platform." in row
    assert "Belum terkonfirmasi" in row


@pytest.mark.parametrize(
    "status",
    [DeliveryStatus.FAILED, DeliveryStatus.MISSED, DeliveryStatus.HELD, DeliveryStatus.UNCONFIRMED],
)
@pytest.mark.parametrize("role", ["social", "head"])
def test_retry_schedules_the_delivery_now(client, webhook_account, users, status, role):
    # given a delivery in a state a person may retry
    delivery = a_delivery(webhook_account, users, status, due_at=None)
    client.force_login(users[role])
    # when a manager or Kepala Humas asks for another try
    response = client.post(reverse("campaigns_deliveries:retry", args=[delivery.pk]))
    # then it is scheduled for now, with who asked
    delivery.refresh_from_db()
    assert response.status_code == 302
    assert delivery.status == DeliveryStatus.SCHEDULED
    assert abs((delivery.due_at - timezone.now()).total_seconds()) < 60
    assert delivery.status_reason == f"Dicoba ulang oleh {users[role]}."


@pytest.mark.parametrize(
    "status",
    [
        DeliveryStatus.SCHEDULED,
        DeliveryStatus.PUBLISHING,
        DeliveryStatus.PUBLISHED,
        DeliveryStatus.CANCELLED,
    ],
)
def test_retry_is_refused_for_a_delivery_in_the_wrong_state(
    manager, webhook_account, users, status
):
    # given a delivery that is not failed, missed, held or unconfirmed
    delivery = a_delivery(webhook_account, users, status)
    # when the manager asks for another try anyway
    response = manager.post(reverse("campaigns_deliveries:retry", args=[delivery.pk]), follow=True)
    # then nothing changes and the manager is told why
    delivery.refresh_from_db()
    assert delivery.status == status
    [message] = messages_of(response)
    assert "tidak dapat dicoba ulang" in message


@pytest.mark.parametrize("role", ["analyst", "editor_koran"])
def test_retry_is_refused_to_those_who_only_view(client, webhook_account, users, role):
    # given a failed delivery and a user who may not change posts
    delivery = a_delivery(webhook_account, users, DeliveryStatus.FAILED)
    client.force_login(users[role])
    # when they post the retry anyway
    response = client.post(reverse("campaigns_deliveries:retry", args=[delivery.pk]))
    # then they are sent away and the delivery stays failed
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED


def test_analyst_sees_the_log_without_buttons(client, webhook_account, users):
    # given a failed delivery with an attempt
    delivery = a_delivery(webhook_account, users, DeliveryStatus.FAILED)
    DeliveryAttempt.objects.create(
        delivery=delivery, started_at=timezone.now(), outcome=AttemptOutcome.FAILED
    )
    client.force_login(users["analyst"])
    # when the analyst opens the log and the listing
    for name in (LOG, LISTING):
        soup = page(client, name)
        # then the delivery is shown, but no action is offered
        assert len(rows(soup)) == 1
        assert soup.select("form[method=post][action*='/campaigns/deliveries/']") == []


def test_actions_accept_post_only_and_need_the_csrf_token(webhook_account, users):
    delivery = a_delivery(webhook_account, users, DeliveryStatus.FAILED)
    url = reverse("campaigns_deliveries:retry", args=[delivery.pk])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["social"])
    assert browser.get(url).status_code == 405
    assert browser.post(url).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED


def test_unconfirmed_delivery_is_marked_published_by_a_person(manager, webhook_account, users):
    # given a delivery whose outcome stayed unknown
    delivery = a_delivery(webhook_account, users, DeliveryStatus.UNCONFIRMED)
    DeliveryAttempt.objects.create(
        delivery=delivery, started_at=timezone.now(), outcome=AttemptOutcome.UNKNOWN
    )
    soup = page(manager, LISTING)
    form = soup.find(
        "form", action=reverse("campaigns_deliveries:mark_published", args=[delivery.pk])
    )
    # when the manager checked the platform and marks it published with its link
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")}
    data["permalink"] = "https://app.tangerangkota.go.id/p/9"
    response = manager.post(form["action"], data, follow=True)
    # then it is published, never to be sent again, and the log says who decided
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.permalink == "https://app.tangerangkota.go.id/p/9"
    assert delivery.published_at is not None and not delivery.needs_reconcile
    assert messages_of(response) == [f"Pengiriman ke {webhook_account} ditandai sudah terbit."]
    newest = delivery.attempts.first()
    assert newest.outcome == AttemptOutcome.PUBLISHED
    assert newest.message == "Ditandai sudah terbit oleh social setelah diperiksa di platform."
    assert "Ditandai sudah terbit oleh social" in rows(page(manager, LOG))[0]


@pytest.mark.parametrize(
    ("status", "permalink", "error"),
    [
        (DeliveryStatus.FAILED, "", "Hanya pengiriman yang belum terkonfirmasi"),
        (DeliveryStatus.UNCONFIRMED, "bukan tautan", "Tautan tidak valid"),
    ],
)
def test_mark_published_is_refused(manager, webhook_account, users, status, permalink, error):
    delivery = a_delivery(webhook_account, users, status)
    response = manager.post(
        reverse("campaigns_deliveries:mark_published", args=[delivery.pk]),
        {"permalink": permalink},
        follow=True,
    )
    delivery.refresh_from_db()
    assert delivery.status == status
    [message] = messages_of(response)
    assert message.startswith(error)


def test_listing_filters_by_status_and_campaign(manager, users):
    # given a failed delivery in one campaign and a scheduled one in another
    festival, banjir = CampaignFactory(name="Festival"), CampaignFactory(name="Usir Banjir")
    failed = approved_post(
        [SocialAccountFactory()], submitter=users["social"], approver=users["head"]
    )
    failed.campaign = festival
    failed.save()
    failed.deliveries.update(status=DeliveryStatus.FAILED, status_reason="Ditolak: gambar buram")
    scheduled = approved_post(
        [SocialAccountFactory()],
        submitter=users["social"],
        approver=users["head"],
        text="Kerja bakti Minggu pagi",
        campaign=banjir,
    )
    # when the listing is filtered
    by_status = rows(page(manager, LISTING, status="failed"))
    by_campaign = rows(page(manager, LISTING, campaign=banjir.pk))
    # then each filter keeps only its deliveries
    assert len(by_status) == 1 and "Ditolak: gambar buram" in by_status[0]
    assert len(by_campaign) == 1 and str(scheduled) in by_campaign[0]
    assert "Usir Banjir" in by_campaign[0] and "Terjadwal" in by_campaign[0]


@pytest.mark.slow
def test_listing_is_paginated_by_fifty(manager, webhook_account):
    # given 51 deliveries
    for _ in range(51):
        post([SocialAccountFactory()])
    # when the two pages are shown
    first, second = page(manager, LISTING), page(manager, LISTING, p=2)
    # then 50 are on the first and 1 on the second
    assert (len(rows(first)), len(rows(second))) == (50, 1)


def test_filter_drawer_refreshes_the_results_alone(manager, webhook_account, users):
    # given a failed and a scheduled delivery
    a_delivery(webhook_account, users, DeliveryStatus.FAILED)
    a_delivery(SocialAccountFactory(), users, DeliveryStatus.SCHEDULED)
    # when the filter drawer asks for the failed ones (as Wagtail's script does)
    response = manager.get(
        reverse("campaigns_deliveries:index_results"), {"status": "failed", "_w_filter_fragment": 1}
    )
    # then only the results come back, with the one failed delivery
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert response.status_code == 200 and soup.find("html") is None
    assert [badge["data-status"] for badge in soup.select("td [data-status]")] == ["failed"]
