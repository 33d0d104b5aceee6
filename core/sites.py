"""The site a request is for, and what every reader page shows, read from the shared cache
in one round trip.

Wagtail finds the site of every request with a query (ordered by how well each site's
hostname and port match), then fetches the site's home page in its specific type to route
the URL: two queries, about 3 ms, before any page is looked at. Sites change only in the
admin's settings, so the answers are kept in the cache, home page included, with the
sites' root paths that page URLs are built from, and dropped whenever a site or a site's
home page is saved, moved or deleted.

What the header and footer of every page show (the office branding, the publication
navigation) has cache entries of its own: the app that owns each registers it
(``share_with_every_page``), and ``with_site`` reads them in the same round trip and leaves
each where its reader looks on the request.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import compat

SITES_CACHE_KEY = "home:sites:v1"
SITE_ROOT_PATHS_CACHE_KEY = "home:site-root-paths:v1"
# A bound on how long a copy written back during a change could outlive it (see forget_sites).
SITES_CACHE_SECONDS = 3600
# Cache key → what leaves its value on the request (registered by the app that owns it).
_shared_entries: dict[str, Callable[[HttpRequest, Any], None]] = {}


def share_with_every_page(key: str, leave: Callable[[HttpRequest, Any], None]) -> None:
    """Read the cache entry ``key`` with the site on every reader page, and when it is
    there, hand it to ``leave(request, value)`` to put where its reader looks first."""
    _shared_entries[key] = leave


def find_site(request: HttpRequest, sites: dict | None = None) -> Site | None:
    """``Site.find_for_request``, answered from the cache (or from ``sites``, an entry
    already read); Wagtail then reuses the answer for the rest of the request."""
    found, site = compat.remembered_site(request)
    if found:
        return site
    # The host was checked against ALLOWED_HOSTS by CommonMiddleware already.
    hostname = split_domain_port(request.get_host())[0]
    address = f"{hostname}:{request.get_port()}"
    if sites is None:
        sites = cache.get(SITES_CACHE_KEY) or {}
    if address in sites:
        site = sites[address]
    else:
        site = _site_for(hostname, request.get_port())
        cache.set(SITES_CACHE_KEY, {**sites, address: site}, SITES_CACHE_SECONDS)
    compat.remember_site(request, site)
    return site


def _site_for(hostname: str, port) -> Site | None:
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    site.root_page = site.root_page.specific  # routing starts from the specific home page
    return site


def read_shared_entries(request: HttpRequest) -> None:
    """Read the site, the sites' root paths and the shared entries (``share_with_every_page``)
    in one cache round trip, and leave each where its reader looks first; what is missing is
    computed by its reader as usual."""
    found = cache.get_many([SITES_CACHE_KEY, SITE_ROOT_PATHS_CACHE_KEY, *_shared_entries])
    find_site(request, found.get(SITES_CACHE_KEY) or {})
    root_paths = found.get(SITE_ROOT_PATHS_CACHE_KEY)
    if root_paths is None:
        root_paths = Site.get_site_root_paths()
        cache.set(SITE_ROOT_PATHS_CACHE_KEY, root_paths, SITES_CACHE_SECONDS)
    # Where ``Page.get_url`` looks before asking the cache for them.
    compat.remember_site_root_paths(request, root_paths)
    for key, leave in _shared_entries.items():
        if key in found:
            leave(request, found[key])


def links_key(request) -> str:
    """What the page links a cached fragment holds depend on: the request's site and the
    sites' root paths (a link is relative within the site, absolute to another)."""
    site = compat.remembered_site(request)[1]
    roots = compat.remembered_site_root_paths(request)
    if roots is None:
        roots = Site.get_site_root_paths()
    return repr((getattr(site, "pk", None), tuple(roots)))


def with_site(view):
    """Read what every reader page needs (``read_shared_entries``) before ``view`` runs."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        read_shared_entries(request)
        return view(request, *args, **kwargs)

    return wrapped


def forget_sites() -> None:
    """Drop the remembered sites now and again after the commit, so a request that read
    the old rows during the change cannot leave them behind."""
    cache.delete_many([SITES_CACHE_KEY, SITE_ROOT_PATHS_CACHE_KEY])
    transaction.on_commit(lambda: cache.delete_many([SITES_CACHE_KEY, SITE_ROOT_PATHS_CACHE_KEY]))


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
    """A site's home page is kept with the site (and its URL in the root paths): its
    changes must reach routing at once."""
    if isinstance(instance, Page) and Site.objects.filter(root_page_id=instance.pk).exists():
        forget_sites()
