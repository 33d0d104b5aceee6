"""The Content-Security-Policy on the admin and the reader site (django-csp, enforced).

Scripts run only from the site itself, or inline with the request's nonce; nothing is loaded
from another origin; no page may be framed, except where a view opts into being framed by
its own site with ``X-Frame-Options: SAMEORIGIN`` — Wagtail's preview, shown in the editor's
side panel — which then gets ``frame-ancestors 'self'``. The policy applies to HTML (and SVG)
answers; files, feeds and JSON carry none.

Wagtail's admin still starts a few widgets with inline scripts (choosers, date pickers,
inline panels). They get the request's nonce: ``{% csp_nonce %}`` in our copies of those
templates, and ``nonce_wagtail_choosers`` (run at start-up) for the choosers, which Wagtail
writes in Python. Widgets are rendered without the request, so the nonce of the request being
answered is kept in a context variable.
"""

import functools
from contextvars import ContextVar
from typing import Any

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

POLICED_TYPES = ("text/html", "image/svg+xml")

_request_nonce: ContextVar[object] = ContextVar("csp_nonce", default=None)


def current_nonce() -> str:
    """The CSP nonce of the request being answered; "" outside a request."""
    nonce = _request_nonce.get()
    return str(nonce) if nonce is not None else ""


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        # Lazy: only a page that uses the nonce gets one in its header.
        request._csp_nonce_token = _request_nonce.set(request.csp_nonce)  # type: ignore[attr-defined]  # ours, and django-csp's (set with setattr)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        token = getattr(request, "_csp_nonce_token", None)
        if token is not None:
            _request_nonce.reset(token)
        # Wagtail renders a preview by running a dummy request through the middleware inside
        # the admin's preview view: the admin's answer carries the policy, not the dummy's.
        if getattr(request, "is_dummy", False):
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in POLICED_TYPES:
            response._csp_exempt = True  # type: ignore[attr-defined]  # django-csp reads it with getattr
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            replace["frame-ancestors"] = [SELF]
        if not request.path.startswith(_admin_prefix()):
            replace["script-src-attr"] = None  # the admin's one allowed handler (see settings)
        parts.replace = replace
        return parts


@functools.cache
def _admin_prefix() -> str:
    from django.urls import reverse

    return reverse("wagtailadmin_home")


def nonce_wagtail_choosers() -> None:
    """Wagtail's chooser widgets end with ``<script>new PageChooser(…)</script>``, written
    in Python (``BaseChooser.render``): give that script the request's nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "gives_csp_nonce", False):
        return
    render = BaseChooser.render

    def render_with_nonce(self: Any, *args: Any, **kwargs: Any) -> SafeString:
        html = str(render(self, *args, **kwargs))
        before, tag, after = html.rpartition("<script>")
        if not tag:
            return mark_safe(html)  # noqa: S308 - Wagtail's own output, unchanged
        opening = format_html('<script nonce="{}">', current_nonce())
        return mark_safe(before + opening + after)  # noqa: S308 - Wagtail's output + our attribute

    render_with_nonce.gives_csp_nonce = True  # type: ignore[attr-defined]  # marks the patch as done
    BaseChooser.render = render_with_nonce
