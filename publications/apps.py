from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publikasi"

    def ready(self):
        from . import search_vectors, signals  # noqa: F401
