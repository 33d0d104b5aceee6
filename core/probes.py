"""Liveness and readiness, for the load balancer and the process supervisor.

``/healthz`` says the process answers and checks nothing else: a database outage must not
make the balancer kill every web process. ``/readyz`` checks what a web node needs to serve
(the database, the cache's Redis, the traffic Redis, the broker, every migration applied)
and answers 503 naming each part that failed. Both are answered first thing, before host
validation, the HTTPS redirect and the page cache: a balancer probes by address, over http.

Workers and beat are not web processes: ``python manage.py probe --role worker`` (or
``beat``) runs the same checks plus those the apps register for that role (campaigns adds
the scheduler heartbeat's age) and exits non-zero when not ready.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

# Seconds one dependency may take to answer a probe.
PROBE_TIMEOUT = 2.0
ROLES = ("web", "worker", "beat")


@dataclass(frozen=True)
class Result:
    part: str
    ok: bool
    detail: str = ""


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return ""


def check_cache() -> str:
    cache.get("probe:ready")  # a round trip to Redis (or nothing, for a local cache)
    return ""


def check_traffic_redis() -> str:
    if not settings.TRAFFIC_REDIS_URL:
        return "tidak dipakai"
    from .redis_clients import redis_client

    redis_client(
        settings.TRAFFIC_REDIS_URL, timeout=PROBE_TIMEOUT, connect_timeout=PROBE_TIMEOUT
    ).ping()
    return ""


def check_broker() -> str:
    from celery import current_app as app  # the project's app (cms.celery), set as current

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=PROBE_TIMEOUT)  # type: ignore[arg-type]  # kombu's hint says int; it takes seconds as a float
    return ""


_all_migrations_applied = False


def check_migrations() -> str:
    """Unapplied migrations fail; once all are applied, the answer is kept by the process."""
    global _all_migrations_applied
    if _all_migrations_applied:
        return ""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in plan[:3])
        raise RuntimeError(f"{len(plan)} migrasi belum diterapkan ({names}…)")
    _all_migrations_applied = True
    return ""


# part name -> check; a check returns a note or raises with the reason.
CHECKS: dict[str, dict[str, Callable[[], str]]] = {
    role: {
        "database": check_database,
        "cache": check_cache,
        "traffic_redis": check_traffic_redis,
        "broker": check_broker,
        "migrations": check_migrations,
    }
    for role in ROLES
}


def register(role: str, part: str, check: Callable[[], str]) -> None:
    """Add a readiness check for ``role`` (apps call this from ``AppConfig.ready``)."""
    CHECKS[role][part] = check


def readiness(role: str = "web") -> list[Result]:
    results = []
    for part, check in CHECKS[role].items():
        try:
            results.append(Result(part, True, check()))
        except Exception as error:
            results.append(Result(part, False, f"{type(error).__name__}: {error}"[:300]))
    return results


def as_json(results: list[Result]) -> dict[str, Any]:
    failed = [result.part for result in results if not result.ok]
    return {
        "status": "siap" if not failed else "tidak siap",
        "failed": failed,
        "checks": {r.part: {"ok": r.ok, "detail": r.detail} for r in results},
    }


def _json(status: int, body: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )
    response["Cache-Control"] = "no-store"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return _json(200, {"status": "hidup"})


def readyz(request: HttpRequest) -> HttpResponse:
    body = as_json(readiness("web"))
    return _json(503 if body["failed"] else 200, body)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class ProbeMiddleware:
    """First in MIDDLEWARE: answers the probes before anything that could refuse a balancer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info.rstrip("/")) if request.method == "GET" else None
        if probe is not None:
            return probe(request)
        return self.get_response(request)
