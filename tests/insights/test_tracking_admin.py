"""The "Tautan terlacak" listing: analysts and the head of Humas read each short link with its
target and its clicks (counted in SQL); nobody else sees it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insights.models import TrafficEvent
from insights.tracking.links import tracked_link_for
from tests.campaigns.factories import post

LISTING = "campaigns_tracked_links:index"


@pytest.fixture
def links(webhook_account):
    """Three links: 5 clicks, 2 clicks, none."""
    made = []
    for number, clicks in enumerate((5, 2, 0)):
        delivery = post([webhook_account], link_url=f"https://a.id/berita-{number}").deliveries
        link = tracked_link_for(delivery.get())
        TrafficEvent.objects.bulk_create(
            TrafficEvent(
                kind="click", link=link, occurred_at=timezone.now() - datetime.timedelta(hours=n)
            )
            for n in range(clicks)
        )
        made.append(link)
    return made


def rows(response) -> dict[str, str]:
    """Short-link code -> the clicks cell, as the page shows them."""
    soup = BeautifulSoup(response.content, "html.parser")
    heads = [th.get_text(strip=True) for th in soup.select("table thead th")]
    clicks_at = heads.index("Klik")
    found = {}
    for row in soup.select("table tbody tr"):
        cells = [td.get_text(strip=True) for td in row.find_all("td")]
        found[cells[0].rsplit("/", 1)[-1]] = cells[clicks_at]
    return found


@pytest.mark.parametrize("role", ["analyst", "head"])
def test_measurement_roles_see_each_link_with_its_clicks(client, users, links, role):
    client.force_login(users[role])
    response = client.get(reverse(LISTING))
    assert response.status_code == 200
    assert rows(response) == {links[0].code: "5", links[1].code: "2", links[2].code: "0"}
    assert b"Tautan terlacak" in response.content
    # and the menu leads there
    assert reverse(LISTING) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_listing_sorts_by_clicks_with_a_fixed_number_of_queries(client, users, links):
    client.force_login(users["analyst"])
    client.get(reverse(LISTING))  # warm Wagtail's own per-user caches
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse(LISTING) + "?ordering=-clicks")
    # more links do not mean more queries (the clicks are a subquery, not a loop)
    for _ in range(3):
        delivery = post([links[0].delivery.account], link_url="https://a.id/lain").deliveries
        tracked_link_for(delivery.get())
    with CaptureQueriesContext(connection) as more:
        client.get(reverse(LISTING) + "?ordering=-clicks")
    assert list(rows(response).values()) == ["5", "2", "0"]
    assert len(more.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("role", ["social", "editor_koran"])
def test_others_are_sent_away(client, users, links, role):
    client.force_login(users[role])
    response = client.get(reverse(LISTING))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
