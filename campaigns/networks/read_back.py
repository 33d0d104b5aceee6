"""Reading an account back after an unknown outcome: by time, bounded by pages and seconds.

A read-back covers everything the account posted since the attempt began (minus a little
clock slack), however many posts went out in between. It is bounded, so a busy account or a
slow platform cannot hold a worker: when the budget runs out before the window was read to
its end, the outcome stays unknown (checked again later, or a person decides), never "not
there".
"""

import time

from .base import OutcomeUnknown, Outgoing

CLOCK_SLACK_SECONDS = 600  # our clock and the platform's may differ a little
MAX_PAGES = 20
MAX_SECONDS = 60.0
# With no record of when the request left (rows from before ``sent_at`` was kept), look back
# this far: the sweep turns a stuck publish into a check within minutes.
FALLBACK_WINDOW_SECONDS = 2 * 86_400


def since(outgoing: Outgoing) -> float:
    """When to start reading: the moment the publishing request left, less the slack."""
    sent_at = float(outgoing.state.get("sent_at") or 0)
    if not sent_at:
        sent_at = time.time() - FALLBACK_WINDOW_SECONDS
    return sent_at - CLOCK_SLACK_SECONDS


class Budget:
    """Pages and seconds one read-back may use; ``spend()`` before each further page."""

    def __init__(self, platform: str):
        self.platform = platform
        self.pages_left = MAX_PAGES - 1  # the first page is already being read
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self) -> None:
        self.pages_left -= 1
        if self.pages_left < 0 or time.monotonic() > self.deadline:
            raise OutcomeUnknown(
                f"Terlalu banyak unggahan {self.platform} sejak pengiriman untuk diperiksa "
                "sekaligus; dicek lagi nanti."
            )
