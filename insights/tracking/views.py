"""``GET /l/<code>``: the tracked short link; ``POST /v/<page_id>``: the page-view beacon.

Both must cost almost nothing: the code (or page) is resolved from a copy kept in the
process for a few minutes, and counting is one Redis round trip (see ``events``). A reader
counts once per page or link in 30 minutes (``visitors``); a beacon posted from another
site's page (cross-site ``Origin`` or ``Sec-Fetch-Site``) is not counted. A click needs no
such check: following a link from Instagram is cross-site by nature.
Neither sets a cookie, and neither is ever cached (a cached redirect would not be counted):
both send ``never_cache``'s headers, and ``/l/`` and ``/v/`` bypass the page cache
(PAGE_CACHE_EXCLUDED_PREFIXES).
"""

import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from core.memo import Memo

from ..models import TrackedLink
from . import events
from .bots import not_a_reader
from .visitors import visitor_id

logger = logging.getLogger(__name__)

MAX_CODE_LENGTH = 16
RESOLVED_SECONDS = 300
NEVER_CACHED = {
    "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private",
    "Expires": "Thu, 01 Jan 1970 00:00:00 GMT",
}


def _load_link(code: str) -> tuple[int, str] | None:
    return TrackedLink.objects.filter(code=code).values_list("id", "target_url").first()


def _page_is_live(page_id: int) -> bool:
    return Page.objects.filter(pk=page_id, live=True).exists()


def _never_cached(response: HttpResponse) -> HttpResponse:
    """What ``never_cache`` sets, as constants (it formats a date and parses the header
    on every call, a tenth of this view's own time)."""
    for name, value in NEVER_CACHED.items():
        response[name] = value
    return response


resolved_links = Memo(RESOLVED_SECONDS)
live_pages = Memo(RESOLVED_SECONDS)


@receiver([post_save, post_delete], sender=TrackedLink)
def forget_link(sender, instance: TrackedLink, **kwargs) -> None:
    """A link saved or deleted is read afresh here at once, in other processes within
    RESOLVED_SECONDS."""
    resolved_links.forget(instance.code)


def resolve_link(code: str) -> tuple[int, str] | None:
    """(link id, target) of a well-formed, known code, from the process's copy."""
    if len(code) > MAX_CODE_LENGTH or not (code.isascii() and code.isalnum()):
        return None
    return resolved_links.get(code, _load_link)


class CountedRedirect(HttpResponseRedirect):
    """A redirect that reads Redis's answer to its click once the reader has it: the WSGI
    server calls ``close()`` after sending (so does the test client)."""

    finish_count: Callable[[], None] | None = None

    def close(self) -> None:
        try:
            if self.finish_count is not None:
                self.finish_count()
        except Exception:  # the reader is already on their way; the log keeps the reason
            logger.exception("A tracked-link click could not be counted")
        finally:
            super().close()


def redirect(request: HttpRequest, link_id: int, target: str) -> HttpResponse:
    """Count the click (a reader's GET; HEAD is what link checkers send) and send it on."""
    response = CountedRedirect(target)
    if request.method == "GET" and not not_a_reader(request):
        response.finish_count = events.send("c", link_id, visitor_id(request))
    return _never_cached(response)


@require_safe
def follow_link(request: HttpRequest, code: str) -> HttpResponse:
    """The URL pattern's view; ``middleware.TrackedLinkMiddleware`` answers known codes
    before the rest of the stack, so this mostly sees the unknown ones (a 404)."""
    found = resolve_link(code)
    if found is None:
        raise Http404("Tautan tidak dikenal.")
    return redirect(request, *found)


def _same_site(request: HttpRequest) -> bool:
    """Browsers say where a beacon comes from; other sites' pages must not count for ours."""
    meta = request.META
    if meta.get("HTTP_SEC_FETCH_SITE", "same-origin") not in ("same-origin", "none"):
        return False
    origin = meta.get("HTTP_ORIGIN")
    return origin is None or origin in _our_origins(request)


def _our_origins(request: HttpRequest) -> tuple[str, str]:
    public = urlsplit(settings.PUBLIC_BASE_URL)
    return f"{request.scheme}://{request.get_host()}", f"{public.scheme}://{public.netloc}"


@csrf_exempt
@require_POST
def page_view(request: HttpRequest, page_id: int) -> HttpResponse:
    # Every refusal gets the same 204 as a count: an inflater learns nothing from the answer.
    if not not_a_reader(request) and _same_site(request) and live_pages.get(page_id, _page_is_live):
        events.record("v", page_id, visitor_id(request))
    return _never_cached(HttpResponse(status=204))
