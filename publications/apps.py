from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publikasi"

    def ready(self):
        from django.core.cache import cache

        from core.pagecache import when_everything_purged
        from core.sites import share_with_every_page

        from . import search_vectors, signals  # noqa: F401
        from .article_context import gather_context
        from .models import ArticlePage
        from .templatetags.news_tags import NAV_CACHE_KEY, leave_nav_items

        ArticlePage.gather_context = staticmethod(gather_context)
        # Every page's header lists the publications: read them with the site.
        share_with_every_page(NAV_CACHE_KEY, leave_nav_items)
        # …and forget them whenever every page is purged.
        when_everything_purged(lambda: cache.delete(NAV_CACHE_KEY))
