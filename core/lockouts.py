"""The admin log-in lock (django-axes): the lock-out answer on Wagtail's log-in page, in
Indonesian, and the administrators' screen to unlock a user.

axes counts failed log-ins per user and client address (AXES_LOCKOUT_PARAMETERS) and, at
LOGIN_FAILURE_LIMIT, refuses even the right password for LOGIN_LOCK_MINUTES.
"""

import datetime
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

LOCKED_MESSAGE = (
    "Terlalu banyak percobaan masuk yang gagal. Log-in untuk nama pengguna ini dari alamat "
    "Anda dikunci selama {minutes} menit. Coba lagi nanti, atau minta administrator membukanya."
)


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCK_MINUTES)


def locked_out_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the same log-in page, its form showing why it refuses, 429."""
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if (
        not isinstance(original_response, SimpleTemplateResponse)
        or form is None
        or not hasattr(form, "cleaned_data")
    ):
        response: HttpResponse = HttpResponse(
            locked_message(), status=429, content_type="text/plain"
        )
    else:
        form.errors.clear()
        form.add_error(None, locked_message())
        # Rendered here: axes answers from a middleware, after the views' rendering.
        template = original_response.template_name
        response = TemplateResponse(request, template, context, status=429).render()
    response["Retry-After"] = str(settings.LOGIN_LOCK_MINUTES * 60)
    return response


def locked_attempts() -> QuerySet[AccessAttempt]:
    """Log-ins locked now: the failure limit reached within the lock's time."""
    since = timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    attempts: QuerySet[AccessAttempt] = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.LOGIN_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
    return attempts


@require_http_methods(["GET", "POST"])
def lockouts_view(request: HttpRequest) -> HttpResponse:
    """Settings > Kunci log-in: the locked log-ins, each with "Buka kunci" (administrators)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        attempt = get_object_or_404(AccessAttempt, pk=request.POST.get("attempt"))
        reset(ip=attempt.ip_address, username=attempt.username)
        messages.success(
            request,
            f"Kunci log-in untuk {attempt.username} dari {attempt.ip_address} dibuka.",
        )
        return redirect("core_lockouts")
    return TemplateResponse(
        request,
        "core/lockouts.html",
        {
            "attempts": locked_attempts(),
            "lock_minutes": settings.LOGIN_LOCK_MINUTES,
            "failure_limit": settings.LOGIN_FAILURE_LIMIT,
        },
    )
