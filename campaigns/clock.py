"""The dispatcher's clock: what beat runs every few seconds (``campaigns.tasks.dispatch_tick``).

``tick`` expires overdue approvals, sweeps rows whose worker vanished, and claims the due
deliveries under SKIP LOCKED, a batch per transaction; each batch is enqueued on the
``publish`` queue when it commits. A message is only a wake-up call: ``dispatch.run_delivery``
decides, from the row, whether anything is sent.
"""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import approvals, states
from . import dispatch_notices as notices
from .models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryStatus, SchedulerHeartbeat

HEARTBEAT = "dispatch"
# The worker's task for one delivery (``campaigns.tasks.publish_delivery``), sent by name.
PUBLISH_TASK = "campaigns.tasks.publish_delivery"


@dataclass
class TickResult:
    claimed: list[int]
    missed: int
    expired: int
    swept: int
    duration_ms: float


def tick(now: datetime | None = None) -> TickResult:
    """One beat of the clock. Safe to run concurrently: rows are claimed under SKIP LOCKED."""
    started = time.perf_counter()
    now = now or timezone.now()
    expired = approvals.expire_overdue(now)
    swept = sweep_stuck(now)
    claimed, missed = claim_due(now)
    duration_ms = (time.perf_counter() - started) * 1000
    SchedulerHeartbeat.objects.update_or_create(
        name=HEARTBEAT,
        defaults={"last_run_at": now, "duration_ms": duration_ms, "claimed": len(claimed)},
    )
    return TickResult(claimed, missed, expired, swept, duration_ms)


def claim_due(now: datetime) -> tuple[list[int], int]:
    """Claim every due row, a batch at a time, up to ``DISPATCH_CLAIM_PER_TICK``: each batch
    is its own transaction and is enqueued as it commits, so workers start on the first
    batch while the tick claims the next (10,000 due at once are not spread over ticks)."""
    claimed: list[int] = []
    missed = 0
    size = settings.DISPATCH_BATCH_SIZE
    while len(claimed) + missed < settings.DISPATCH_CLAIM_PER_TICK:
        batch, late = _claim_batch(now, size)
        claimed += batch
        missed += late
        if len(batch) + late < size:
            break
    return claimed, missed


def _claim_batch(now: datetime, size: int) -> tuple[list[int], int]:
    """Claim up to ``size`` due rows (SKIP LOCKED: ticks racing take different rows) with
    one SELECT and one conditional UPDATE, and enqueue them after commit; rows too late
    become ``missed``."""
    late_before = now - timedelta(minutes=settings.DISPATCH_MISSED_AFTER_MINUTES)
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status__in=states.DUE, due_at__lte=now)
            .order_by("due_at")
            .values_list("id", "status", "scheduled_for")[:size]
        )
        missed = [
            pk
            for pk, status, scheduled_for in rows
            # A row that may already be out there (checking) is checked, never missed.
            if status in states.MAY_BE_MISSED and scheduled_for and scheduled_for < late_before
        ]
        late = set(missed)
        claimed = [pk for pk, *_ in rows if pk not in late]
        if claimed:
            states.move(
                Delivery.objects.filter(pk__in=claimed),
                DeliveryStatus.CLAIMED,
                by=states.MACHINE,
                claimed_at=now,
            )
        if missed:
            states.move(
                Delivery.objects.filter(pk__in=missed),
                DeliveryStatus.MISSED,
                by=states.MACHINE,
                due_at=None,
                status_reason=(
                    f"Terlambat lebih dari {settings.DISPATCH_MISSED_AFTER_MINUTES} menit "
                    "dari waktu tayang: tidak dikirim agar tidak menayangkan berita basi."
                ),
            )
            transaction.on_commit(lambda: notices.missed(missed))
        if claimed:
            transaction.on_commit(lambda: enqueue(claimed))
    return claimed, len(missed)


def enqueue(delivery_ids: list[int]) -> None:
    """The claimed deliveries to the publish queue, through one broker connection and
    producer for the whole batch, its messages sent together (kombu's publish batch: one
    Redis pipeline, where the transport allows it) rather than a round trip each. A batch
    that fails leaves its rows claimed: the sweep requeues them. The task is named, not
    imported: the tasks call the dispatcher, never the reverse."""
    size = per_message(len(delivery_ids))
    with current_app.producer_or_acquire() as producer, producer.batch():
        for start in range(0, len(delivery_ids), size):
            ids = delivery_ids[start : start + size]
            current_app.send_task(
                PUBLISH_TASK,
                args=ids,
                queue=settings.DISPATCH_QUEUE,
                producer=producer,
                argsrepr=repr(ids),  # short integers: Celery's saferepr is a third of a send
                kwargsrepr="{}",
            )


def per_message(claimed: int) -> int:
    """How many deliveries one message carries. A few claimed at once go one per message,
    to as many threads; a burst is shared out so at least ``DISPATCH_PARALLEL_MESSAGES``
    messages keep the node's threads busy, each carrying at most
    ``DISPATCH_DELIVERIES_PER_MESSAGE`` (the broker's and Celery's work per message, a third
    of a delivery's CPU, is then shared by them)."""
    wanted = -(-claimed // settings.DISPATCH_PARALLEL_MESSAGES)  # ceiling division
    return max(1, min(settings.DISPATCH_DELIVERIES_PER_MESSAGE, wanted))


def sweep_stuck(now: datetime) -> int:
    """Rows whose worker vanished: a claim never started goes back to the queue (nothing was
    sent); a publish never finished becomes ``unconfirmed`` (something may have been sent)."""
    claim_timeout = now - timedelta(seconds=settings.DISPATCH_CLAIM_TIMEOUT_SECONDS)
    publish_timeout = now - timedelta(seconds=settings.DISPATCH_PUBLISH_TIMEOUT_SECONDS)
    unstarted = Delivery.objects.filter(status=DeliveryStatus.CLAIMED, claimed_at__lt=claim_timeout)
    requeued = states.move(
        unstarted.filter(needs_reconcile=False),
        DeliveryStatus.SCHEDULED,
        by=states.MACHINE,
        due_at=now,
    ) + states.move(
        unstarted.filter(needs_reconcile=True),
        DeliveryStatus.CHECKING,
        by=states.MACHINE,
        due_at=now,
    )
    with transaction.atomic():
        # Locked, so a worker renewing its claim at this moment waits, then finds it gone.
        stuck = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PUBLISHING, claimed_at__lt=publish_timeout)
            .values_list("pk", flat=True)
        )
        if stuck:
            states.move(
                Delivery.objects.filter(pk__in=stuck),
                DeliveryStatus.CHECKING,
                by=states.MACHINE,
                due_at=now,
                status_reason="Pekerja berhenti atau terlalu lama di tengah pengiriman: dicek "
                "ulang ke platform.",
            )
            DeliveryAttempt.objects.filter(
                delivery_id__in=stuck, outcome=AttemptOutcome.IN_PROGRESS
            ).update(
                outcome=AttemptOutcome.UNKNOWN,
                finished_at=now,
                message="Pekerja berhenti sebelum ada jawaban.",
            )
    return requeued + len(stuck)
