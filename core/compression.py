"""Gzip for the embedded default (`make run`), which has no reverse proxy in front of it.

In production nginx (or the CDN) compresses pages and WhiteNoise serves the static files it
compressed at ``collectstatic``; ``runserver`` does neither, so a reader of `make run` was sent
the stylesheet, the scripts and every page uncompressed: 25 KB of CSS instead of 6 KB, and
an article of 16 KB instead of 5 KB, each taking an extra round trip on a new connection
(issue 13, Lighthouse). This middleware compresses text on the way out, outside the page
cache, which stores (and varies on) the identity encoding.

Only text is compressed: pictures, fonts and PDFs are compressed already, and a partial
answer (a ``Range`` request of a video) must stay byte for byte what it says it is.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE_TYPES = frozenset(
    {
        "application/atom+xml",
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "application/rss+xml",
        "application/xml",
        "image/svg+xml",
    }
)
# A stream read as it comes would wait for gzip's buffer instead.
NOT_COMPRESSED_TEXT = frozenset({"text/event-stream"})


def compressible(content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type.startswith("text/"):
        return media_type not in NOT_COMPRESSED_TEXT
    return media_type in COMPRESSIBLE_TYPES


class TextCompressionMiddleware(GZipMiddleware):
    """Django's ``GZipMiddleware`` (with its BREACH padding), for whole text answers only."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code != 200 or not compressible(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
