"""Every date-time the admin shows is in Asia/Jakarta and says "WIB", also for a browser that
asks for English: Wagtail's tooltips, its status panel and schedule, and our own screens."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Revision

from core.indonesian import MONTHS
from tests.admin_helpers import edit_page_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
UTC = datetime.UTC
WIB = ZoneInfo("Asia/Jakarta")
# 02.30 UTC on 5 December 2026 is 09.30 WIB.
EDITED = datetime.datetime(2026, 12, 5, 2, 30, tzinfo=UTC)


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_page_listing_tooltips_give_the_time_in_wib(client, users, published_article):
    # given an article last edited at 09.30 WIB
    type(published_article).objects.filter(pk=published_article.pk).update(
        latest_revision_created_at=EDITED
    )
    client.force_login(users["editor_koran"])

    # when its editor opens the edition's page listing
    listing = client.get(
        reverse("wagtailadmin_explore", args=[published_article.get_parent().pk]),
        **ENGLISH_BROWSER,
    )

    # then the relative date's tooltip gives the time in WIB
    tooltips = [
        button["data-w-tooltip-content-value"]
        for button in soup_of(listing).select("button.w-human-readable-date")
    ]
    assert "5 Des 2026 09.30 WIB" in tooltips, tooltips


def test_history_dates_are_in_wib(client, users, published_article):
    Revision.objects.filter(object_id=str(published_article.pk)).update(created_at=EDITED)
    client.force_login(users["editor_koran"])

    history = client.get(
        reverse("wagtailadmin_pages:history", args=[published_article.pk]), **ENGLISH_BROWSER
    )

    tooltips = [
        button["data-w-tooltip-content-value"]
        for button in soup_of(history).select("button.w-human-readable-date")
    ]
    assert tooltips and all(tooltip.endswith(" WIB") for tooltip in tooltips), tooltips


def test_status_panel_says_wib_for_today_and_for_the_schedule(client, users, published_article):
    # given a draft that would go live at 10.00 WIB on 20 January 2027
    published_article.go_live_at = datetime.datetime(2027, 1, 20, 3, 0, tzinfo=UTC)
    published_article.save_revision(user=users["editor_koran"])
    client.force_login(users["editor_koran"])

    # when its editor opens the edit page
    panel = soup_of(client.get(edit_page_url(published_article), **ENGLISH_BROWSER)).select_one(
        "[data-side-panel='status']"
    )
    text = " ".join(panel.get_text(" ").split())

    # then today's edit carries its time in WIB, and the schedule its date and time in WIB
    assert re.search(r"\b\d\d:\d\d WIB oleh ", text), text
    assert "Tayang: 20 Jan 2027 10.00 WIB" in text, text


def test_our_own_screens_write_wib(client, users, published_article):
    # the articles to promote on social media, as the head of Humas sees them
    published_article.first_published_at = EDITED
    published_article.save(update_fields=["first_published_at"])
    client.force_login(users["head"])
    choose = client.get(reverse("campaigns_post:choose_article"), **ENGLISH_BROWSER)
    assert "5 Des 2026 09.30 WIB" in soup_of(choose).get_text(" ")

    # the locked-out log-ins, as an administrator sees them
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="head", ip_address="203.0.113.7", user_agent="uji", failures_since_start=5
    )
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    lockouts = client.get(reverse("core_lockouts"), **ENGLISH_BROWSER)
    local = attempt.attempt_time.astimezone(WIB)
    written = f"{local.day} {MONTHS[local.month - 1][:3]} {local.year} {local:%H.%M} WIB"
    assert written in soup_of(lockouts).get_text(" ")
