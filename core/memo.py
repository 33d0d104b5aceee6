"""One in-process memo with expiry, for answers a process may keep for a moment.

Used where a round trip (to Redis or the database) costs more than the answer is worth
re-checking: a page found valid in the page cache, a tracked link's target, whether a
User-Agent is a bot. A memo that is full is emptied: cheaper than an LRU's books, and the
few hot keys are back after one load each.
"""

import math
import time
from collections.abc import Callable, Hashable
from typing import Any


class Memo:
    """Keeps values for ``seconds`` (None: until emptied), at most ``size`` of them."""

    def __init__(self, seconds: float | None = None, size: int = 10_000):
        self.seconds = math.inf if seconds is None else seconds
        self.size = size
        self.entries: dict[Hashable, tuple[float, Any]] = {}

    def get(self, key: Hashable, load: Callable[[Any], Any]) -> Any:
        """The kept value of ``key``, or ``load(key)``, kept from now on."""
        entry = self.entries.get(key)
        now = time.monotonic()
        if entry is not None and entry[0] > now:
            return entry[1]
        value = load(key)
        if len(self.entries) >= self.size:
            self.entries.clear()
        self.entries[key] = (now + self.seconds, value)
        return value

    def peek(self, key: Hashable) -> Any:
        """The kept value of ``key``, or None when there is none (or it expired)."""
        entry = self.entries.get(key)
        return entry[1] if entry is not None and entry[0] > time.monotonic() else None

    def keep(self, key: Hashable, value: Any, seconds: float | None = None) -> None:
        """Keep ``value`` for ``seconds`` (the memo's own when None)."""
        if len(self.entries) >= self.size:
            self.entries.clear()
        self.entries[key] = (
            time.monotonic() + (self.seconds if seconds is None else seconds),
            value,
        )

    def forget(self, key: Hashable) -> None:
        self.entries.pop(key, None)

    def clear(self) -> None:
        self.entries.clear()
