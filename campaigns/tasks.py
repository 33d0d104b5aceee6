"""Celery tasks: thin wake-up calls into ``dispatch``; the database decides what to do."""

from celery import shared_task

from . import dispatch


@shared_task(ignore_result=True)
def dispatch_tick() -> int:
    return len(dispatch.tick().claimed)


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def publish_delivery(delivery_id: int) -> str:
    return dispatch.run_delivery(delivery_id)
