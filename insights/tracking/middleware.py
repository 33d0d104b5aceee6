"""``/l/<code>`` answered right after ``SecurityMiddleware``: a tracked link's redirect needs
no static files, page cache, session, CSRF, user, messages, Wagtail redirects or lock-outs,
and paid for every one of them (issue 13 §4: the redirect at 80 % of a plain one).

What it still gets: the probes, the request id, the Prometheus timing (labelled
``tracked_link``), the host check, the HTTPS redirect and the security headers; the headers
the skipped middleware would have added (``X-Frame-Options``, the Content-Security-Policy)
are added here by those same middleware classes. A code that is unknown, malformed, or asked
for with another method goes on down the stack to the URL pattern's view (its 404 or 405).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware

from core.csp import ContentSecurityPolicyMiddleware

from .views import redirect, resolve_link

PREFIX = "/l/"
SAFE_METHODS = ("GET", "HEAD")
POLICY_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")


def _never_called(request: HttpRequest) -> HttpResponse:  # pragma: no cover - headers only
    raise AssertionError("only process_request/process_response are used")


class TrackedLinkMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = ContentSecurityPolicyMiddleware(_never_called)
        self.frame_options = XFrameOptionsMiddleware(_never_called)
        self.policy: dict[str, str] | None = None

    def with_policy(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """The site's Content-Security-Policy, built by its middleware for the first redirect
        and copied onto the next: a redirect uses no nonce, so the policy is the same every
        time (building it was a third of this short cut's own time)."""
        if self.policy is None:
            self.csp.process_request(request)
            self.csp.process_response(request, response)  # sets the policy's headers on it
            self.policy = {name: response[name] for name in POLICY_HEADERS if name in response}
            return response
        for name, value in self.policy.items():
            response[name] = value
        return response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(PREFIX) and request.method in SAFE_METHODS:
            code = path[len(PREFIX) :]
            code = code[:-1] if code.endswith("/") else code
            found = resolve_link(code)
            if found is not None:
                request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware would check it
                request.metrics_view = "tracked_link"  # type: ignore[attr-defined]  # for core.metrics
                response = self.with_policy(request, redirect(request, *found))
                return self.frame_options.process_response(request, response)
        return self.get_response(request)
