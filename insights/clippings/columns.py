"""The tone column of the clippings listing: a small picker per row for those who may change
clippings, the tone's name for everyone else."""

from collections.abc import Mapping
from typing import Any

from django.middleware.csrf import get_token
from django.urls import reverse
from wagtail.admin.ui.tables import Column

from ..models import Clipping, Tone

CHANGE_CLIPPING = "insights.change_clipping"


class ToneColumn(Column):
    cell_template_name = "insights/clippings/tone_cell.html"

    def get_cell_context_data(
        self, instance: Clipping, parent_context: Mapping[str, Any]
    ) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context.update(
            clipping=instance,
            choices=Tone.choices,
            can_change=request.user.has_perm(CHANGE_CLIPPING),
            tone_url=reverse("campaigns_clipping:tone", args=[instance.pk]),
            next_url=request.get_full_path(),
            csrf_token=get_token(request),
        )
        return context
