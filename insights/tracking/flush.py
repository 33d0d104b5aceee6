"""Moving counted page views and link clicks from Redis into PostgreSQL.

Every minute (beat) the list the requests append to is renamed to a processing list, its
events are inserted as ``TrafficEvent`` rows (the event id is the primary key: inserting
twice inserts once), and then the processing list is deleted. A worker that dies anywhere in
between leaves the processing list behind; the next run finishes it first, so nothing is
lost and nothing counted twice.

The daily numbers are not added up in Python: for every (page or link, WIB day) touched, the
day's total is counted in SQL from ``TrafficEvent`` and upserted as a ``MetricSample``, so
running the flush again writes the same numbers.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from celery import shared_task
from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.indonesian import WIB

from ..collectors.store import Sample, daily_run, upsert_samples
from ..models import (
    CollectionRun,
    Collector,
    Metric,
    RunStatus,
    Source,
    SubjectKind,
    TrackedLink,
    TrafficEvent,
    TrafficKind,
)
from . import events

logger = logging.getLogger(__name__)

LOCK_ID = 0x7472_6166  # "traf": one flush at a time
# Events written straight to the database (no Redis, or Redis down) are found by time:
# everything since the previous run finished, with this margin for clocks and slow commits.
DIRECT_WRITE_MARGIN = datetime.timedelta(minutes=5)
INSERT_BATCH = 5000
MAX_BATCHES_PER_RUN = 20

Touched = dict[str, set[tuple[int, datetime.date]]]  # kind -> {(subject id, WIB day)}


@shared_task(name="insights.flush_traffic", ignore_result=True)
def flush_traffic() -> int:
    return flush()


def flush() -> int:
    """Move waiting events into the database and refresh the daily totals they touch.
    Returns the number of daily samples written."""
    with _one_at_a_time() as alone:
        if not alone:
            return 0
        since = _previous_run_end()
        with daily_run(Collector.SITE_TRAFFIC, "Kunjungan halaman dan klik tautan") as run:
            written = 0
            try:
                for _ in range(MAX_BATCHES_PER_RUN):
                    raw = _take()
                    if raw is None:
                        break
                    with transaction.atomic():
                        touched = _insert(raw)
                        written += refresh_totals(touched)
                    _done()
            except redis.RedisError as error:
                # The requests wrote to the database meanwhile; those are still counted below.
                run.status = RunStatus.PARTIAL
                run.message = f"Redis tidak terjangkau ({type(error).__name__}). "
            with transaction.atomic():
                written += refresh_totals(_directly_written_since(since))
            run.samples_written = written
            run.message += f"{written} sampel harian diperbarui."
        prune_runs()
        return written


# The flush runs every minute, but its successful runs fold into one row per day
# (``daily_run``); those are kept 90 days. Failed and partial runs stay: they explain gaps.
KEEP_OK_RUNS = datetime.timedelta(days=90)


def prune_runs() -> int:
    cutoff = timezone.now() - KEEP_OK_RUNS
    deleted, _ = CollectionRun.objects.filter(
        collector=Collector.SITE_TRAFFIC, status=RunStatus.OK, started_at__lt=cutoff
    ).delete()
    return deleted


@contextmanager
def _one_at_a_time() -> Iterator[bool]:
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_ID])
        alone = cursor.fetchone()[0]
    try:
        yield alone
    finally:
        if alone:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])


def _previous_run_end() -> datetime.datetime | None:
    """When the last successful flush finished (the day's row keeps the latest finish);
    ``DIRECT_WRITE_MARGIN`` covers events committed while it ran."""
    return (
        CollectionRun.objects.filter(collector=Collector.SITE_TRAFFIC, status=RunStatus.OK)
        .order_by(F("finished_at").desc(nulls_last=True))
        .values_list("finished_at", flat=True)
        .first()
    )


def _take() -> list[bytes | str] | None:
    """The events of the processing list — left by a run that died, or renamed from the
    list requests append to — or None when nothing waits."""
    store = events.client()
    if store is None:
        return None
    waiting, processing = events.keys()
    if not store.exists(processing):
        if not store.exists(waiting):
            return None
        store.renamenx(waiting, processing)  # atomic: requests go on appending to a new list
    return store.lrange(processing, 0, -1)


def _done() -> None:
    store = events.client()
    if store is not None:
        store.delete(events.keys()[1])


def _insert(raw: list[bytes | str]) -> Touched:
    parsed = [item for item in map(events.parse, raw) if item is not None]
    if len(parsed) < len(raw):
        logger.warning("Skipped %d malformed traffic events", len(raw) - len(parsed))
    link_ids = {subject for kind, subject, _ in parsed if kind == "c"}
    known_links = set(TrackedLink.objects.filter(pk__in=link_ids).values_list("pk", flat=True))
    rows, touched = [], defaultdict(set)
    for kind, subject, event_id in parsed:
        if kind == "c" and subject not in known_links:
            continue  # the link was deleted meanwhile
        fields = events.event_fields(kind, subject, event_id)
        rows.append(TrafficEvent(**fields))
        touched[fields["kind"]].add((subject, fields["occurred_at"].astimezone(WIB).date()))
    TrafficEvent.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
    return touched


def _directly_written_since(since: datetime.datetime | None) -> Touched:
    """(subject, day) of events written to the database since the previous run."""
    queryset = TrafficEvent.objects.all()
    if since is not None:
        queryset = queryset.filter(occurred_at__gte=since - DIRECT_WRITE_MARGIN)
    touched: Touched = defaultdict(set)
    rows = (
        queryset.annotate(day=TruncDate("occurred_at", tzinfo=WIB))
        .values_list("kind", "page_id", "link_id", "day")
        .distinct()
    )
    for kind, page_id, link_id, day in rows:
        subject = page_id if kind == TrafficKind.PAGE_VIEW else link_id
        if subject is not None:  # refresh_totals would leave it out
            touched[kind].add((subject, day))
    return touched


def _day_bounds(days: set[datetime.date]) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(min(days), datetime.time(), tzinfo=WIB)
    end = datetime.datetime.combine(max(days), datetime.time(), tzinfo=WIB)
    return start, end + datetime.timedelta(days=1)


def refresh_totals(touched: Touched) -> int:
    """Count each touched (subject, WIB day) in SQL and upsert it: idempotent by design."""
    samples = []
    views = {pair for pair in touched.get(TrafficKind.PAGE_VIEW, ()) if pair[0] is not None}
    if views:
        for page_id, day, total in _daily_counts(TrafficKind.PAGE_VIEW, "page_id", views):
            samples.append(
                Sample(SubjectKind.PAGE, page_id, Metric.PAGE_VIEWS, day, Source.SITE, total)
            )
    clicks = {pair for pair in touched.get(TrafficKind.LINK_CLICK, ()) if pair[0] is not None}
    if clicks:
        links = {
            row["pk"]: row
            for row in TrackedLink.objects.filter(pk__in={link for link, _ in clicks}).values(
                "pk", "campaign_id", "network", "delivery__account_id"
            )
        }
        for link_id, day, total in _daily_counts(TrafficKind.LINK_CLICK, "link_id", clicks):
            link = links.get(link_id)
            if link is None:
                continue
            samples.append(
                Sample(
                    SubjectKind.LINK,
                    link_id,
                    Metric.LINK_CLICKS,
                    day,
                    Source.LINKS,
                    total,
                    account_id=link["delivery__account_id"],
                    campaign_id=link["campaign_id"],
                    network=link["network"],
                )
            )
    return upsert_samples(samples) if samples else 0


def _daily_counts(
    kind: str, field: str, pairs: set[tuple[int, datetime.date]]
) -> list[tuple[int, datetime.date, int]]:
    """(subject, day, count) for the touched pairs, counted by PostgreSQL."""
    start, end = _day_bounds({day for _, day in pairs})
    rows = (
        TrafficEvent.objects.filter(
            kind=kind,
            occurred_at__gte=start,
            occurred_at__lt=end,
            **{f"{field}__in": {subject for subject, _ in pairs}},
        )
        .annotate(day=TruncDate("occurred_at", tzinfo=WIB))
        .values_list(field, "day")
        .annotate(total=Count("id"))
    )
    return [(subject, day, total) for subject, day, total in rows if (subject, day) in pairs]
