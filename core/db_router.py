"""Reader GETs may read from a PostgreSQL read replica (DATABASE_REPLICA_URL); everything
else uses the primary.

The replica is used only while ``ReplicaMiddleware`` marks the request as a reader's read:
a GET or HEAD outside the admin, the campaigns API and Wagtail's password forms. Writes, the
admin, API calls, Celery workers, beat and commands never see it (no read-after-write lag
there), and neither do sessions, users, log-in locks and API tokens (a log-in must hold on
the very next request), nor any read inside a transaction on the primary.
"""

import contextvars
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
reading_for_a_reader: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_for_a_reader", default=False
)
# Requests that write, or whose readers must see their own writes at once.
PRIMARY_PREFIXES = ("/admin/", "/django-admin/", "/api/campaigns/", "/_util/")
# Apps whose rows decide who someone is: always read where they were just written.
PRIMARY_APPS = frozenset({"sessions", "auth", "axes", "authtoken", "contenttypes"})
READ_METHODS = frozenset({"GET", "HEAD"})


def is_reader_read(request: HttpRequest) -> bool:
    return request.method in READ_METHODS and not request.path_info.startswith(PRIMARY_PREFIXES)


class ReplicaMiddleware:
    """Mark a reader's read for the router, for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = reading_for_a_reader.set(is_reader_read(request))
        try:
            return self.get_response(request)
        finally:
            reading_for_a_reader.reset(token)


class ReplicaRouter:
    """Reads of a reader's request to the replica; all else, every write and migrations to
    the primary. Both hold the same rows, so relations between them are allowed."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if (
            reading_for_a_reader.get()
            and model._meta.app_label not in PRIMARY_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool:
        return db == DEFAULT_DB_ALIAS
