"""The link a delivery sends. Publishing sends the post's own link; an app that counts clicks
registers, at start-up, a function that replaces it (insights: a tracked short link
``/l/<code>``, see ``InsightsConfig.ready``). Campaigns never imports that app."""

from collections.abc import Callable

from .models import Delivery

Rewriter = Callable[[Delivery, str], str]

_rewriter: Rewriter | None = None


def register(rewriter: Rewriter) -> None:
    """Make ``rewriter(delivery, link)`` give the link every delivery sends."""
    global _rewriter
    _rewriter = rewriter


def outgoing_link(delivery: Delivery, link: str) -> str:
    """The link ``delivery`` sends for the post's ``link`` ("" when the post has none)."""
    if _rewriter is None:
        return link
    return _rewriter(delivery, link)
