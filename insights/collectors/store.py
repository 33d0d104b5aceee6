"""Writing metrics: one row per (subject, metric, day, source), upserted, so collecting the
same day twice never doubles a number; and one ``CollectionRun`` per run, so a failed
collection is a visible gap with its reason, never a zero."""

import datetime
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests
from django.db import transaction
from django.utils import timezone

from campaigns.models import SocialAccount
from core.indonesian import WIB

from ..models import CollectionRun, MetricSample, RunStatus
from . import rollups

logger = logging.getLogger(__name__)

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
    """Insert or update; a value that is missing is simply not written (never a zero). The
    daily rollups the samples feed are recounted in the same transaction."""
    samples = [s for s in samples if s.value is not None]
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
    ]
    # One row per key per statement: PostgreSQL refuses to update a row twice in one upsert.
    unique = {(r.subject_kind, r.subject_id, r.metric, r.day, r.source): r for r in rows}
    touched, campaigns = rollups.touched_by(samples)
    with transaction.atomic():
        campaigns |= rollups.campaigns_of_posts(samples)
        MetricSample.objects.bulk_create(
            unique.values(),
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=UNIQUE_FIELDS,
            update_fields=UPDATED_FIELDS,
        )
        rollups.refresh(touched, campaigns, rollups.posts_of(samples))
    return len(unique)


class Explained(Exception):
    """A failure whose message is already written for analysts, in plain Indonesian.

    Any other exception is a library's or a bug's: its text never reaches the status page
    (see ``plain_reason``)."""


class RateLimited(Explained):
    """The source asks us to come back later (e.g. instaloader's 429): retry, don't block."""

    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


@contextmanager
def collection_run(
    collector: str, subject: str = "", account: SocialAccount | None = None
) -> Iterator[CollectionRun]:
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
        _finish(run, RunStatus.FAILED, plain_reason(error))
        raise
    else:
        status = run.status if run.status == RunStatus.PARTIAL else RunStatus.OK
        _finish(run, status, run.message)


def plain_reason(error: BaseException) -> str:
    """What an analyst reads on the status page: our own explanation, or a plain Indonesian
    sentence for the kind of failure; a library's message (which may carry a URL or a token)
    goes to the log only."""
    if isinstance(error, Explained):
        return str(error) or type(error).__name__
    if isinstance(error, requests.Timeout):
        return "Sumber tidak menjawab tepat waktu; dicoba lagi pada jadwal berikutnya."
    if isinstance(error, requests.ConnectionError):
        return (
            "Sumber tidak dapat dihubungi (jaringan atau nama server); dicoba lagi pada jadwal "
            "berikutnya."
        )
    if isinstance(error, requests.RequestException):
        return "Permintaan ke sumber gagal; dicoba lagi pada jadwal berikutnya."
    # The type only: a library's message may quote a URL with a token in it.
    logger.warning("Collector failed unexpectedly: %s", type(error).__name__)
    return (
        f"Galat tak terduga di server ({type(error).__name__}); rinciannya ada di log teknis. "
        "Hubungi administrator bila berulang."
    )


@contextmanager
def daily_run(collector: str, subject: str = "") -> Iterator[CollectionRun]:
    """For a collector that runs every minute: successful runs fold into one row per WIB day
    (how many samples, when it last ran), so the status page isn't a wall of identical rows;
    a failure or a partial run still gets a row of its own, as it explains a gap.

    The row is written only at the end: nothing shows as "running" for a few seconds."""
    started = timezone.now()
    run = CollectionRun(
        collector=collector, subject=subject[:200], started_at=started, status=RunStatus.RUNNING
    )
    try:
        yield run
    except Exception as error:
        status = RunStatus.RATE_LIMITED if isinstance(error, RateLimited) else RunStatus.FAILED
        _finish(run, status, plain_reason(error))
        raise
    if run.status == RunStatus.PARTIAL:
        _finish(run, RunStatus.PARTIAL, run.message)
        return
    day_start = started.astimezone(WIB).replace(hour=0, minute=0, second=0, microsecond=0)
    today = (
        CollectionRun.objects.filter(
            collector=collector, status=RunStatus.OK, started_at__gte=day_start
        )
        .order_by("-started_at")
        .first()
    )
    if today is None:
        _finish(run, RunStatus.OK, run.message)
        return
    today.samples_written += run.samples_written
    today.message = f"Terakhir {timezone.localtime(started, WIB):%H.%M} WIB: {run.message}"
    today.finished_at = timezone.now()
    with transaction.atomic():
        today.save(update_fields=["message", "finished_at", "samples_written"])
    run.pk = today.pk


def _finish(run: CollectionRun, status: str, message: str) -> None:
    run.status = status
    run.message = message[:2000]
    run.finished_at = timezone.now()
    # Outside any failed transaction of the collector: the record must survive.
    with transaction.atomic():
        if run.pk is None:
            run.save()
        else:
            run.save(update_fields=["status", "message", "finished_at", "samples_written"])
