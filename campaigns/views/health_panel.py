"""The scheduler's health on the Wagtail dashboard, for everyone who follows deliveries."""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from ..health import scheduler_health
from .common import VIEW_DELIVERY


class SchedulerHealthPanel(Component):
    name = "benteng_scheduler_health"
    template_name = "campaigns/health/panel.html"
    order = 80

    class Media:
        css = {"all": ["campaigns/calendar.css"]}

    def get_context_data(self, parent_context: Mapping[str, Any] | None) -> dict[str, Any]:
        return {
            "health": scheduler_health(),
            "deliveries_url": reverse("campaigns_deliveries:index"),
        }


@hooks.register("construct_homepage_panels")
def add_health_panel(request: HttpRequest, panels: list[Component]) -> None:
    if request.user.has_perm(VIEW_DELIVERY):
        panels.append(SchedulerHealthPanel())
