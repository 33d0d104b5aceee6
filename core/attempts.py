"""Counting failed guesses (a page password, an API token) per client in the cache.

Fixed windows of LOGIN_LOCK_MINUTES: LOGIN_FAILURE_LIMIT failures in a window close the door
for that client until the window ends. One counter per (door, client) key; the cache is
Redis in production and a folder under ``make run``, so every process sees the same count.
"""

import time

from django.conf import settings
from django.core.cache import cache


def _window() -> tuple[int, int]:
    """(this window's number, seconds until it ends)."""
    seconds = settings.LOGIN_LOCK_MINUTES * 60
    now = int(time.time())
    return now // seconds, seconds - now % seconds


def _key(door: str, client: str, window: int) -> str:
    return f"attempts:{door}:{client}:{window}"


def locked_for(door: str, client: str) -> int:
    """Seconds ``client`` must wait before trying ``door`` again (0: it may try now)."""
    window, remaining = _window()
    failures = cache.get(_key(door, client, window), 0)
    return remaining if failures >= settings.LOGIN_FAILURE_LIMIT else 0


def count_failure(door: str, client: str) -> None:
    window, remaining = _window()
    key = _key(door, client, window)
    if not cache.add(key, 1, remaining + 1):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: this failure starts a new count
            cache.add(key, 1, remaining + 1)
