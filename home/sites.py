"""The site a request is for, remembered in the shared cache between requests.

Wagtail finds the site of every request with a query (ordered by how well each site's
hostname and port match), then fetches the site's home page in its specific type to route
the URL: two queries, about 3 ms, before any page is looked at. Sites change only in the
admin's settings, so the answers are kept in the cache, home page included, and dropped
whenever a site or a site's home page is saved, moved or deleted.
"""

import functools

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move

SITES_CACHE_KEY = "home:sites:v1"
# A bound on how long a copy written back during a change could outlive it (see forget_sites).
SITES_CACHE_SECONDS = 3600
# Where Wagtail puts a site's home page (the tree's root is depth 1).
SITE_ROOT_DEPTH = 2


def find_site(request: HttpRequest) -> Site | None:
    """``Site.find_for_request``, answered from the cache; Wagtail then reuses the answer
    for the rest of the request (``request._wagtail_site``)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    address = f"{hostname}:{request.get_port()}"
    sites = cache.get(SITES_CACHE_KEY) or {}
    if address in sites:
        site = sites[address]
    else:
        site = _site_for(hostname, request.get_port())
        cache.set(SITES_CACHE_KEY, {**sites, address: site}, SITES_CACHE_SECONDS)
    request._wagtail_site = site
    return site


def _site_for(hostname: str, port) -> Site | None:
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    site.root_page = site.root_page.specific  # routing starts from the specific home page
    return site


def with_site(view):
    """Find the request's site from the cache before ``view`` (or Wagtail inside it) asks."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        find_site(request)
        return view(request, *args, **kwargs)

    return wrapped


def forget_sites() -> None:
    """Drop the remembered sites now and again after the commit, so a request that read
    the old rows during the change cannot leave them behind."""
    cache.delete(SITES_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(SITES_CACHE_KEY))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites_on_site_change(sender, **kwargs):
    forget_sites()


@receiver(post_save)
@receiver(post_delete)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_sites_on_root_page_change(sender, instance, **kwargs):
    """A site's home page is kept with the site: its changes must reach routing at once."""
    if not isinstance(instance, Page):
        return
    if instance.depth == SITE_ROOT_DEPTH or any(
        site and site.root_page_id == instance.pk
        for site in (cache.get(SITES_CACHE_KEY) or {}).values()
    ):
        forget_sites()
