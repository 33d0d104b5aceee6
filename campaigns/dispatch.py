"""The dispatcher's publish run: each claimed delivery published exactly once, the unknown
reconciled.

``clock.tick`` claims due rows and enqueues them; a Celery message is only a wake-up call.
``run_delivery`` moves a row from ``claimed`` to ``publishing`` by a conditional update that
gives this run a fencing token, so a repeated message finds nothing to do, and every later
write holds that token. The request is only sent after ``publishing`` is committed; a crash
from then on leaves the row to the clock's sweep, which has the platform checked
(``checking``) before anything is sent again.
"""

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import dispatch_notices as notices
from . import holds, outgoing_links, publish_sql, states
from .models import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryStatus, SocialAccount
from .networks import http
from .networks.base import DeliveryError, Outgoing, OutgoingImage, Published
from .networks.registry import adapter_for
from .notify import heads_of_humas, notify, post_admin_url
from .token_refresh import Refreshing

logger = logging.getLogger(__name__)


def run_delivery(delivery_id: int, read: Delivery | None = None) -> str:
    """Publish (or reconcile) one claimed delivery. Returns what happened, for logs/tests.
    ``read``: the delivery as ``publish_sql.read_ahead`` read it with the rest of its message;
    it is only ever published as read. Anything else (a hold, a pause, or a row that changed
    since, which ``start`` refuses) reads it again first."""
    started = timezone.now()
    # Read without a row lock: the move to ``publishing`` below is the fence. It moves the row
    # only while it is still the claim read here (same claimed_at), so a repeated message,
    # or a run whose claim was swept and taken again meanwhile, moves nothing.
    delivery = read or publish_sql.read_claimed(delivery_id)
    if delivery is None:
        return "skipped"  # a repeated message, or the row moved on
    account = delivery.account
    if read is not None and (holds.hold_reason(account) or paused(account, delivery, started)):
        return run_delivery(delivery_id)
    if held_because := holds.hold_reason(account):
        moved = states.move(
            this_claim(delivery), DeliveryStatus.HELD, by=states.MACHINE, status_reason=held_because
        )
        return "held" if moved else "skipped"
    if paused(account, delivery, started):
        return "rate_limited" if _wait_for_account(delivery) else "skipped"
    reconciling = delivery.needs_reconcile
    delivery.lease = uuid.uuid4()  # this run's fencing token
    if not reconciling:
        delivery.attempt_count += 1
    # What is sent is built while the row is still ``claimed`` (renditions and a tracked link
    # may take a while; a worker lost meanwhile leaves a claim the sweep requeues, nothing
    # to check). The move to ``publishing`` below is then the fence right before the first
    # request: a one-request adapter (webhook) needs no checkpoint of its own. A failure to
    # build is recorded on the attempt, after the move, as before.
    outgoing: Outgoing | None = None
    build_error: Exception | None = None
    try:
        outgoing = build_outgoing(delivery)
    except Exception as error:
        build_error = error
    # One statement: a worker killed while it waits for the row leaves nothing behind.
    attempt = publish_sql.start(
        delivery,
        kind="reconcile" if reconciling else "publish",
        started=started,
        claimed_at=timezone.now(),  # the publish timeout counts from here, not the build
        lease=delivery.lease,
        attempt_count=delivery.attempt_count,
    )
    if attempt is None:
        return "skipped" if read is None else run_delivery(delivery_id)
    adapter = Refreshing(adapter_for(account.network), account)  # renews expired tokens
    try:
        if outgoing is None:
            raise build_error or AssertionError("nothing built")
        if reconciling:
            result = adapter.reconcile(outgoing, http.session())
            if result is None:  # the platform certainly has nothing: send it now
                delivery.needs_reconcile = False
                result = adapter.publish(outgoing, http.session())
        else:
            result = adapter.publish(outgoing, http.session())
    except LeaseLost:
        return _record_lease_lost(attempt)
    except DeliveryError as error:
        return _record_error(delivery, attempt, error)
    except Exception as error:  # our own bug, or a library's: we cannot know what was sent
        logger.exception("Delivery %s raised unexpectedly", delivery.pk)
        return _record_error(
            delivery,
            attempt,
            DeliveryError(f"Galat internal saat mengirim ({type(error).__name__})."),
            unknown=True,
        )
    return _record_published(delivery, attempt, result)


