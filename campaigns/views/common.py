"""What the campaign admin views share: WIB formatting, status tones, permissions, redirects."""

import datetime
from typing import Any

from django.db.models import F, OrderBy, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.menu import MenuItem

from core.indonesian import MONTHS, WEEKDAYS, WIB

from ..models import DeliveryStatus
from ..states import RETRYABLE_BY_USER

CHANGE_POST = "campaigns.change_post"
ADD_POST = "campaigns.add_post"
VIEW_DELIVERY = "campaigns.view_delivery"


# Colour groups for statuses; the text label is always shown beside the colour.
STATUS_TONES: dict[str, str] = {
    DeliveryStatus.DRAFT: "neutral",
    DeliveryStatus.PENDING_APPROVAL: "neutral",
    DeliveryStatus.SCHEDULED: "info",
    DeliveryStatus.RETRY_WAIT: "info",
    DeliveryStatus.CLAIMED: "progress",
    DeliveryStatus.PUBLISHING: "progress",
    DeliveryStatus.PUBLISHED: "success",
    DeliveryStatus.CHECKING: "warning",
    DeliveryStatus.UNCONFIRMED: "warning",
    DeliveryStatus.HELD: "warning",
    DeliveryStatus.FAILED: "critical",
    DeliveryStatus.MISSED: "critical",
    DeliveryStatus.CANCELLED: "muted",
}
RETRYABLE = RETRYABLE_BY_USER


def wib(value: datetime.datetime | None) -> datetime.datetime | None:
    return value.astimezone(WIB) if value else None


def format_wib(value: datetime.datetime | None, *, with_date: bool = True) -> str:
    """'5 Nov 2026 09.00 WIB' — the office's way of writing a time."""
    if value is None:
        return ""
    local = value.astimezone(WIB)
    clock = f"{local:%H.%M} WIB"
    if not with_date:
        return clock
    return f"{local.day} {MONTHS[local.month - 1][:3]} {local.year} {clock}"


def format_day(day: datetime.date) -> str:
    """'Kamis, 5 November 2026'."""
    return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def with_when(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Annotate each delivery with the moment it belongs to on the calendar: when it was
    published, else when it is scheduled, else the post's planned time (drafts)."""
    annotated: QuerySet[Any] = queryset.annotate(
        when=Coalesce("published_at", "scheduled_for", "post__scheduled_at")
    )
    return annotated


def when_ordering(descending: bool = False) -> list[OrderBy | str]:
    when = F("when").desc(nulls_last=True) if descending else F("when").asc(nulls_last=True)
    return [when, "pk"]


def post_url(post_id: int) -> str:
    """The post's edit view (helper views may not be registered in every setup)."""
    try:
        return reverse("campaigns_post:edit", args=[post_id])
    except NoReverseMatch:
        return ""


def add_post_url() -> str:
    try:
        return reverse("campaigns_post:add")
    except NoReverseMatch:
        return ""


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where to go back after an action: the given ``next`` if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def menu_item_requiring(permission: str) -> type[MenuItem]:
    """A menu item class shown only to users holding ``permission``."""

    class PermissionMenuItem(MenuItem):
        def is_shown(self, request: HttpRequest) -> bool:
            return request.user.has_perm(permission)

    return PermissionMenuItem
