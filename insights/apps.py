from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Measuring awareness: collectors, samples, tracked links and page views, clippings,
    outcomes, dashboards, reports and alerts. Built on ``campaigns``, which never imports it:
    what campaigns needs from here is registered below."""

    name = "insights"
    verbose_name = "Pengukuran"

    def ready(self) -> None:
        from campaigns import outgoing_links
        from core import metrics

        from . import metrics_collector
        from .tracking import links

        # Every link a delivery sends goes out as a tracked short link (/l/<code>).
        outgoing_links.register(links.outgoing_link)
        # Collector failures on /metrics.
        metrics.register_collector(metrics_collector.InsightsCollector())
