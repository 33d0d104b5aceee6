"""Celery tasks: thin wake-up calls into ``dispatch``; the database decides what to do."""

from celery import shared_task

from . import dispatch


@shared_task(ignore_result=True)
def dispatch_tick() -> int:
    return len(dispatch.tick().claimed)


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def publish_delivery(delivery_id: int) -> str:
    return dispatch.run_delivery(delivery_id)


# The metrics tasks live beside their code; importing registers them with Celery.
from . import alerts  # noqa: E402, F401
from .clippings import poll  # noqa: E402, F401
from .collectors import instagram_public, platforms  # noqa: E402, F401
from .dashboards import weekly  # noqa: E402, F401
from .tracking import flush  # noqa: E402, F401
