"""Decisions on a post in Wagtail's audit log: the post's history and Reports → Site history
show who submitted, rejected, approved, withdrew or cancelled it, and when, as for pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from campaigns import approvals
from campaigns.models import DeliveryStatus
from tests.campaigns.factories import SocialAccountFactory, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(users):
    account = SocialAccountFactory(network="x", handle="@kotatangerang", owner=users["social"])
    return post([account], text="Jalan Daan Mogot ditutup sementara.", author=users["social"])


def press(client, action: str, target, **data):
    response = client.post(reverse(f"campaigns_post:{action}", args=[target.pk]), data)
    assert response.status_code == 302
    return response


def history_rows(client, target) -> list[tuple[str, str]]:
    """(action with its comment, user) of each row of the post's history, newest first."""
    page = client.get(reverse("campaigns_post:history", args=[target.pk]))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    return [
        tuple(" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")[:2])
        for row in soup.select("table.listing tbody tr")
    ]


def test_each_decision_is_a_line_in_the_posts_history(client, users, draft):
    # given a post submitted, rejected with a reason, submitted again, approved, withdrawn
    client.force_login(users["social"])
    press(client, "submit", draft)
    client.force_login(users["head"])
    press(client, "reject", draft, comment="Sebutkan jalur alternatifnya.")
    client.force_login(users["social"])
    press(client, "submit", draft)
    client.force_login(users["head"])
    press(client, "approve", draft, comment="Silakan.")
    client.force_login(users["social"])
    press(client, "withdraw", draft)

    # when the head opens the post's history
    client.force_login(users["head"])
    rows = history_rows(client, draft)

    # then every decision is there, newest first, with who made it and the comment given
    assert rows == [
        ("Ditarik kembali menjadi draf", "social"),
        ("Disetujui Kepala Humas Komentar: Silakan.", "head"),
        ("Diajukan ke Kepala Humas untuk disetujui", "social"),
        ("Ditolak Kepala Humas Komentar: Sebutkan jalur alternatifnya.", "head"),
        ("Diajukan ke Kepala Humas untuk disetujui", "social"),
    ]
    # and each entry carries its moment
    entries = ModelLogEntry.objects.filter(object_id=str(draft.pk)).order_by("timestamp")
    assert [entry.action for entry in entries] == [
        "campaigns.submit",
        "campaigns.reject",
        "campaigns.submit",
        "campaigns.approve",
        "campaigns.withdraw",
    ]
    assert all(entry.timestamp <= timezone.now() for entry in entries)


def test_the_post_page_links_to_its_history(client, users, draft):
    # given a submitted post, read-only for the head who decides on it
    approvals.submit(draft, users["social"])
    client.force_login(users["head"])

    # when the head opens it
    page = client.get(reverse("campaigns_post:edit", args=[draft.pk]))

    # then its header links to the history
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one(f'a[href="{reverse("campaigns_post:history", args=[draft.pk])}"]')


def test_site_history_lists_decisions_on_posts(client, users, draft):
    # given a post the manager submitted and the head cancelled after approving
    approvals.submit(draft, users["social"])
    approvals.approve(draft, users["head"])
    approvals.cancel(draft, users["head"])

    # when the head opens Reports → Site history, filtered to the cancellations
    client.force_login(users["head"])
    page = client.get(reverse("wagtailadmin_reports:site_history"), {"action": "campaigns.cancel"})

    # then the cancellation of this post is listed, by the head
    text = " ".join(BeautifulSoup(page.content, "html.parser").get_text(" ").split())
    assert "Pengiriman yang belum berjalan dibatalkan" in text
    assert str(draft) in text
    assert "Disetujui Kepala Humas" not in text


def test_a_post_that_expires_unapproved_is_logged_without_a_person(users, draft):
    # given a submitted post whose time passes without a decision
    approvals.submit(draft, users["social"])

    # when the dispatcher's clock expires it
    approvals.expire_overdue(draft.scheduled_at + datetime.timedelta(minutes=1))

    # then its history says so, with no user
    entry = ModelLogEntry.objects.filter(object_id=str(draft.pk)).latest("timestamp")
    assert (entry.action, entry.user) == ("campaigns.expire", None)
    assert entry.comment == "Persetujuan tidak diberikan tepat waktu."


def test_what_people_do_to_its_deliveries_is_in_the_posts_history(client, users, draft):
    # given an approved post whose delivery failed, then was marked published by hand
    account = draft.deliveries.get().account
    approvals.submit(draft, users["social"])
    approvals.approve(draft, users["head"])
    draft.deliveries.update(status=DeliveryStatus.FAILED)
    client.force_login(users["social"])
    press(client, "retry_delivery", draft.deliveries.get())
    draft.deliveries.update(status=DeliveryStatus.UNCONFIRMED)
    response = client.post(
        reverse("campaigns_deliveries:mark_published", args=[draft.deliveries.get().pk])
    )
    assert response.status_code == 302

    # when the head opens the post's history
    client.force_login(users["head"])
    rows = history_rows(client, draft)

    # then the retry and the hand-marked publication are there, naming the account and who
    assert rows[:2] == [
        (f"Pengiriman ke {account} ditandai sudah terbit", "social"),
        (f"Pengiriman ke {account} dicoba ulang", "social"),
    ]
