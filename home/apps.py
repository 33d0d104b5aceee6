from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Beranda"

    def ready(self):
        # Connect the handlers that forget cached sites and branding when they change.
        from . import signals, sites  # noqa: F401
