"""Daily rollups (``DailyRollup``) kept in step with the samples they sum up.

Whoever writes samples (``store.upsert_samples``: the collectors and the traffic flush;
``refresh_mentions``) calls ``refresh`` in the same transaction, naming what it touched; the
touched days are recounted from the samples in SQL, so writing twice writes the same rows and
a day whose samples went away loses its rollup. The rules are the dashboards' own
(``dashboards.queries``): two sources of one subject on one day count once, the larger;
pages, links and mentions have one source; a campaign's post metrics are lifetime totals,
each post's latest reading carried forward.

Two writers touching the same metric at once (two collectors reading followers) take turns
on a PostgreSQL transaction lock, so neither writes a sum that misses the other's samples.
"""

import datetime
import zlib
from collections import defaultdict
from collections.abc import Iterable, Set
from typing import Protocol

from django.db import connection
from django.db.models import Count, Max, Min, Q, Sum

from ..models import DailyRollup, Metric, MetricSample, PostPeak, RollupSubject, SubjectKind
from ..models.metrics import POST_FLOWS


class Reading(Protocol):
    """What a batch's samples tell the rollups (``store.Sample``, which imports this module)."""

    @property
    def subject_kind(self) -> str: ...
    @property
    def subject_id(self) -> int: ...
    @property
    def metric(self) -> str: ...
    @property
    def day(self) -> datetime.date: ...
    @property
    def campaign_id(self) -> int | None: ...


LOCK_SPACE = 0x726F6C6C  # "roll"
# The subject kind whose samples make a metric's office figure (queries.subject_filter).
OFFICE_KIND: dict[str, str] = {
    Metric.PAGE_VIEWS: SubjectKind.PAGE,
    Metric.LINK_CLICKS: SubjectKind.LINK,
    Metric.MENTIONS: SubjectKind.OFFICE,
}
SINGLE_SOURCE = set(OFFICE_KIND)

Touched = set[tuple[str, str, datetime.date]]  # (subject kind, metric, day)


def office_kind(metric: str) -> str:
    return OFFICE_KIND.get(metric, SubjectKind.ACCOUNT)


def touched_by(samples: Iterable[Reading]) -> tuple[Touched, set[int]]:
    """What a batch of samples touches: (kind, metric, day), and the campaigns of its posts."""
    touched, campaigns = set(), set()
    for sample in samples:
        touched.add((sample.subject_kind, sample.metric, sample.day))
        if sample.subject_kind == SubjectKind.DELIVERY and sample.campaign_id:
            campaigns.add(sample.campaign_id)
    return touched, campaigns


def posts_of(samples: Iterable[Reading]) -> set[int]:
    """The posts (deliveries) a batch of samples reads: their ``PostPeak`` rows are recounted."""
    return {s.subject_id for s in samples if s.subject_kind == SubjectKind.DELIVERY}


def campaigns_of_posts(samples: Iterable[Reading]) -> set[int]:
    """The campaigns the stored readings of these posts belong to now (before an upsert that
    may move them to another campaign: the old one's totals change too)."""
    keys = {(s.subject_id, s.metric, s.day) for s in samples if s.subject_kind == "delivery"}
    if not keys:
        return set()
    found = MetricSample.objects.filter(
        subject_kind=SubjectKind.DELIVERY,
        subject_id__in={k[0] for k in keys},
        metric__in={k[1] for k in keys},
        day__in={k[2] for k in keys},
        campaign_id__isnull=False,
    ).values_list("subject_id", "metric", "day", "campaign_id")
    return {campaign for *key, campaign in found if tuple(key) in keys}


def refresh(touched: Touched, campaigns: Iterable[int] = (), posts: Iterable[int] = ()) -> int:
    """Recount the rollups that the touched samples feed (``posts``: the deliveries read, for
    their ``PostPeak`` rows); call inside the writer's transaction. Returns the number of
    rollup rows written."""
    days_by_metric: dict[str, set[datetime.date]] = defaultdict(set)
    post_metrics = set()
    for kind, metric, day in touched:
        if kind == office_kind(metric):
            days_by_metric[metric].add(day)
        elif kind == SubjectKind.DELIVERY and metric in POST_FLOWS:
            post_metrics.add(metric)
    written = 0
    for metric in sorted(set(days_by_metric) | post_metrics):  # locks in one order: no deadlock
        _lock(metric)
        if days := days_by_metric.get(metric):
            written += _refresh_days(metric, days)
        if metric in post_metrics:
            for campaign_id in sorted(set(campaigns)):
                written += refresh_lifetime(campaign_id, metric)
    if posts and post_metrics:  # under the metrics' locks taken above
        written += refresh_peaks(set(posts), post_metrics)
    return written


def refresh_peaks(posts: set[int] | None, metrics: Set[str]) -> int:
    """The ``PostPeak`` rows of these posts (None: every post) and metrics, recounted from
    their samples: per campaign of the samples, first and last day read, largest value."""
    samples = MetricSample.objects.filter(subject_kind=SubjectKind.DELIVERY, metric__in=metrics)
    peaks = PostPeak.objects.filter(metric__in=metrics)
    if posts is not None:
        samples = samples.filter(subject_id__in=posts)
        peaks = peaks.filter(subject_id__in=posts)
    rows = [
        PostPeak(
            subject_id=r["subject_id"],
            metric=r["metric"],
            campaign_id=r["campaign_id"] or 0,
            first_day=r["first"],
            last_day=r["last"],
            peak=r["peak"],
        )
        for r in samples.values("subject_id", "metric", "campaign_id")
        .annotate(first=Min("day"), last=Max("day"), peak=Max("value"))
        .order_by()
    ]
    peaks.delete()
    PostPeak.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _lock(metric: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [LOCK_SPACE, zlib.crc32(metric.encode()) & 0x7FFFFFFF],
            )


