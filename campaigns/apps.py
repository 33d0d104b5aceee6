from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Social accounts, campaigns, posts and their deliveries (built by the campaigns issue)."""

    name = "campaigns"
    verbose_name = "Kampanye"

    def ready(self):
        from . import policy

        policy.register_admin_policies()
