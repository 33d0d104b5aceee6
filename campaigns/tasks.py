"""Celery tasks: thin wake-up calls into ``clock`` and ``dispatch``; the database decides."""

import logging

from celery import shared_task
from django.conf import settings

from core import log_context

from . import clock, dispatch, publish_sql

# Under a prefork pool a publish run is killed before the sweep may take its delivery as
# stuck (the sweep counts from the claim, which starts after the task). The thread pool the
# publish queue runs in enforces no time limit: there the fencing token does it alone — a
# swept run finds its claim gone at its next checkpoint and sends nothing more.
_TIMEOUT = settings.DISPATCH_PUBLISH_TIMEOUT_SECONDS
PUBLISH_TIME_LIMIT = _TIMEOUT - max(0.2, _TIMEOUT * 0.05)

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def dispatch_tick() -> int:
    return len(clock.tick().claimed)


@shared_task(  # type: ignore[call-overload]  # celery-types wants an int time_limit; a float works
    name=clock.PUBLISH_TASK,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=PUBLISH_TIME_LIMIT,
)
def publish_delivery(*delivery_ids: int) -> str:
    """Publish the deliveries of one message, one after another (``clock.enqueue``). Each
    is fenced on its own: a message taken up again skips the ones already done. An error
    ends the message; the deliveries after it stay claimed until the sweep requeues them."""
    read = publish_sql.read_ahead(delivery_ids)  # one SELECT for the message
    outcomes = []
    for delivery_id in delivery_ids:
        with log_context.bound(delivery=delivery_id):  # every line of the attempt names it
            outcome = dispatch.run_delivery(delivery_id, read.pop(delivery_id, None))
            logger.info("publish_delivery: %s", outcome)
        outcomes.append(outcome)
    return ", ".join(outcomes)


@shared_task(ignore_result=True, name="campaigns.sweep_idempotency_keys")
def sweep_idempotency_keys() -> int:
    from .api import idempotency

    return idempotency.sweep()