def build_outgoing(delivery: Delivery) -> Outgoing:
    post, account = delivery.post, delivery.account
    adapter = adapter_for(account.network)
    link = outgoing_links.outgoing_link(delivery, post.link())  # /l/<code>, counted clicks
    images = []
    has_images = getattr(delivery, "has_images", True)  # known when run_delivery read it
    for item in post.images.select_related("image") if has_images else ():
        spec = getattr(adapter, "rendition_spec", lambda image: "max-2048x2048")(item.image)
        rendition = item.image.get_rendition(f"{spec}|format-jpeg|jpegquality-85")
        images.append(OutgoingImage(url=absolute(rendition.url), alt_text=item.alt_text))

    def checkpoint(state: dict[str, Any]) -> None:
        """Save progress and renew the claim, before the next request: a worker whose claim
        was swept (and perhaps taken by another) stops here, before sending anything more."""
        renewed = holding(delivery).update(remote_state=state, claimed_at=timezone.now())
        if not renewed:
            raise LeaseLost

    return Outgoing(
        delivery_id=delivery.pk,
        external_id=account.external_id,
        text=adapter.compose_text(delivery.text, link),
        link=link,
        images=images,
        credentials=account.get_credentials(),
        idempotency_key=str(delivery.idempotency_key),
        state=dict(delivery.remote_state),
        checkpoint=checkpoint,
        extra={
            "post_id": post.pk,
            "campaign": str(post.campaign) if post.campaign_id else None,
            "scheduled_for": delivery.scheduled_for.isoformat() if delivery.scheduled_for else None,
        },
    )


class LeaseLost(Exception):
    """This worker's claim was swept (it took longer than the publish timeout): another run
    owns the delivery now, so this one sends nothing more and writes no outcome."""


def this_claim(delivery: Delivery) -> QuerySet[Delivery]:
    """The delivery's row while it is still the claim ``run_delivery`` read."""
    return Delivery.objects.filter(pk=delivery.pk, claimed_at=delivery.claimed_at)


def holding(delivery: Delivery) -> QuerySet[Delivery]:
    """The delivery's row, only while this run still holds its claim (its fencing token)."""
    return Delivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.PUBLISHING, lease=delivery.lease
    )


def _record_lease_lost(attempt: DeliveryAttempt) -> str:
    _finish(
        attempt,
        AttemptOutcome.UNKNOWN,
        message="Klaim kedaluwarsa dan diambil alih: pekerja ini berhenti tanpa mengirim lagi.",
    )
    return "lease_lost"


def absolute(url: str) -> str:
    return url if "://" in url else f"{settings.PUBLIC_BASE_URL}{url}"


def _finish(attempt: DeliveryAttempt, outcome: str, **fields: Any) -> None:
    """The attempt's outcome, as one UPDATE of its row (``save()`` would also send the
    model's signals: a tenth more CPU on the hot path)."""
    attempt.outcome = outcome
    attempt.finished_at = timezone.now()
    for name, value in fields.items():
        setattr(attempt, name, value)
    DeliveryAttempt.objects.filter(pk=attempt.pk).update(
        outcome=outcome, finished_at=attempt.finished_at, **fields
    )


def _record_published(delivery: Delivery, attempt: DeliveryAttempt, result: Published) -> str:
    """Published for certain: written while this run holds its claim — or, late, while the
    swept row still waits for its check with nobody else working on it (the lease unchanged)."""
    now = timezone.now()
    found = {"remote_id": result.remote_id, "permalink": result.permalink}
    written = publish_sql.record_published(
        delivery,
        attempt,
        {"outcome": AttemptOutcome.PUBLISHED, "finished_at": now, **found},
        **found,
        published_at=now,
        due_at=None,
        status_reason="",
        updated_at=now,
    )
    if not written:
        attempt.message = "Terbit, tetapi klaim sudah diambil alih: dicatat oleh cek."
        attempt.save(update_fields=["message"])
    return "published" if written else "lease_lost"


def _backoff(delivery: Delivery, error: DeliveryError) -> float:
    if error.kind == "wait":  # quota or processing: look again soon, the window still counts
        wait = error.wait_seconds or settings.DISPATCH_WAIT_RECHECK_SECONDS
        return max(1.0, min(float(wait), settings.DISPATCH_WAIT_RECHECK_SECONDS))
    if error.wait_seconds is not None:
        return max(1.0, float(error.wait_seconds))
    base = settings.DISPATCH_RETRY_BASE_SECONDS
    backoff: float = min(
        base * 2 ** max(0, delivery.attempt_count - 1), settings.DISPATCH_RETRY_MAX_SECONDS
    )
    return backoff


