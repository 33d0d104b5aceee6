"""Writing metrics: one row per (subject, metric, day, source), upserted, so collecting the
same day twice never doubles a number; and one ``CollectionRun`` per run, so a failed
collection is a visible gap with its reason, never a zero."""

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import CollectionRun, MetricSample, RunStatus

UNIQUE_FIELDS = ["subject_kind", "subject_id", "metric", "day", "source"]
UPDATED_FIELDS = ["value", "status", "collected_at", "account", "campaign", "network"]


@dataclass(frozen=True)
class Sample:
    subject_kind: str
    subject_id: int
    metric: str
    day: datetime.date
    source: str
    value: int
    status: str = "ok"
    account_id: int | None = None
    campaign_id: int | None = None
    network: str = ""


def upsert_samples(samples: Iterable[Sample], *, batch_size: int = 2000) -> int:
    """Insert or update; a value that is missing is simply not written (never a zero)."""
    now = timezone.now()
    rows = [
        MetricSample(
            subject_kind=s.subject_kind,
            subject_id=s.subject_id,
            metric=s.metric,
            day=s.day,
            source=s.source,
            value=int(s.value),
            status=s.status,
            account_id=s.account_id,
            campaign_id=s.campaign_id,
            network=s.network,
            collected_at=now,
        )
        for s in samples
        if s.value is not None
    ]
    # One row per key per statement: PostgreSQL refuses to update a row twice in one upsert.
    unique = {(r.subject_kind, r.subject_id, r.metric, r.day, r.source): r for r in rows}
    MetricSample.objects.bulk_create(
        unique.values(),
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=UNIQUE_FIELDS,
        update_fields=UPDATED_FIELDS,
    )
    return len(unique)


class RateLimited(Exception):
    """The source asks us to come back later (e.g. instaloader's 429): retry, don't block."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


@contextmanager
def collection_run(collector: str, subject: str = "", account=None) -> Iterator[CollectionRun]:
    """Record a run: ``ok`` when the block finishes, ``partial`` if it set that status,
    ``rate_limited`` or ``failed`` (with the message) when it raises. The exception is
    re-raised so the task can retry or move on to the next subject."""
    run = CollectionRun.objects.create(
        collector=collector,
        subject=subject[:200],
        account=account,
        started_at=timezone.now(),
        status=RunStatus.RUNNING,
    )
    try:
        yield run
    except RateLimited as error:
        _finish(run, RunStatus.RATE_LIMITED, str(error))
        raise
    except Exception as error:
        _finish(run, RunStatus.FAILED, str(error) or type(error).__name__)
        raise
    else:
        status = run.status if run.status == RunStatus.PARTIAL else RunStatus.OK
        _finish(run, status, run.message)


def _finish(run: CollectionRun, status: str, message: str) -> None:
    run.status = status
    run.message = message[:2000]
    run.finished_at = timezone.now()
    # Outside any failed transaction of the collector: the record must survive.
    with transaction.atomic():
        run.save(update_fields=["status", "message", "finished_at", "samples_written"])
