"""One reader, without a cookie: a hash of the address and the User-Agent under a salt that
changes every WIB day, so a page view or a click counts once per reader, page and
TRAFFIC_COUNT_ONCE_SECONDS (30 minutes), and nothing about the reader is kept.

The day's salt is random, shared by every web process through the cache and dropped two
days later, so nobody (the office included) can recompute whose hash it was. Neither the
address, the User-Agent nor the hash is stored in the database: the hash is only the name
of a Redis key that expires after the window.
"""

import hashlib
import secrets
import time

from django.core.cache import cache
from django.http import HttpRequest

from core.clients import client_address

WIB_OFFSET_SECONDS = 7 * 3600
SALT_KEEP_SECONDS = 2 * 86400
_salts: dict[int, bytes] = {}


def wib_day() -> int:
    """Days since 1970 in WIB (the office's day, and the salt's)."""
    return int((time.time() + WIB_OFFSET_SECONDS) // 86400)


def daily_salt(day: int) -> bytes:
    """The day's salt: made once by whichever process asks first, kept in this process."""
    found = _salts.get(day)
    if found is None:
        key = f"traffic:salt:{day}"
        try:
            cache.add(key, secrets.token_hex(16), SALT_KEEP_SECONDS)
            shared = cache.get(key)
        except Exception:  # the cache down must not stop a redirect
            shared = None
        # Without a shared cache (dummy, or down) this process's own salt still counts once
        # per reader here; it is not remembered either.
        found = (shared or secrets.token_hex(16)).encode()
        _salts.clear()
        _salts[day] = found
    return found


def visitor_id(request: HttpRequest) -> str:
    """The reader's hash for today: 18 hex characters, unlinkable to the address."""
    meta = request.META
    seen = f"{client_address(request)}\n{meta.get('HTTP_USER_AGENT', '')}".encode()
    return hashlib.blake2b(seen, key=daily_salt(wib_day()), digest_size=9).hexdigest()
