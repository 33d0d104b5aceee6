"""A page cache for anonymous readers, purged by path when content changes.

Every stored response is tagged with the purge tokens of its URL path and of the whole
site as they were *before* the page was rendered. Purging a path (or everything) writes
a new token, so every variant of the path (``?page=2``, ``?q=…``) stops matching at once,
without scanning the cache, and a page rendered while a purge happened is never served.

A hit costs one cache round trip (``get_many`` of the response and both tokens) and runs
before sessions and authentication, so it touches no database. A page found valid is then
kept in the process for a moment (PAGE_CACHE_HOT_MS, a tenth of a second), so a busy page
costs no round trip at all: purges made in this process drop those copies at once, a purge
made elsewhere reaches them within that moment, and CDN purges wait that long
(``purge_frontend_cache``), so a CDN never fetches a page purged before.

What to purge is the apps' knowledge (``publications.purge``: the paths that show a page);
they hand it to ``schedule_purge``, which purges here and on the CDN once the transaction
commits, and register with ``when_everything_purged`` what they forget with every page.

Logged-in users (a session that exists), requests with credentials, previews and the admin
are never served from, or stored in, the cache. A view opts out by setting ``Cache-Control:
private`` or ``no-cache`` (``never_cache``); responses that set cookies are never stored.

The cache must not be a flood target. A page is keyed on the query parameters its view reads
(PAGE_CACHE_QUERY_PARAMETERS), so fifty URLs with junk parameters are one render and one
entry. A session cookie bypasses the cache only when the session exists: its cached copy
(``cached_db`` sessions) is fetched in the same round trip as the page, and the database is
asked only when the cookie is present and not in the cache. A junk cookie is dropped from
the request, so the page rendered for it is stored and served like any other.
"""

import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from importlib import import_module
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from .memo import Memo

SITE_TOKEN_KEY = "pagecache:site"  # noqa: S105 - a cache key, not a secret
# Statuses worth storing: kept for the full lifetime, or for the short one.
LONG_LIVED_STATUSES = frozenset({200})
SHORT_LIVED_STATUSES = frozenset({301, 308, 404, 410})
# Request headers a stored response may vary on: cookies (we only store for requests
# without a session), the language (part of the key) and the encoding (we store identity).
KEYED_VARY_HEADERS = frozenset({"cookie", "accept-language", "accept-encoding"})
# The API also answers in HTML for browsers: there the Accept header is part of the key.
API_KEYED_VARY_HEADERS = KEYED_VARY_HEADERS | {"accept"}
NOT_REPLAYED_HEADERS = frozenset({"cache-control", "expires", "set-cookie", "x-page-cache", "age"})
# Campaign links add these; they never change what the page shows.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "igshid", "mc_cid", "mc_eid", "_ga"})
NOT_STORABLE_CACHE_CONTROL = ("private", "no-cache", "no-store")
# What Django's session engines issue: 32 lower-case letters and digits.
SESSION_KEY_RE = re.compile(r"[a-z0-9]{32}")
MESSAGES_COOKIE = "messages"
MESSAGES_SIGNER_SALT = "django.contrib.messages"  # django.contrib.messages' CookieStorage


def _path_token_key(path: str) -> str:
    return "pagecache:p:" + hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()


def _new_token() -> str:
    return os.urandom(8).hex()


def read_parameters(path: str) -> frozenset[str] | None:
    """The query parameters the view of ``path`` reads (PAGE_CACHE_QUERY_PARAMETERS, first
    matching prefix), or None for every parameter (the API checks and refuses unknown ones)."""
    for prefix, names in settings.PAGE_CACHE_QUERY_PARAMETERS:
        if path.startswith(prefix):
            return None if names is None else frozenset(names)
    return frozenset()


def _cache_query(query_string: str, read: frozenset[str] | None = None) -> str:
    """The query string as the view sees it: only the parameters it reads (all when ``read``
    is None, less tracking parameters, so a shared link is still a hit), in a fixed order."""
    if not query_string:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if (name in read if read is not None else not _tracking(name))
    ]
    # Sorted by name only: the order of one name's values may matter, of different names not.
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def _tracking(name: str) -> bool:
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _response_key(request: HttpRequest, api: bool) -> str:
    path = request.path
    query = request.META.get("QUERY_STRING", "")
    raw = "|".join(
        (
            request.META.get("HTTP_ACCEPT", "") if api else "",
            "https" if request.is_secure() else "http",
            request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", ""),
            translation.get_language_from_request(request) or "",
            path,
            _cache_query(query, read_parameters(path)) if query else "",
        )
    )
    return "pagecache:r:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def purge_token_keys(path: str) -> tuple[str, str]:
    """The cache keys of the tokens that purging everything, and purging ``path``, renew.
    A part of that path's responses kept elsewhere with the tokens it was made under (read
    before it was made) is current while both are unchanged (``publications.api_items``)."""
    return SITE_TOKEN_KEY, _path_token_key(path)


