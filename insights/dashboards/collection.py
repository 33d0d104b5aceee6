"""Whether the measuring itself is healthy: the days a collector failed, the gaps that leaves
in a chart (a missing day is not a zero), and each collector's latest run."""

import datetime

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncDate

from campaigns.views.common import WIB

from ..models import CollectionRun, Collector, Metric, RunStatus
from . import queries

# Which collectors fill a metric: a failed run of one of them explains a missing day.
COLLECTORS: dict[str, list[Collector]] = {
    Metric.FOLLOWERS: [
        Collector.INSTAGRAM_PUBLIC,
        Collector.INSTAGRAM_INSIGHTS,
        Collector.FACEBOOK_INSIGHTS,
        Collector.TELEGRAM_MEMBERS,
    ],
    Metric.PAGE_VIEWS: [Collector.SITE_TRAFFIC],
    Metric.LINK_CLICKS: [Collector.SITE_TRAFFIC],
    Metric.MENTIONS: [Collector.NEWS_FEEDS],
}
INSIGHTS = [Collector.INSTAGRAM_INSIGHTS, Collector.FACEBOOK_INSIGHTS, Collector.X_METRICS]
FAILED = (RunStatus.FAILED, RunStatus.RATE_LIMITED)


def failed_runs(start: datetime.date, end: datetime.date) -> dict[str, dict[datetime.date, int]]:
    """Per collector, the WIB days on which it failed or was rate limited (one query)."""
    rows = (
        CollectionRun.objects.filter(status__in=FAILED)
        .annotate(day=TruncDate("started_at", tzinfo=WIB))
        .filter(day__gte=start, day__lte=end)
        .values("collector", "day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[str, dict[datetime.date, int]] = {}
    for row in rows:  # one row per (collector, day)
        result.setdefault(row["collector"], {})[row["day"]] = row["n"]
    return result


def gaps(
    metric: str,
    series: dict[datetime.date, object],
    failures: dict[str, dict[datetime.date, int]],
    counts: dict[datetime.date, int] | None = None,
) -> dict[datetime.date, str]:
    """Days on which a collector of the metric failed and the day has no sample, or fewer
    subjects than the range's other days (a partial sum would draw a false dip)."""
    full = max(counts.values(), default=0) if counts else 0
    result: dict[datetime.date, str] = {}
    for collector in COLLECTORS.get(metric, INSIGHTS):
        for day, count in failures.get(collector, {}).items():
            if day in series and (counts or {}).get(day, full) >= full:
                continue
            label = Collector(collector).label
            result[day] = f"{result[day]}; " if day in result else ""
            result[day] += f"{label}: {count} kali gagal"
    return dict(sorted(result.items()))


def collector_status() -> list[CollectionRun]:
    """The latest run of each collector (one query, a window function)."""
    if fast := queries._postgres():
        runs: list[CollectionRun] = fast.collector_status()
        return runs
    latest = CollectionRun.objects.annotate(
        _rank=Window(
            RowNumber(),
            partition_by=[F("collector")],
            order_by=[F("started_at").desc(), F("pk").desc()],
        )
    ).filter(_rank=1)
    return list(CollectionRun.objects.filter(pk__in=latest.values("pk")).order_by("collector"))