def _record_error(
    delivery: Delivery, attempt: DeliveryAttempt, error: DeliveryError, *, unknown: bool = False
) -> str:
    now = timezone.now()
    kind = "unknown" if unknown else error.kind
    outcome = {
        "retry": AttemptOutcome.RETRY,
        "wait": AttemptOutcome.WAITING,
        "failed": AttemptOutcome.FAILED,
        "reconnect": AttemptOutcome.RECONNECT,
        "unknown": AttemptOutcome.UNKNOWN,
    }[kind]
    _finish(
        attempt,
        outcome,
        message=error.message,
        http_status=error.http_status,
        error_code=str(error.code)[:50],
    )
    update: dict[str, Any] = {"status_reason": error.message, "updated_at": now}
    if kind == "retry" and delivery.attempt_count >= settings.DISPATCH_MAX_ATTEMPTS:
        kind = "failed"
        update["status_reason"] = (
            f"Gagal setelah {delivery.attempt_count} percobaan. Terakhir: {error.message}"
        )
    # A check that found nothing cleared ``needs_reconcile`` before sending: a refused send
    # then waits as a plain send. A check that could not even read waits as a check.
    if kind in ("retry", "wait"):
        target = DeliveryStatus.CHECKING if delivery.needs_reconcile else DeliveryStatus.RETRY_WAIT
        update["due_at"] = now + timedelta(seconds=_backoff(delivery, error))
        if kind == "wait":  # waiting for quota or processing does not use up an attempt
            update["attempt_count"] = max(0, delivery.attempt_count - 1)
    elif kind == "failed":
        target, update["due_at"] = DeliveryStatus.FAILED, None
    elif kind == "reconnect":
        target, update["due_at"] = DeliveryStatus.HELD, None
        update["needs_reconcile"] = delivery.needs_reconcile  # released into a check if so
    else:
        checks = delivery.attempts.filter(kind="reconcile").count()
        # A network that cannot be read back (Telegram) goes to a person at once.
        can_read_back = getattr(adapter_for(delivery.account.network), "CAN_READ_BACK", True)
        exhausted = checks >= settings.DISPATCH_MAX_RECONCILE_CHECKS or not can_read_back
        if exhausted:
            target, update["due_at"] = DeliveryStatus.UNCONFIRMED, None
            tried = f"{checks} kali dicek" if can_read_back else "tidak dapat dicek otomatis"
            update["status_reason"] = (
                f"Belum pasti terbit ({tried}). Periksa akun di platform, lalu tandai sudah "
                f"terbit atau kirim ulang. Terakhir: {error.message}"
            )
        else:
            target = DeliveryStatus.CHECKING
            wait = settings.DISPATCH_RECONCILE_AFTER_SECONDS * (checks + 1)
            update["due_at"] = now + timedelta(seconds=wait)
    # One transaction: the outcome, the account's hold and the notifications are seen together.
    with transaction.atomic():
        if not states.move(holding(delivery), target, by=states.MACHINE, **update):
            return "lease_lost"  # swept meanwhile: the run that holds it now decides
        if kind in ("retry", "wait") and rate_limited(error):
            _pause_account(delivery, update["due_at"])
        if kind == "reconnect":
            _hold_account(delivery, error)
        elif target == DeliveryStatus.FAILED:
            notices.failure(delivery, update["status_reason"])
        elif target == DeliveryStatus.UNCONFIRMED:
            notices.uncertain(delivery, update["status_reason"])
    return kind


def rate_limited(error: DeliveryError) -> bool:
    """The platform limits the account, not this one post: a 429, or a used-up quota."""
    return error.kind == "wait" or error.http_status == 429 or error.code == "rate_limit"


def paused(account: SocialAccount, delivery: Delivery, now: datetime) -> bool:
    """Claimed before its account's pause ends, and run before then too."""
    until = account.rate_limited_until
    if until is None:
        return False
    return now < until and (delivery.claimed_at is None or delivery.claimed_at < until)


def _pause_account(delivery: Delivery, until: datetime) -> None:
    """Nothing more goes to a rate-limited account before ``until``: its deliveries due
    sooner wait until then (one UPDATE, no thread sleeps), and runs already claimed for it
    put their delivery back without sending (``_wait_for_account``). Other accounts go on."""
    account = delivery.account
    type(account).objects.filter(pk=account.pk).update(rate_limited_until=until)
    Delivery.objects.filter(account_id=account.pk, status__in=states.DUE, due_at__lt=until).update(
        due_at=until
    )


def _wait_for_account(delivery: Delivery) -> int:
    """Claimed while its account is rate-limited: back to waiting, nothing sent, no
    attempt used (a check stays a check)."""
    until = delivery.account.rate_limited_until
    target = DeliveryStatus.CHECKING if delivery.needs_reconcile else DeliveryStatus.SCHEDULED
    return states.move(
        this_claim(delivery),
        target,
        by=states.MACHINE,
        due_at=until,
        status_reason="Akun sedang dibatasi platform (terlalu banyak permintaan): menunggu "
        f"sampai {timezone.localtime(until):%H:%M:%S}.",
    )


def _hold_account(delivery: Delivery, error: DeliveryError) -> None:
    account = delivery.account
    account.mark_needs_reconnect(error.message)
    states.move(
        account.deliveries.filter(status__in=[DeliveryStatus.SCHEDULED, DeliveryStatus.RETRY_WAIT]),
        DeliveryStatus.HELD,
        by=states.MACHINE,
        status_reason="Akun perlu dihubungkan ulang.",
    )
    notify(
        [account.owner, delivery.post.author, *heads_of_humas()],
        f"Akun {account} perlu dihubungkan ulang",
        f"Platform menolak token akun ini: {error.message}\n"
        "Pengiriman ke akun ini ditahan sampai token diperbarui.",
        post_admin_url(delivery.post),
    )
