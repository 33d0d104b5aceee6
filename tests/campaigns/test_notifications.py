"""Admin notifications: each user sees only their own; the list marks what it shows as read;
the menu counts the unread; the dashboard lists the latest unread."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from campaigns import approvals
from campaigns.models import Notification
from campaigns.notify import notify
from tests.campaigns.factories import post

INDEX = "campaigns_notifications:index"


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def subjects(soup: BeautifulSoup) -> list[str]:
    return [" ".join(item.h2.get_text(" ").split()) for item in soup.select("[data-notification]")]


def menu_labels(client) -> list[str]:
    """The main menu's labels, as the sidebar script receives them."""
    soup = soup_of(client.get(reverse("wagtailadmin_home")))
    props = json.loads(soup.find(id="wagtail-sidebar-props").string)

    def labels(node):
        if isinstance(node, dict):
            if "label" in node and isinstance(node["label"], str):
                yield node["label"]
            for value in node.values():
                yield from labels(value)
        elif isinstance(node, list):
            for value in node:
                yield from labels(value)

    return list(labels(props))


@pytest.fixture
def social(client, users):
    client.force_login(users["social"])
    return client


def test_each_user_sees_only_their_own(social, users):
    # given a notification for the manager and one for Kepala Humas
    notify([users["social"]], "Gagal mengirim ke Instagram @tangerangkota")
    notify([users["head"]], "Akun X perlu dihubungkan ulang")
    # when the manager opens the notifications
    soup = soup_of(social.get(reverse(INDEX)))
    # then only the manager's is there
    assert subjects(soup) == ["Baru Gagal mengirim ke Instagram @tangerangkota"]


def test_list_marks_what_it_shows_as_read(social, users):
    # given two unread notifications
    notify([users["social"]], "Pertama")
    notify([users["social"]], "Kedua")
    # when the manager opens the list twice
    first = subjects(soup_of(social.get(reverse(INDEX))))
    second = subjects(soup_of(social.get(reverse(INDEX))))
    # then the first time they are new, the second time they are read
    assert first == ["Baru Kedua", "Baru Pertama"]
    assert second == ["Kedua", "Pertama"]
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_only_the_page_shown_is_marked_read(social, users):
    # given 31 unread notifications (30 to a page)
    for number in range(31):
        notify([users["social"]], f"Notifikasi {number}")
    # when the first page is opened
    soup = soup_of(social.get(reverse(INDEX)))
    # then the 30 newest are read, the oldest still waits
    assert len(subjects(soup)) == 30
    assert list(Notification.objects.filter(read_at__isnull=True).values_list("subject")) == [
        ("Notifikasi 0",)
    ]


def test_menu_counts_the_unread(social, users):
    # given two unread notifications for the manager and one for someone else
    notify([users["social"]], "Satu")
    notify([users["social"]], "Dua")
    notify([users["head"]], "Bukan untuk manajer")
    # when any admin page is shown, then the menu says 2
    assert "Notifikasi (2)" in menu_labels(social)
    # and after reading them it shows no count
    social.get(reverse(INDEX))
    assert "Notifikasi" in menu_labels(social)
    assert "Notifikasi (2)" not in menu_labels(social)


def test_dashboard_lists_the_latest_five_unread(social, users):
    # given seven unread notifications
    for number in range(7):
        notify([users["social"]], f"Notifikasi {number}", url=reverse("campaigns_deliveries:index"))
    # when the dashboard is opened
    soup = soup_of(social.get(reverse("wagtailadmin_home")))
    panel = soup.find(id="benteng-notifications-section")
    # then the five newest are listed, with a link to the rest
    listed = [item.a.get_text(strip=True) for item in panel.select("[data-notification]")]
    assert listed == [f"Notifikasi {number}" for number in (6, 5, 4, 3, 2)]
    assert "Lihat semua notifikasi (2 lainnya)" in panel.get_text(" ", strip=True)
    # and the dashboard does not mark them read
    assert Notification.objects.filter(read_at__isnull=True).count() == 7


def test_mark_all_read_touches_only_the_users_own(social, users):
    notify([users["social"]], "Milik manajer")
    notify([users["head"]], "Milik Kepala Humas")
    response = social.post(reverse("campaigns_notifications:mark_all_read"), follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "1 notifikasi ditandai sudah dibaca."
    ]
    unread = Notification.objects.filter(read_at__isnull=True)
    assert list(unread.values_list("subject", flat=True)) == ["Milik Kepala Humas"]


def test_a_rejected_post_reaches_its_author_with_a_link(social, users, webhook_account):
    # given a post by the manager, rejected by Kepala Humas
    item = post([webhook_account], author=users["social"], text="Lomba perahu naga")
    approvals.submit(item, users["social"])
    approvals.reject(item, users["head"], "Foto belum ada teks alternatif.")
    # when the manager opens the notifications
    soup = soup_of(social.get(reverse(INDEX)))
    # then the rejection is there, linking to the post, with the reason
    [entry] = soup.select("[data-notification]")
    assert entry.h2.a.get_text(strip=True) == "Unggahan ditolak: Lomba perahu naga"
    assert entry.h2.a["href"] == reverse("campaigns_post:edit", args=[item.pk])
    assert "Alasan: Foto belum ada teks alternatif." in entry.get_text()
