"""Private attributes of Django and Wagtail that the speed of every page relies on, in one
place. ``tests/test_compat.py`` reads the libraries' own source and fails when they change.

- Wagtail remembers a request's site on ``request._wagtail_site`` (``Site.find_for_request``)
  and the sites' root paths on ``request._wagtail_cached_site_root_paths``
  (``Page._get_site_root_paths``, which ``get_url`` and the API's serializers call). There is
  no supported way to hand Wagtail answers read from our cache: ``core.sites`` leaves them
  there, so Wagtail asks the database for neither.
- Django's ``RedisCache`` takes its client class from ``_class``, with no option to name
  another: ``core.cache`` gives it one that keeps its ``redis.Redis`` objects.
"""

from typing import Any

from django.http import HttpRequest

SITE_ATTRIBUTE = "_wagtail_site"
SITE_ROOT_PATHS_ATTRIBUTE = "_wagtail_cached_site_root_paths"


def remembered_site(request: HttpRequest) -> tuple[bool, Any]:
    """(whether the request's site is known, the site or None)."""
    try:
        return True, getattr(request, SITE_ATTRIBUTE)
    except AttributeError:
        return False, None


def remember_site(request: HttpRequest, site) -> None:
    """What ``Site.find_for_request`` answers for the rest of the request."""
    setattr(request, SITE_ATTRIBUTE, site)


def remembered_site_root_paths(request: HttpRequest) -> list | None:
    return getattr(request, SITE_ROOT_PATHS_ATTRIBUTE, None)


def remember_site_root_paths(request: HttpRequest, root_paths: list) -> None:
    """What ``Page.get_url(request)`` and the API serializers use as the sites' root paths."""
    setattr(request, SITE_ROOT_PATHS_ATTRIBUTE, root_paths)


def use_redis_cache_client(backend, client_class) -> None:
    """Make Django's ``RedisCache`` build its client from ``client_class`` (a subclass of
    Django's ``RedisCacheClient``): the backend takes no option for it."""
    backend._class = client_class
