"""What every log line says about where it came from: the request id, the user id and the
delivery id, carried in context variables (one set per request, Celery task or thread).

``RequestIdMiddleware`` takes the proxy's ``X-Request-ID`` (when it is a plain token) or
makes one, and returns it; ``ContextFilter`` copies the context onto each record; and
``JsonFormatter`` writes one JSON object per line for the log collector (production).
"""

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.core.signals import request_started
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
delivery_id: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "delivery_id", default=None
)
current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "current_request", default=None
)

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept only if it is a plain token: it goes into every log line.
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class RequestIdMiddleware:
    """Give each request an id (the proxy's, or a new one), for its logs and its answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        rid = offered if SAFE_REQUEST_ID.match(offered) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]  # our own, on Django's request
        # Kept after the answer: Django logs 4xx/5xx answers once every middleware has
        # returned. The next request's start clears them (forget_request below).
        request_id.set(rid)
        current_request.set(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = rid
        return response


@receiver(request_started)
def forget_request(**kwargs: object) -> None:
    request_id.set(None)
    current_request.set(None)
    delivery_id.set(None)


@contextmanager
def bound(*, request: str | None = None, delivery: int | None = None) -> Iterator[None]:
    """Log with this request id and/or delivery id inside the block (Celery tasks)."""
    request_token = request_id.set(request) if request is not None else None
    delivery_token = delivery_id.set(delivery) if delivery is not None else None
    try:
        yield
    finally:
        if delivery_token is not None:
            delivery_id.reset(delivery_token)
        if request_token is not None:
            request_id.reset(request_token)


def current_user_id() -> int | None:
    """The request's user id if authentication already ran; never makes a query for it."""
    request = current_request.get()
    user = getattr(request, "__dict__", {}).get("user") if request is not None else None
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None  # not authenticated yet (or a lazy user nobody looked at)
    return getattr(user, "pk", None)


class ContextFilter(logging.Filter):
    """Put ``request_id``, ``user_id`` and ``delivery_id`` on every record (None if unknown)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.user_id = current_user_id()
        record.delivery_id = delivery_id.get()
        return True


CONTEXT_FIELDS = ("request_id", "user_id", "delivery_id")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, context, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
