from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Beranda"

    def ready(self):
        # Connect the handlers that forget cached sites and branding when they change.
        from django.db.models.signals import post_migrate

        from . import public_site, signals, sites  # noqa: F401

        # The default Site follows PUBLIC_BASE_URL after every migrate (home.public_site).
        post_migrate.connect(public_site.sync_after_migrate, sender=self)
