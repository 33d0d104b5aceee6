"""Is the scheduler alive? Computed from the database, so a stopped beat or worker shows in
the admin even when nothing else complains.

The beat writes the "dispatch" heartbeat on every tick. A tick older than 3 intervals is a
warning, older than 10 (or none at all) means the beat has stopped. Rows that wait too long
for a worker (claimed, never started) or that overstay a publish mean the workers are not
keeping up, which is a warning even while the beat ticks.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from . import states
from .clock import HEARTBEAT
from .models import Delivery, DeliveryStatus, SchedulerHeartbeat

HEALTHY, LATE, STOPPED = "sehat", "terlambat", "berhenti"
WARN_AFTER_TICKS = 3
STOPPED_AFTER_TICKS = 10
LATE_AFTER_TICKS = 2
# A claimed row is normally taken by a worker within seconds.
WORKER_PICKUP_SECONDS = 60
FAILED_WINDOW = timedelta(hours=24)

STATUS_LABELS = {
    HEALTHY: "Sehat",
    LATE: "Terlambat",
    STOPPED: "Berhenti",
}


@dataclass(frozen=True)
class SchedulerHealth:
    checked_at: datetime
    tick_seconds: int
    last_tick_at: datetime | None
    due_now: int
    late: int
    unconfirmed: int
    held: int
    failed_24h: int
    stuck: int
    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def tick_age_seconds(self) -> float | None:
        if self.last_tick_at is None:
            return None
        return max(0.0, (self.checked_at - self.last_tick_at).total_seconds())

    @property
    def age_text(self) -> str:
        return describe_age(self.tick_age_seconds)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_healthy(self) -> bool:
        return self.status == HEALTHY


def tick_status(age_seconds: float | None, tick_seconds: int) -> str:
    """The beat's state from the age of its last tick alone."""
    if age_seconds is None or age_seconds > STOPPED_AFTER_TICKS * tick_seconds:
        return STOPPED
    if age_seconds > WARN_AFTER_TICKS * tick_seconds:
        return LATE
    return HEALTHY


def scheduler_health(now: datetime | None = None) -> SchedulerHealth:
    """Two queries: the heartbeat row and one aggregate over the deliveries that matter."""
    now = now or timezone.now()
    tick_seconds = settings.DISPATCH_TICK_SECONDS
    last_tick_at = (
        SchedulerHeartbeat.objects.filter(name=HEARTBEAT)
        .values_list("last_run_at", flat=True)
        .first()
    )
    waiting = states.MAY_BE_MISSED
    due = states.DUE
    stuck = Q(
        status=DeliveryStatus.CLAIMED,
        claimed_at__lt=now - timedelta(seconds=WORKER_PICKUP_SECONDS),
    ) | Q(
        status=DeliveryStatus.PUBLISHING,
        claimed_at__lt=now - timedelta(seconds=settings.DISPATCH_PUBLISH_TIMEOUT_SECONDS),
    )
    counts = Delivery.objects.filter(
        status__in=[
            *due,
            DeliveryStatus.UNCONFIRMED,
            DeliveryStatus.HELD,
            DeliveryStatus.FAILED,
            DeliveryStatus.CLAIMED,
            DeliveryStatus.PUBLISHING,
        ]
    ).aggregate(
        due_now=Count("pk", filter=Q(status__in=due, due_at__lte=now)),
        late=Count(
            "pk",
            filter=Q(
                status__in=waiting,
                due_at__lt=now - timedelta(seconds=LATE_AFTER_TICKS * tick_seconds),
            ),
        ),
        unconfirmed=Count("pk", filter=Q(status__in=states.OUTCOME_UNKNOWN)),
        held=Count("pk", filter=Q(status=DeliveryStatus.HELD)),
        failed_24h=Count(
            "pk", filter=Q(status=DeliveryStatus.FAILED, updated_at__gte=now - FAILED_WINDOW)
        ),
        stuck=Count("pk", filter=stuck),
    )
    age = None if last_tick_at is None else (now - last_tick_at).total_seconds()
    status = tick_status(age, tick_seconds)
    reasons = _reasons(status, age, tick_seconds, counts)
    if status == HEALTHY and (counts["late"] or counts["stuck"]):
        status = LATE
    return SchedulerHealth(
        checked_at=now,
        tick_seconds=tick_seconds,
        last_tick_at=last_tick_at,
        status=status,
        reasons=reasons,
        **counts,
    )


def _reasons(
    status: str, age: float | None, tick_seconds: int, counts: dict[str, int]
) -> list[str]:
    """What is wrong, in plain words, for the people who must call IT."""
    reasons = []
    if age is None:
        reasons.append("Penjadwal (celery beat) belum pernah berjalan.")
    elif status != HEALTHY:
        reasons.append(
            f"Detak terakhir {_duration(age)} lalu; seharusnya tiap {tick_seconds} detik. "
            "Periksa proses celery beat."
        )
    if counts["late"]:
        reasons.append(f"{counts['late']} pengiriman sudah lewat waktunya tetapi belum diambil.")
    if counts["stuck"]:
        reasons.append(
            f"{counts['stuck']} pengiriman menunggu pekerja terlalu lama. "
            "Periksa proses celery worker."
        )
    return reasons


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} detik"
    if seconds < 2 * 3600:
        return f"{seconds // 60} menit"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} jam"
    return f"{seconds // 86400} hari"


def describe_age(seconds: float | None) -> str:
    """'12 detik', '5 menit', … for templates."""
    return "—" if seconds is None else _duration(seconds)


def heartbeat_readiness() -> str:
    """Readiness of workers and beat (core.probes): the dispatch tick ran lately. A beat
    that stopped ticking, or never ticked, leaves every due delivery unsent."""
    last_tick_at = (
        SchedulerHeartbeat.objects.filter(name=HEARTBEAT)
        .values_list("last_run_at", flat=True)
        .first()
    )
    age = None if last_tick_at is None else (timezone.now() - last_tick_at).total_seconds()
    if tick_status(age, settings.DISPATCH_TICK_SECONDS) == STOPPED:
        when = "belum pernah" if age is None else f"{describe_age(age)} lalu"
        raise RuntimeError(f"detak penjadwal terakhir: {when}")
    return f"detak penjadwal {age:.0f} detik lalu"
