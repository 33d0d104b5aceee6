"""Remote links: a URL that a platform, a feed or a receiver sent back is shown as a link
only if it is http(s). ``javascript:``, ``data:``, ``vbscript:`` and the rest become nothing
(the text is still shown, unlinked)."""

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from wagtail.models import Page

_STRIPPED = "".join(chr(code) for code in range(33)) + "\x7f"


def remote_url(value: object, max_length: int = 500) -> str:
    """``value`` if it is an absolute http(s) URL with a host (and fits ``max_length``),
    else ``""``. Browsers ignore leading spaces and control characters and tabs or newlines
    inside a scheme (``java\\tscript:``), so those count against it, not for it."""
    if not isinstance(value, str):
        return ""
    url = value.strip(_STRIPPED)
    if not url or len(url) > max_length or any(char in url for char in "\t\n\r"):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


def public_page_url(page: "Page") -> str:
    """A Wagtail page's absolute address on the public site, built from ``PUBLIC_BASE_URL``
    (what readers, platforms and tracked links must see), never from the Site record, which
    may still say ``localhost:80``. ``""`` for a page outside any site."""
    from django.conf import settings

    parts = page.get_url_parts()
    if parts is None:
        return ""
    return f"{settings.PUBLIC_BASE_URL}{parts[2]}"
