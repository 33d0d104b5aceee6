""" "Terpopuler": the week's most read articles, from the site's own cookie-less page views
(``insights.tracking`` counts them; no third party is asked).

Counted over the page-view events of the last seven days, for a quarter of an hour at a time
in the cache, so a page showing the list costs no query. Publishing or unpublishing an
article forgets the list (``publications.signals``), so an unpublished article never lingers.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

POPULAR_CACHE_KEY = "news:popular:v1"
POPULAR_CACHE_SECONDS = 15 * 60
POPULAR_DAYS = 7
POPULAR_COUNT = 5


@dataclass(frozen=True)
class PopularArticle:
    title: str
    url: str
    views: int


def most_read() -> list[PopularArticle]:
    items = cache.get(POPULAR_CACHE_KEY)
    if items is None:
        items = count_most_read()
        cache.set(POPULAR_CACHE_KEY, items, POPULAR_CACHE_SECONDS)
    return items


def forget_most_read() -> None:
    cache.delete(POPULAR_CACHE_KEY)


def count_most_read(now: datetime.datetime | None = None) -> list[PopularArticle]:
    """The most viewed live, public articles of the last ``POPULAR_DAYS`` days."""
    from .models import ArticlePage

    # Looked up by name: the page-view events belong to insights, which depends
    # on publications, not the other way round.
    traffic_event = apps.get_model("insights", "TrafficEvent")
    since = (now or timezone.now()) - datetime.timedelta(days=POPULAR_DAYS)
    counts = (
        traffic_event.objects.filter(kind="view", occurred_at__gte=since, page_id__isnull=False)
        .values("page_id")
        .annotate(views=Count("id"))
        .order_by("-views", "page_id")[: POPULAR_COUNT * 4]  # some may be other pages
    )
    views = {row["page_id"]: row["views"] for row in counts}
    if not views:
        return []
    articles = ArticlePage.objects.live().public().filter(pk__in=views).only("title", "url_path")
    ranked = sorted(articles, key=lambda article: (-views[article.pk], article.pk))
    return [
        PopularArticle(article.title, article.get_url() or "", views[article.pk])
        for article in ranked[:POPULAR_COUNT]
    ]
