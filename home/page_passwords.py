"""Wagtail's page-password form, throttled: LOGIN_FAILURE_LIMIT wrong passwords from one client
address for one restriction, and that client is refused (429, even with the right password)
until the LOGIN_LOCK_MINUTES window ends. Without this, twenty guesses then the right one
opened a protected article."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from core import attempts
from core.clients import client_address

LOCKED_MESSAGE = "Terlalu banyak kata sandi yang salah. Coba lagi dalam {minutes} menit."


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    door = f"page-password:{page_view_restriction_id}"
    client = client_address(request)
    if request.method == "POST":
        wait = attempts.locked_for(door, client)
        if wait:
            return _locked(request, page_view_restriction_id, page_id, wait)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    # Wagtail redirects on the right password and shows the form again on a wrong one.
    if request.method == "POST" and response.status_code == 200:
        attempts.count_failure(door, client)
    return response


def _locked(request, restriction_id: int, page_id: int, wait: int) -> HttpResponse:
    restriction = get_object_or_404(PageViewRestriction, id=restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    form = PasswordViewRestrictionForm(
        instance=restriction, initial={"return_url": request.POST.get("return_url", "")}
    )
    form.full_clean()  # an unbound form: no errors of its own, but room for ours
    form.cleaned_data = {}
    form.add_error(None, LOCKED_MESSAGE.format(minutes=max(1, round(wait / 60))))
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    response = page.serve_password_required_response(request, form, action_url)
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response
