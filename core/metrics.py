"""Prometheus metrics on one non-public endpoint, ``/metrics``.

Request latency by view and page-cache hits and misses are counted by ``MetricsMiddleware``
as requests pass; figures that live in the database (deliveries by state, dispatch lag,
collector failures) are read by collectors the apps register, only when Prometheus scrapes.

The endpoint answers only ``Authorization: Bearer <METRICS_TOKEN>`` and is off (404) while
METRICS_TOKEN is unset. It is answered before host validation and the HTTPS redirect, as
Prometheus scrapes a node by its address. Several gunicorn workers: set
PROMETHEUS_MULTIPROC_DIR to an empty folder per node (prometheus-client's multiprocess mode).
"""

import hmac
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.registry import Collector

METRICS_PATH = "/metrics"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "benteng_request_duration_seconds",
    "Time to answer a request, by view (page_cache: answered from the page cache).",
    ["view", "method"],
    buckets=LATENCY_BUCKETS,
)
RESPONSES = Counter(
    "benteng_responses_total", "Answers by view and status class.", ["view", "status"]
)
PAGE_CACHE = Counter(
    "benteng_page_cache_requests_total",
    "Cacheable anonymous reads by page-cache result (hit ratio: hit / (hit + miss)).",
    ["result"],
)

# Collectors that read the database at scrape time (apps add theirs in AppConfig.ready).
database_registry = CollectorRegistry()  # never described at start-up: no query then


def register_collector(collector: Collector) -> None:
    database_registry.register(collector)


def view_label(request: HttpRequest, response: HttpResponse) -> str:
    if label := getattr(request, "metrics_view", None):  # answered before URL resolving
        return str(label)
    match: ResolverMatch | None = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed"
    if response.get("X-Page-Cache") == "hit":
        return "page_cache"
    return "unresolved"


class MetricsMiddleware:
    """Near the top of MIDDLEWARE: times every request and answers ``/metrics``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == METRICS_PATH:
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request, response)
        REQUEST_SECONDS.labels(view, request.method).observe(time.perf_counter() - started)
        RESPONSES.labels(view, f"{response.status_code // 100}xx").inc()
        cache_result = response.get("X-Page-Cache")
        if cache_result in ("hit", "miss"):
            PAGE_CACHE.labels(cache_result).inc()
        return response


def authorised(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode())


def exposition() -> bytes:
    """This process's (or, in multiprocess mode, this node's) metrics, then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(database_registry)


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not authorised(request):
        # Off without a token; the same answer for a wrong one (nothing to probe for).
        return HttpResponse(status=404)
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
