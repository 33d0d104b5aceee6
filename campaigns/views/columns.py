"""Table columns for the delivery listing and the delivery log (Wagtail's tables)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.middleware.csrf import get_token
from django.urls import reverse
from wagtail.admin.ui.tables import BaseColumn, Column

from .. import policy
from ..models import Delivery
from ..states import MARKABLE_PUBLISHED
from .common import CHANGE_POST, RETRYABLE, STATUS_TONES, format_wib
from .listings import next_url


class WibColumn(Column):
    """A moment shown in WIB, whatever the user's own time zone setting."""

    def get_value(self, instance: object) -> str:
        return format_wib(super().get_value(instance))


class StatusColumn(Column):
    """A delivery's status as colour and words, with the reason underneath."""

    cell_template_name = "campaigns/deliveries/status_cell.html"

    def __init__(
        self,
        name: str,
        *,
        delivery: Callable[[Any], Delivery] = lambda obj: obj,
        show_reason: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, **kwargs)
        self.delivery = delivery
        self.show_reason = show_reason

    def get_cell_context_data(
        self, instance: Any, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        delivery = self.delivery(instance)
        context.update(
            status=delivery.status,
            status_label=delivery.get_status_display(),
            tone=STATUS_TONES.get(delivery.status, "neutral"),
            reason=delivery.status_reason if self.show_reason else "",
        )
        return context


class RemoteColumn(Column):
    """The post's id on the platform, linked to its permalink (a new tab) when known."""

    cell_template_name = "campaigns/deliveries/remote_cell.html"

    def get_cell_context_data(
        self, instance: Any, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        context.update(remote_id=instance.remote_id, permalink=instance.permalink)
        return context


class ActionsColumn(BaseColumn):
    """The "Coba lagi" and "Tandai sudah terbit" small POST forms, for those who may act.

    ``delivery`` picks the delivery from a row; ``show`` decides whether a row carries the
    buttons at all (the log shows them once per delivery, on its latest attempt); after a
    button, the user comes back to the listing ``index_url_name`` as they left it."""

    cell_template_name = "campaigns/deliveries/actions_cell.html"

    def __init__(
        self,
        name: str,
        *,
        index_url_name: str,
        delivery: Callable[[Any], Delivery] = lambda obj: obj,
        show: Callable[[Any], bool] | None = None,
        with_status: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, **kwargs)
        self.index_url_name = index_url_name
        self.delivery = delivery
        self.show = show or (lambda obj: True)
        self.with_status = with_status

    def get_cell_context_data(
        self, instance: Any, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        delivery = self.delivery(instance)
        shown = self.show(instance) and request.user.has_perm(CHANGE_POST)
        can_retry = shown and delivery.status in RETRYABLE
        context.update(
            delivery=delivery,
            with_status=self.with_status,
            tone=STATUS_TONES.get(delivery.status, "neutral"),
            can_retry=can_retry and policy.can(request.user, "retry", delivery),
            can_mark=shown
            and delivery.status in MARKABLE_PUBLISHED
            and policy.can(request.user, "mark_published", delivery),
            retry_url=reverse("campaigns_deliveries:retry", args=[delivery.pk]),
            mark_url=reverse("campaigns_deliveries:mark_published", args=[delivery.pk]),
            log_url=reverse("campaigns_delivery_log:index") + f"?delivery={delivery.pk}",
            next_url=next_url(request, self.index_url_name),
            csrf_token=get_token(request),
        )
        return context