# Responses this process found valid in the shared cache a moment ago.
hot_copies = Memo(size=256)


def purge_paths(paths: Iterable[str]) -> None:
    """Drop every cached variant of the given URL paths (``/koran-kota-benteng/``…)."""
    tokens = {_path_token_key(path): _new_token() for path in set(paths)}
    if tokens:
        cache.set_many(tokens, timeout=None)
        hot_copies.clear()


def purge_all() -> None:
    """Drop every cached page, for changes that show on every page (header, footer…)."""
    cache.set(SITE_TOKEN_KEY, _new_token(), timeout=None)
    hot_copies.clear()


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the cache; mark every response for CDNs."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.short_seconds = min(settings.PAGE_CACHE_SHORT_SECONDS, self.seconds)
        self.browser_seconds = min(settings.PAGE_CACHE_BROWSER_SECONDS, self.seconds)
        self.hot_seconds = settings.PAGE_CACHE_HOT_MS / 1000
        self.excluded_prefixes = tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        self.api_prefixes = tuple(settings.PAGE_CACHE_API_PREFIXES)
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore
        # cached_db and cache sessions in the page cache's Redis: looked up with the page.
        self.session_cache_prefix = (
            getattr(self.session_store, "cache_key_prefix", None)
            if settings.SESSION_CACHE_ALIAS == "default"
            else None
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        api = path.startswith(self.api_prefixes)
        if not api and path.startswith(self.excluded_prefixes):
            return self.get_response(request)
        if not self.seconds or not self._anonymous_read(request):
            return self._private(self.get_response(request))
        session_key = self._claimed_session(request)

        response_key = _response_key(request, api)
        stored = hot_copies.peek(response_key) if self.hot_seconds and not session_key else None
        if stored is not None:
            return self._replay(stored)
        path_key = _path_token_key(path)
        keys = [SITE_TOKEN_KEY, path_key, response_key]
        session_cache_key = self._session_cache_key(session_key)
        if session_cache_key:
            keys.append(session_cache_key)
        found = cache.get_many(keys)
        if session_key:
            if self._session_exists(session_key, session_cache_key, found):
                return self._private(self.get_response(request))
            del request.COOKIES[self.session_cookie]
        tokens = (found.get(SITE_TOKEN_KEY), found.get(path_key))
        stored = found.get(response_key)
        if stored is not None and stored[0] == tokens:
            if self.hot_seconds:
                hot_copies.keep(response_key, stored, self.hot_seconds)
            return self._replay(stored)

        response = self.get_response(request)
        lifetime = self._lifetime(response, API_KEYED_VARY_HEADERS if api else KEYED_VARY_HEADERS)
        if lifetime is None:
            return self._private(response)
        if request.method == "GET":
            headers = {
                name: value
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED_HEADERS
            }
            stored = (tokens, time.time(), response.status_code, headers, response.content)
            cache.set(response_key, stored, lifetime)
        response["X-Page-Cache"] = "miss"
        return self._public(response, lifetime)

    def _anonymous_read(self, request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and not self._has_messages(request)
        )

    @staticmethod
    def _has_messages(request: HttpRequest) -> bool:
        """True for a messages cookie we signed; a forged one is dropped from the request."""
        value = request.COOKIES.get(MESSAGES_COOKIE)
        if value is None:
            return False
        try:
            signing.get_cookie_signer(salt=MESSAGES_SIGNER_SALT).unsign(value)
        except signing.BadSignature:
            del request.COOKIES[MESSAGES_COOKIE]
            return False
        return True

    def _claimed_session(self, request: HttpRequest) -> str | None:
        """The session key the request's cookie claims, if it could be one of ours; a cookie
        that cannot is dropped from the request, so the response may still be stored."""
        value = request.COOKIES.get(self.session_cookie)
        if value is None:
            return None
        if SESSION_KEY_RE.fullmatch(value):
            return value
        del request.COOKIES[self.session_cookie]
        return None

    def _session_cache_key(self, session_key: str | None) -> str | None:
        if session_key is None or self.session_cache_prefix is None:
            return None
        return self.session_cache_prefix + session_key

    def _session_exists(self, session_key: str, cache_key: str | None, found: dict) -> bool:
        """True for a session that exists: its cached copy came with the page, or the store
        (for cached_db, the database: one primary-key lookup) knows it."""
        if cache_key is not None and found.get(cache_key) is not None:
            return True
        return self.session_store().exists(session_key)

    def _lifetime(self, response: HttpResponse, keyed_vary: frozenset) -> int | None:
        """Seconds to keep ``response``, or None when it must not be shared."""
        if response.status_code in LONG_LIVED_STATUSES:
            lifetime = self.seconds
        elif response.status_code in SHORT_LIVED_STATUSES:
            lifetime = self.short_seconds
        else:
            return None
        cache_control = response.get("Cache-Control", "").lower()
        vary = {item.strip().lower() for item in response.get("Vary", "").split(",") if item}
        if (
            response.streaming
            or response.cookies
            or response.has_header("Content-Encoding")
            or any(word in cache_control for word in NOT_STORABLE_CACHE_CONTROL)
            or not vary <= keyed_vary
        ):
            return None
        return lifetime

    def _replay(self, stored) -> HttpResponse:
        _tokens, stored_at, status, headers, content = stored
        lifetime = self.seconds if status in LONG_LIVED_STATUSES else self.short_seconds
        headers = {
            **headers,
            "Cache-Control": self._public_cache_control(lifetime),
            "Age": str(max(0, int(time.time() - stored_at))),
            "X-Page-Cache": "hit",
        }
        return HttpResponse(content, status=status, headers=headers)

    def _public_cache_control(self, lifetime: int) -> str:
        return f"public, max-age={min(self.browser_seconds, lifetime)}, s-maxage={lifetime}"

    def _public(self, response: HttpResponse, lifetime: int) -> HttpResponse:
        # Browsers recheck within a minute; a CDN keeps it until purged or ``lifetime`` ends.
        patch_cache_control(
            response,
            public=True,
            max_age=min(self.browser_seconds, lifetime),
            s_maxage=lifetime,
        )
        return response

    @staticmethod
    def _private(response: HttpResponse) -> HttpResponse:
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


# What apps forget whenever every page is purged (registered with ``when_everything_purged``).
_everything_hooks: list[Callable[[], None]] = []


def when_everything_purged(hook: Callable[[], None]) -> None:
    """Call ``hook`` with every purge of the whole page cache, before it (an app's cached
    part of every page: the publications in the header…)."""
    _everything_hooks.append(hook)


class _Pending(threading.local):
    """What this thread's transactions changed and has not been purged yet."""

    def __init__(self):
        self.paths: set[str] = set()
        self.everything = False


_pending = _Pending()


def schedule_purge(paths: Iterable[str], *, everything: bool = False) -> None:
    """Purge ``paths`` (and with ``everything``, the whole page cache) after the commit.

    The first commit hook of a transaction sends everything pending in one batch; the
    others find nothing left. Paths of a rolled-back change go out with the next commit:
    a needless purge costs a re-render, a missed one a stale page.
    """
    _pending.paths.update(paths)
    _pending.everything |= everything
    transaction.on_commit(flush_purges)


def flush_purges() -> None:
    paths, everything = _pending.paths, _pending.everything
    if not paths and not everything:
        return
    _pending.paths, _pending.everything = set(), False
    if everything:
        for hook in _everything_hooks:
            hook()
        purge_all()
    purge_paths(paths)
    purge_frontend_cache(paths)


def purge_frontend_cache(paths: Iterable[str]) -> None:
    """Ask the configured CDN or proxy (WAGTAILFRONTENDCACHE) to drop these paths.

    First wait until no web process can still hold a copy it checked before our purge
    (``hot_copies`` keeps them PAGE_CACHE_HOT_MS): the CDN's next fetch is then fresh.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    time.sleep(settings.PAGE_CACHE_HOT_MS / 1000)
    PurgeBatch(urls=[settings.PUBLIC_BASE_URL + path for path in sorted(paths)]).purge()
