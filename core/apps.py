from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from .csp import nonce_wagtail_choosers

        nonce_wagtail_choosers()
