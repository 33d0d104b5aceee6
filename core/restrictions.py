"""Which pages readers may not see: the page view restrictions, read once per request.

Wagtail's ``PageQuerySet.public()`` asks the database for every view restriction each time
it is called, and a reader page calls it for each list it shows (the home page three
times). The restricted pages' paths are kept in the cache instead, read with the site in
the page's one round trip (``core.sites.share_with_every_page``), and dropped whenever a
restriction is saved or deleted or a page moves (paths change), at once and again after
the commit.
"""

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from .sites import share_with_every_page

RESTRICTED_PATHS_CACHE_KEY = "core:restricted-paths:v1"
# A bound on how long a copy written back during a change could outlive it.
RESTRICTED_PATHS_CACHE_SECONDS = 300
_ON_REQUEST = "_restricted_paths"


def restricted_paths(request: HttpRequest | None = None) -> tuple[str, ...]:
    """The tree paths of the pages that have a view restriction (their pages below too)."""
    paths = getattr(request, _ON_REQUEST, None)
    if paths is None:
        paths = cache.get(RESTRICTED_PATHS_CACHE_KEY)
        if paths is None:
            paths = tuple(sorted(PageViewRestriction.objects.values_list("page__path", flat=True)))
            cache.set(RESTRICTED_PATHS_CACHE_KEY, paths, RESTRICTED_PATHS_CACHE_SECONDS)
        if request is not None:
            setattr(request, _ON_REQUEST, paths)
    return paths


def public(queryset: QuerySet[Page], request: HttpRequest | None = None) -> QuerySet[Page]:
    """``queryset.public()`` (pages outside every view restriction) with the restrictions
    read once per request."""
    outside = Q()
    for path in restricted_paths(request):
        outside &= ~Q(path__startswith=path)
    return queryset.filter(outside)


share_with_every_page(
    RESTRICTED_PATHS_CACHE_KEY, lambda request, paths: setattr(request, _ON_REQUEST, paths)
)


def forget_restricted_paths() -> None:
    cache.delete(RESTRICTED_PATHS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(RESTRICTED_PATHS_CACHE_KEY))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def forget_restricted_paths_on_change(sender: type, **kwargs: Any) -> None:
    forget_restricted_paths()
