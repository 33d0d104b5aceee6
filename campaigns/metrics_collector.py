"""The campaigns' figures for Prometheus (core/metrics.py), read from the database at each
scrape: deliveries by state, how long due deliveries wait and the scheduler heartbeat's age
(the collectors' failures are insights/metrics_collector.py). Three small queries;
Prometheus scrapes every 15 to 60 s."""

from collections.abc import Iterator

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from .clock import HEARTBEAT
from .models import Delivery, DeliveryStatus, SchedulerHeartbeat

# Due and not yet being sent: waiting for the tick (scheduled, retry) or for a worker (claimed).
WAITING = (DeliveryStatus.SCHEDULED, DeliveryStatus.RETRY_WAIT, DeliveryStatus.CLAIMED)


class CampaignsCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        counts = dict(Delivery.objects.order_by().values_list("status").annotate(count=Count("pk")))
        deliveries = GaugeMetricFamily(
            "benteng_deliveries", "Deliveries by state.", labels=["state"]
        )
        for state in DeliveryStatus.values:
            deliveries.add_metric([state], counts.get(state, 0))
        yield deliveries

        oldest_due = Delivery.objects.filter(status__in=WAITING, due_at__lte=now).aggregate(
            oldest=Min("due_at")
        )["oldest"]
        yield GaugeMetricFamily(
            "benteng_dispatch_lag_seconds",
            "How long the oldest due delivery not yet being sent has waited (0: none).",
            value=(now - oldest_due).total_seconds() if oldest_due else 0.0,
        )

        last_tick = (
            SchedulerHeartbeat.objects.filter(name=HEARTBEAT)
            .values_list("last_run_at", flat=True)
            .first()
        )
        yield GaugeMetricFamily(
            "benteng_scheduler_heartbeat_age_seconds",
            "Seconds since the beat's last dispatch tick (+Inf: never).",
            value=(now - last_tick).total_seconds() if last_tick else float("inf"),
        )
