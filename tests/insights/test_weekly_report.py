"""The weekly report by e-mail: a subscriber of a campaign that ran last week gets, on Monday,
its KPI cards and targets, a link to the dashboard and the week's PDF, as HTML with a
plain-text part; once, however often the beat fires; and only while they may read it."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from insights.dashboards.weekly import previous_week, send_weekly_reports
from insights.models import ReportSubscription
from tests.factories import UserFactory
from tests.insights.metrics_data import seed_week

pytestmark = pytest.mark.django_db

MONDAY_AFTER = "2026-11-09"  # the metrics week is 1 to 7 November 2026 (Sunday to Saturday)


@pytest.fixture
def week(users, published_article):
    return seed_week(users["social"], published_article)


def subscribe(client, user, campaign):
    client.force_login(user)
    response = client.post(reverse("campaigns_report:weekly", args=[campaign.pk]))
    assert response.status_code == 302
    return response


def test_previous_week_is_monday_to_sunday():
    assert previous_week(datetime.date(2026, 11, 9)) == (
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 8),
    )


@pytest.mark.slow  # renders the report as a PDF for the mail
def test_the_owner_subscribes_from_the_report_and_gets_monday_mail(client, users, week):
    # given the campaign's owner subscribed from the report page
    campaign = week["campaign"]
    users["social"].email = "manajer@tangerangkota.go.id"
    users["social"].save()
    subscribe(client, users["social"], campaign)
    page = client.get(reverse("campaigns_report:report", args=[campaign.pk])).content.decode()
    assert "Berhenti berlangganan laporan mingguan" in page

    # when Monday's beat runs
    assert send_weekly_reports(MONDAY_AFTER) == 1

    # then one e-mail with a text part, an HTML part and the PDF
    [message] = mail.outbox
    assert message.to == ["manajer@tangerangkota.go.id"]
    assert campaign.name in message.subject
    assert "Angka utama" in message.body and "Target KPI" in message.body
    dashboard = reverse("campaigns_dashboard:campaign", args=[campaign.pk])
    assert dashboard in message.body
    [(html, kind)] = message.alternatives
    assert kind == "text/html" and dashboard in html
    [(name, pdf, mime)] = message.attachments
    assert mime == "application/pdf" and pdf.startswith(b"%PDF") and name.endswith(".pdf")


def test_the_beat_firing_twice_sends_once(client, users, week):
    users["head"].email = "kepala@tangerangkota.go.id"
    users["head"].save()
    subscribe(client, users["head"], week["campaign"])
    assert send_weekly_reports(MONDAY_AFTER) == 1
    assert send_weekly_reports(MONDAY_AFTER) == 0
    assert len(mail.outbox) == 1


def test_nothing_is_sent_for_a_campaign_that_did_not_run_last_week(client, users, week):
    users["head"].email = "kepala@tangerangkota.go.id"
    users["head"].save()
    subscribe(client, users["head"], week["campaign"])  # campaign: 1 to 30 November 2026
    assert send_weekly_reports("2027-01-11") == 0
    assert mail.outbox == []


def test_a_manager_who_no_longer_owns_the_campaign_gets_nothing(client, users, week):
    # given the owner subscribed, then the campaign was handed to another manager
    campaign = week["campaign"]
    users["social"].email = "manajer@tangerangkota.go.id"
    users["social"].save()
    subscribe(client, users["social"], campaign)
    campaign.owner = UserFactory(username="manajer-baru", role="social")
    campaign.save()
    # when Monday comes, nothing is sent to the former owner
    assert send_weekly_reports(MONDAY_AFTER) == 0
    assert mail.outbox == []


def test_another_manager_cannot_subscribe_to_a_campaign_they_may_not_read(client, week):
    outsider = UserFactory(username="manajer-lain", role="social")
    client.force_login(outsider)
    response = client.post(reverse("campaigns_report:weekly", args=[week["campaign"].pk]))
    assert response.status_code in (302, 403)
    assert not ReportSubscription.objects.exists()


def test_subscribing_again_unsubscribes(client, users, week):
    subscribe(client, users["head"], week["campaign"])
    subscribe(client, users["head"], week["campaign"])
    assert not ReportSubscription.objects.exists()
