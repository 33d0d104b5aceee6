from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Beranda"

    def ready(self):
        # Connect the handlers that forget cached branding when it changes.
        from django.db.models.signals import post_migrate

        from core.sites import share_with_every_page

        from . import public_site, signals
        from .models import BRANDING_CACHE_KEY

        # Every page's header and footer show the branding: read it with the site.
        share_with_every_page(BRANDING_CACHE_KEY, signals.leave_branding)

        # The default Site follows PUBLIC_BASE_URL after every migrate (home.public_site).
        post_migrate.connect(public_site.sync_after_migrate, sender=self)
