"""Daily mention volume for the whole office: the number of clippings per WIB day, counted in
SQL and upserted as a ``MetricSample`` (office, mentions, clippings), so counting a day again
gives the same number however often it runs.

A day without clippings has no row: no mention is a count of zero, not a failed collection
(a failed feed shows in its ``CollectionRun``)."""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate

from ..collectors import rollups
from ..collectors.store import Sample, upsert_samples
from ..models import Clipping, Metric, MetricSample, Outlet, Source, SubjectKind

OFFICE_SUBJECT_ID = 0


def wib() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def wib_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(wib()).date()


def mainstream_clippings() -> QuerySet[Clipping]:
    """What the office counts as coverage: clippings from outlets flagged "media arus utama",
    and those an analyst typed in without an outlet."""
    return Clipping.objects.filter(Q(outlet__isnull=True) | Q(outlet__is_mainstream=True))


def daily_counts(first: datetime.date, last: datetime.date) -> dict[datetime.date, int]:
    """Mainstream clippings per WIB day from ``first`` to ``last`` inclusive (days with none
    left out)."""
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=wib())
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, wib())
    rows = (
        mainstream_clippings()
        .filter(published_at__gte=start, published_at__lt=end)
        .annotate(day=TruncDate("published_at", tzinfo=wib()))
        .values("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    return dict(rows)


def refresh_mentions(days: Iterable[datetime.date]) -> int:
    """Recount ``days`` and upsert their samples; a day now without clippings loses its row."""
    days = set(days)
    if not days:
        return 0
    counts = {
        day: count for day, count in daily_counts(min(days), max(days)).items() if day in days
    }
    with transaction.atomic():
        _write(days, counts)
    return len(counts)


def _write(days: set[datetime.date], counts: dict[datetime.date, int]) -> None:
    upsert_samples(
        Sample(
            subject_kind=SubjectKind.OFFICE,
            subject_id=OFFICE_SUBJECT_ID,
            metric=Metric.MENTIONS,
            day=day,
            source=Source.CLIPPINGS,
            value=count,
        )
        for day, count in counts.items()
    )
    MetricSample.objects.filter(
        subject_kind=SubjectKind.OFFICE,
        subject_id=OFFICE_SUBJECT_ID,
        metric=Metric.MENTIONS,
        source=Source.CLIPPINGS,
        day__in=days - counts.keys(),
    ).delete()
    rollups.refresh({(SubjectKind.OFFICE, Metric.MENTIONS, day) for day in days})


def refresh_outlet_mentions(outlet: Outlet) -> int:
    """Recount every day with a clipping of ``outlet`` (its mainstream flag changed)."""
    days = {wib_day(moment) for moment in outlet.clippings.values_list("published_at", flat=True)}
    return refresh_mentions(days)
