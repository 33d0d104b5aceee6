from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Social accounts, campaigns, posts and their deliveries (built by the campaigns issue)."""

    name = "campaigns"
    verbose_name = "Kampanye"

    def ready(self) -> None:
        from core import metrics, probes

        from . import health, metrics_collector, policy

        policy.register_admin_policies()
        # Workers and beat are ready only while the dispatch tick beats (core/probes.py).
        for role in ("worker", "beat"):
            probes.register(role, "scheduler", health.heartbeat_readiness)
        # Deliveries by state and dispatch lag on /metrics.
        metrics.register_collector(metrics_collector.CampaignsCollector())
