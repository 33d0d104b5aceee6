from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publikasi"

    def ready(self):
        from core.sites import share_with_every_page

        from . import search_vectors, signals  # noqa: F401
        from .templatetags.news_tags import NAV_CACHE_KEY, leave_nav_items

        # Every page's header lists the publications: read them with the site.
        share_with_every_page(NAV_CACHE_KEY, leave_nav_items)