def _refresh_days(metric: str, days: set[datetime.date]) -> int:
    """The office's rows of ``metric`` on ``days``, and the accounts' (followers, reach, …)
    or the campaigns' (link clicks) rows beneath them."""
    samples = MetricSample.objects.filter(
        subject_kind=office_kind(metric), metric=metric, day__in=days
    )
    rows: list[DailyRollup] = []
    if metric in SINGLE_SOURCE:
        per_day = samples.values("day").annotate(v=Sum("value"), n=Count("pk")).order_by()
        rows += [_row(RollupSubject.OFFICE, 0, metric, r["day"], r["v"], r["n"]) for r in per_day]
        if metric == Metric.LINK_CLICKS:
            per_campaign = (
                samples.filter(campaign_id__isnull=False)
                .values("campaign_id", "day")
                .annotate(v=Sum("value"), n=Count("pk"))
                .order_by()
            )
            rows += [
                _row(RollupSubject.CAMPAIGN, r["campaign_id"], metric, r["day"], r["v"], r["n"])
                for r in per_campaign
            ]
    else:
        per_account = samples.values("subject_id", "day").annotate(v=Max("value")).order_by()
        office: dict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])
        for r in per_account:  # one row per account and day
            rows.append(_row(RollupSubject.ACCOUNT, r["subject_id"], metric, r["day"], r["v"], 1))
            office[r["day"]][0] += r["v"]
            office[r["day"]][1] += 1
        rows += [_row(RollupSubject.OFFICE, 0, metric, d, v, n) for d, (v, n) in office.items()]
    # Never a campaign's lifetime rows of the same metric: those are refresh_lifetime's.
    types = [RollupSubject.OFFICE]
    if metric == Metric.LINK_CLICKS:
        types.append(RollupSubject.CAMPAIGN)
    elif metric not in SINGLE_SOURCE:
        types.append(RollupSubject.ACCOUNT)
    _replace(Q(subject_type__in=types, metric=metric, day__in=days), rows)
    return len(rows)


def refresh_lifetime(campaign_id: int, metric: str) -> int:
    """A campaign's lifetime total of a post metric for every day from its posts' first
    reading to their last: Σ of each post's latest reading so far (the larger of two sources
    on one day), and how many posts were read that day."""
    readings: dict[datetime.date, list[tuple[int, int]]] = defaultdict(list)
    rows = (
        MetricSample.objects.filter(
            subject_kind=SubjectKind.DELIVERY, campaign_id=campaign_id, metric=metric
        )
        .values("subject_id", "day")
        .annotate(v=Max("value"))
        .order_by()
    )
    for row in rows:
        readings[row["day"]].append((row["subject_id"], row["v"]))
    result, latest = [], {}
    if readings:
        day, last = min(readings), max(readings)
        while day <= last:
            for subject, value in readings.get(day, ()):
                latest[subject] = value
            count = len(readings.get(day, ()))
            result.append(
                _row(RollupSubject.CAMPAIGN, campaign_id, metric, day, sum(latest.values()), count)
            )
            day += datetime.timedelta(days=1)
    _replace(Q(subject_type=RollupSubject.CAMPAIGN, subject_id=campaign_id, metric=metric), result)
    return len(result)


def _row(
    subject_type: str, subject_id: int, metric: str, day: datetime.date, value: int, subjects: int
) -> DailyRollup:
    return DailyRollup(
        subject_type=subject_type,
        subject_id=subject_id,
        metric=metric,
        day=day,
        value=value,
        subjects=subjects,
    )


def _replace(where: Q, rows: list[DailyRollup]) -> None:
    """The rollups matching ``where`` become ``rows``: upserted, and those no longer backed by
    a sample deleted (the writer holds the metric's lock, so no one else writes them)."""
    keep = {(r.subject_type, r.subject_id, r.day) for r in rows}
    stale = [
        pk
        for pk, *key in DailyRollup.objects.filter(where).values_list(
            "pk", "subject_type", "subject_id", "day"
        )
        if tuple(key) not in keep
    ]
    if stale:
        DailyRollup.objects.filter(pk__in=stale).delete()
    DailyRollup.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["subject_type", "subject_id", "metric", "day"],
        update_fields=["value", "subjects"],
    )


def backfill(*, peaks: bool = True) -> int:
    """Every rollup rebuilt from the samples (after the table is added, or to repair it):
    ``manage.py backfill_rollups``. ``peaks``: the ``PostPeak`` rows too (migration 0017
    runs before their table exists (0020))."""
    from django.db import transaction

    touched = set(MetricSample.objects.values_list("subject_kind", "metric", "day").distinct())
    campaigns = set(
        MetricSample.objects.filter(subject_kind=SubjectKind.DELIVERY, campaign_id__isnull=False)
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    with transaction.atomic():
        DailyRollup.objects.all().delete()
        written = refresh(touched, campaigns)
        if peaks:
            written += refresh_peaks(None, POST_FLOWS)
        return written
