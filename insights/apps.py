from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Measuring awareness: collectors, samples, tracked links and page views, clippings,
    outcomes, dashboards, reports and alerts. Built on ``campaigns``, which never imports it:
    what campaigns needs from here is registered below."""

    name = "insights"
    verbose_name = "Pengukuran"

    def ready(self) -> None:
        from wagtail.permissions import register_permission_policy

        from campaigns import outgoing_links
        from campaigns.policy import ReadOnlyPermissionPolicy
        from core import metrics

        from . import metrics_collector
        from .models import CollectionRun, TrackedLink
        from .tracking import links

        # Collector runs and tracked links are records: read in the admin, never edited there.
        for model in (CollectionRun, TrackedLink):
            register_permission_policy(model, ReadOnlyPermissionPolicy(model), exact_class=True)

        # Every link a delivery sends goes out as a tracked short link (/l/<code>).
        outgoing_links.register(links.outgoing_link)
        # Collector failures on /metrics.
        metrics.register_collector(metrics_collector.InsightsCollector())
