"""Alerts for the head of Humas, with worked numbers: a spike in mentions against the previous
14 days, a drop in followers over 7 days; each sent at most once a day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from campaigns.models import Notification
from insights.alerts import check_alerts
from insights.models import (
    Clipping,
    CollectionRun,
    Metric,
    MetricSample,
    Outlet,
    Source,
    SubjectKind,
)
from tests.campaigns.factories import SocialAccountFactory
from tests.mailbox import sent_mail

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
# Alternating 2 and 3 clippings a day: mean 2.5, population standard deviation 0.5, so with
# k = 3 the threshold is 2.5 + 3 * 0.5 = 4.0 (and at least 5 clippings are needed).
BASELINE = [2, 3] * 7


def today() -> datetime.date:
    return timezone.localtime(timezone.now(), WIB).date()


def clippings_on(day: datetime.date, count: int, first: int = 0) -> None:
    outlet, _ = Outlet.objects.get_or_create(name="Radar Cisadane")
    # Just after midnight WIB: inside that WIB day (17:00 UTC the evening before).
    moment = datetime.datetime.combine(day, datetime.time(0, 1), tzinfo=WIB)
    for index in range(first, first + count):
        Clipping.objects.create(
            outlet=outlet,
            url=f"https://radar.example/{day:%Y%m%d}/{index}",
            title=f"Kota Tangerang {index}",
            published_at=moment,
        )


def mentions(baseline: list[int], today_count: int) -> None:
    for offset, count in enumerate(reversed(baseline), start=1):
        clippings_on(today() - datetime.timedelta(days=offset), count)
    clippings_on(today(), today_count)


def followers(account, day: datetime.date, value: int, source: str = Source.GRAPH) -> None:
    MetricSample.objects.create(
        subject_kind=SubjectKind.ACCOUNT,
        subject_id=account.pk,
        metric=Metric.FOLLOWERS,
        day=day,
        source=source,
        value=value,
        account=account,
        network=account.network,
        collected_at=timezone.now(),
    )


def alerts_to(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user))


@pytest.mark.parametrize(
    ("baseline", "today_count", "fires"),
    [
        pytest.param(BASELINE, 5, True, id="5-above-threshold-4.0"),
        pytest.param(BASELINE, 4, False, id="4-at-threshold-is-normal"),
        pytest.param(BASELINE, 3, False, id="ordinary-day"),
        pytest.param([0] * 14, 4, False, id="4-after-quiet-fortnight-below-minimum-5"),
        pytest.param([0] * 14, 5, True, id="5-after-quiet-fortnight"),
        pytest.param([0] * 7 + [10] * 7, 12, False, id="busy-week-widens-the-baseline"),
    ],
)
def test_spike_in_mentions_notifies_the_head_of_humas(users, baseline, today_count, fires):
    # given 14 days of clippings and today's
    mentions(baseline, today_count)

    # when alerts are checked
    check_alerts()

    # then the head is told only when today is far above the fortnight
    notes = alerts_to(users["head"])
    assert len(notes) == (1 if fires else 0)
    if fires:
        assert notes[0].subject == "Peringatan: lonjakan pemberitaan media hari ini"
        assert notes[0].body.startswith(f"{today_count} kliping hari ini")
    assert not alerts_to(users["analyst"])


def test_spike_message_states_the_worked_numbers(users):
    # given the alternating fortnight and 6 clippings today
    mentions(BASELINE, 6)

    # when alerts are checked
    check_alerts()

    # then the message gives the mean and the threshold, and the head also gets an e-mail
    (note,) = alerts_to(users["head"])
    assert "rata-rata 14 hari sebelumnya 2,5 per hari, ambang 4,0" in note.body
    assert note.url == "/admin/measurement/clippings/"
    assert [message.to for message in sent_mail()] == [[users["head"].email]]


@pytest.mark.parametrize(
    ("before", "now", "fires"),
    [
        pytest.param(10_000, 9_500, True, id="5-percent-drop"),
        pytest.param(10_000, 9_600, False, id="4-percent-drop"),
        pytest.param(10_000, 10_400, False, id="growth"),
    ],
)
def test_follower_drop_over_seven_days_notifies_the_head(users, before, now, fires):
    # given an account's follower counts a week apart
    account = SocialAccountFactory(network="instagram", handle="@kotatangerang")
    followers(account, today() - datetime.timedelta(days=7), before)
    followers(account, today() - datetime.timedelta(days=3), 9_000)  # within the week: ignored
    followers(account, today(), now)

    # when alerts are checked
    check_alerts()

    # then the head is told when the drop is at least 5 %
    notes = alerts_to(users["head"])
    assert len(notes) == (1 if fires else 0)
    if fires:
        assert notes[0].subject == "Peringatan: pengikut @kotatangerang (Instagram) turun tajam"
        assert notes[0].body == (
            "Pengikut @kotatangerang (Instagram): 9.500 sekarang, 10.000 tujuh hari "
            "sebelumnya (turun 5,0 %)."
        )


def test_follower_drop_uses_the_latest_count_of_the_last_two_days(users):
    # given yesterday's count 5 % down on the week before, and nothing today yet
    account = SocialAccountFactory(network="facebook", handle="Kota Tangerang")
    yesterday = today() - datetime.timedelta(days=1)
    followers(account, yesterday - datetime.timedelta(days=7), 20_000)
    followers(account, yesterday, 19_000)
    # and an old drop, long past, on another account
    old = SocialAccountFactory(network="instagram", handle="@lama")
    followers(old, today() - datetime.timedelta(days=17), 1_000)
    followers(old, today() - datetime.timedelta(days=10), 500)

    # when alerts are checked
    check_alerts()

    # then only the recent drop is reported
    (note,) = alerts_to(users["head"])
    assert note.subject == "Peringatan: pengikut Kota Tangerang (Facebook Page) turun tajam"


def test_each_alert_is_sent_once_a_day(users):
    # given a spike and a follower drop
    mentions(BASELINE, 5)
    account = SocialAccountFactory(network="instagram", handle="@kotatangerang")
    followers(account, today() - datetime.timedelta(days=7), 10_000)
    followers(account, today(), 9_000)

    # when beat checks three times in the day, more clippings arriving in between
    first = check_alerts()
    clippings_on(today(), 3, first=5)
    second = check_alerts()
    clippings_on(today(), 4, first=8)
    third = check_alerts()

    # then each alert reached the head once
    assert (first, second, third) == (2, 0, 0)
    assert len(alerts_to(users["head"])) == 2
    assert len(sent_mail()) == 2
    # and every check is recorded
    runs = CollectionRun.objects.filter(collector="alerts")
    assert [run.status for run in runs] == ["ok", "ok", "ok"]
    assert runs.first().message == "2 peringatan berlaku, 0 dikirim."


def test_alert_sent_yesterday_is_sent_again_today(users):
    # given yesterday's spike alert on record
    mentions(BASELINE, 5)
    check_alerts()
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))

    # when the spike is still there today
    check_alerts()

    # then the head is told again
    assert len(alerts_to(users["head"])) == 2
