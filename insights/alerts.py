"""Alerts for the head of Humas: a spike in mentions, a sharp drop in followers.

Checked every hour by beat; each alert is sent at most once per WIB day (an admin
notification with the same subject today means it was sent). The numbers come from SQL:
clippings counted per day, follower samples as collected.

- Spike: today's clippings > mean + k * standard deviation of the previous 14 days' daily
  counts (population deviation; a day without clippings counts 0), and at least a minimum
  (``ALERT_SPIKE_STDEVS``, ``ALERT_SPIKE_MIN_MENTIONS``).
- Follower drop: an account's latest follower count (collected in the last two days) is at
  least ``ALERT_FOLLOWER_DROP_PERCENT`` below its count seven days earlier, same source.
"""

import datetime
import statistics
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from campaigns.models import Notification, SocialAccount
from campaigns.notify import heads_of_humas, notify

from .clippings.mentions import daily_counts, wib
from .collectors.store import collection_run
from .models import Collector, Metric, MetricSample, SubjectKind

BASELINE_DAYS = 14
DROP_WINDOW_DAYS = 7
FRESH_DAYS = 2


@dataclass(frozen=True)
class Alert:
    subject: str
    body: str
    url: str = ""


@shared_task(name="insights.check_alerts", ignore_result=True)
def check_alerts() -> int:
    """Send today's new alerts; returns how many were sent."""
    with collection_run(Collector.ALERTS, subject="Pemberitaan dan pengikut") as run:
        today = timezone.localtime(timezone.now(), wib()).date()
        alerts = [*mention_spikes(today), *follower_drops(today)]
        sent = [alert for alert in alerts if _send_once_today(alert)]
        run.message = f"{len(alerts)} peringatan berlaku, {len(sent)} dikirim."
    return len(sent)


def mention_spikes(today: datetime.date) -> list[Alert]:
    first = today - datetime.timedelta(days=BASELINE_DAYS)
    counts = daily_counts(first, today)
    baseline = [counts.get(first + datetime.timedelta(days=n), 0) for n in range(BASELINE_DAYS)]
    mean = statistics.fmean(baseline)
    threshold = mean + settings.ALERT_SPIKE_STDEVS * statistics.pstdev(baseline)
    current = counts.get(today, 0)
    if current <= threshold or current < settings.ALERT_SPIKE_MIN_MENTIONS:
        return []
    return [
        Alert(
            subject="Peringatan: lonjakan pemberitaan media hari ini",
            body=(
                f"{current} kliping hari ini ({today:%d-%m-%Y}); rata-rata 14 hari sebelumnya "
                f"{_number(mean)} per hari, ambang {_number(threshold)} (rata-rata + "
                f"{settings.ALERT_SPIKE_STDEVS} kali simpangan baku). Periksa nada pemberitaannya."
            ),
            url=_url("campaigns_clipping:index"),
        )
    ]


def follower_drops(today: datetime.date) -> list[Alert]:
    """Two queries: the recent follower samples and those seven days before them."""
    recent = MetricSample.objects.filter(
        subject_kind=SubjectKind.ACCOUNT,
        metric=Metric.FOLLOWERS,
        day__gte=today - datetime.timedelta(days=FRESH_DAYS),
        day__lte=today,
    ).values_list("subject_id", "source", "day", "value")
    latest: dict[tuple[int, str], tuple[datetime.date, int]] = {}
    for subject_id, source, day, value in recent:
        key = (subject_id, source)
        if key not in latest or day > latest[key][0]:
            latest[key] = (day, value)
    if not latest:
        return []
    earlier = {
        (subject_id, source, day): value
        for subject_id, source, day, value in MetricSample.objects.filter(
            subject_kind=SubjectKind.ACCOUNT,
            metric=Metric.FOLLOWERS,
            subject_id__in={subject_id for subject_id, _ in latest},
            day__in={day - datetime.timedelta(days=DROP_WINDOW_DAYS) for day, _ in latest.values()},
        ).values_list("subject_id", "source", "day", "value")
    }
    dropped: dict[int, tuple[int, int]] = {}
    for (subject_id, source), (day, value) in latest.items():
        before = earlier.get((subject_id, source, day - datetime.timedelta(days=DROP_WINDOW_DAYS)))
        if before and (before - value) * 100 >= settings.ALERT_FOLLOWER_DROP_PERCENT * before:
            dropped.setdefault(subject_id, (before, value))
    accounts = SocialAccount.objects.in_bulk(dropped.keys())
    return [
        _drop_alert(accounts.get(subject_id), subject_id, before, value)
        for subject_id, (before, value) in sorted(dropped.items())
    ]


def _drop_alert(account: SocialAccount | None, subject_id: int, before: int, value: int) -> Alert:
    name = f"{account.handle} ({account.get_network_display()})" if account else f"#{subject_id}"
    percent = (before - value) * 100 / before
    return Alert(
        subject=f"Peringatan: pengikut {name} turun tajam"[:200],
        body=(
            f"Pengikut {name}: {_thousands(value)} sekarang, {_thousands(before)} tujuh hari "
            f"sebelumnya (turun {_number(percent)} %)."
        ),
        url=_url("campaigns_account:edit", subject_id) if account else "",
    )


def _send_once_today(alert: Alert) -> bool:
    start = datetime.datetime.combine(
        timezone.localtime(timezone.now(), wib()).date(), datetime.time.min, tzinfo=wib()
    )
    if Notification.objects.filter(subject=alert.subject, created_at__gte=start).exists():
        return False
    notify(heads_of_humas(), alert.subject, alert.body, alert.url)
    return True


def _number(value: float) -> str:
    """One decimal, Indonesian decimal comma: 2,5."""
    return f"{value:.1f}".replace(".", ",")


def _thousands(value: int) -> str:
    """Indonesian thousands separator: 10.000."""
    return f"{value:,}".replace(",", ".")


def _url(name: str, *args: object) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
