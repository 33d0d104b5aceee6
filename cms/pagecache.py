"""A page cache for anonymous readers, purged by path when content changes.

Each cached response is stored under a key that includes a per-path version number.
Purging a path bumps its version, so every variant of it (``?page=2``, ``?q=…``) is
dropped at once without scanning the cache. Logged-in users, previews and the admin
are never served from, or stored in, the cache.
"""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

UNCACHED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/api/",
    "/static/",
    "/media/",
    "/django-admin/",
)
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Location",
    "Link",
    "X-Robots-Tag",
)


def _version_key(path: str) -> str:
    return "pagecache:v:" + hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()


def _response_key(request: HttpRequest, version: int) -> str:
    raw = f"{request.get_host()}|{request.get_full_path()}|{version}"
    return "pagecache:r:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def purge_paths(paths: Iterable[str]) -> None:
    """Drop every cached variant of the given URL paths (``/koran-kota-benteng/``…)."""
    keys = {_version_key(path) for path in paths}
    if not keys:
        return
    versions = cache.get_many(keys)
    cache.set_many({key: versions.get(key, 0) + 1 for key in keys}, timeout=None)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        version = cache.get(_version_key(request.path), 0)
        key = _response_key(request, version)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return self._public(response)

        response = self.get_response(request)
        if self._storable(response):
            headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
            return self._public(response)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        return (
            response.status_code in (200, 301, 404)
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _public(response: HttpResponse) -> HttpResponse:
        # Browsers recheck after a minute; a CDN keeps it until purged or the cache period ends.
        patch_cache_control(response, public=True, max_age=60, s_maxage=settings.PAGE_CACHE_SECONDS)
        return response
