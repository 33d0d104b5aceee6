"""The collectors' figures for Prometheus (core/metrics.py), read from the database at each
scrape: failed collection runs of the last 24 hours, by collector. One small query."""

from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from .models import CollectionRun, RunStatus
from .models import Collector as CollectorName

FAILURE_WINDOW = timedelta(hours=24)


class InsightsCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        failed = dict(
            CollectionRun.objects.filter(
                status=RunStatus.FAILED, started_at__gte=now - FAILURE_WINDOW
            )
            .order_by()
            .values_list("collector")
            .annotate(count=Count("pk"))
        )
        failures = GaugeMetricFamily(
            "benteng_collector_failures_24h",
            "Failed collection runs in the last 24 hours, by collector.",
            labels=["collector"],
        )
        for name in CollectorName.values:
            failures.add_metric([name], failed.get(name, 0))
        yield failures
