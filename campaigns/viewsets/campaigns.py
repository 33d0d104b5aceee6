"""Campaigns with their KPI targets, set before they start. The owner (and co-owners) change
the campaign; colleagues read it (``campaigns.policy``)."""

from typing import Any

from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList

from ..forms import OwnerFieldsForm
from ..models import Campaign
from .base import CampaignsModelViewSet, OwnedCreateView, OwnerPanel


class CampaignForm(OwnerFieldsForm):
    def save(self, commit: bool = True) -> Campaign:
        if "learnings" in self.changed_data:
            self.instance.learnings_by = self.for_user
            self.instance.learnings_at = timezone.now()
        campaign: Campaign = super().save(commit)
        return campaign


class CampaignCreateView(OwnedCreateView):
    def get_initial(self) -> dict[str, Any]:
        # The person creating a campaign usually answers for it.
        return {**super().get_initial(), "owner": self.request.user.pk}


class CampaignViewSet(CampaignsModelViewSet):
    model = Campaign
    name = "campaigns_campaign"
    url_prefix = "campaigns/campaigns"
    icon = "tasks"
    menu_label = "Kampanye"
    add_view_class = CampaignCreateView
    inspect_view_enabled = True
    list_display = ["name", "pillar", "programme", "starts_on", "ends_on", "owner"]
    list_filter = ["pillar", "programme"]
    search_fields = ["name", "objective", "hashtags"]
    ordering = ["-starts_on", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("objective"),
            FieldRowPanel([FieldPanel("pillar"), FieldPanel("programme")]),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading="Periode"),
            FieldPanel("hashtags"),
            OwnerPanel("owner"),
            OwnerPanel("co_owners"),
            InlinePanel(
                "targets",
                label="Target KPI",
                heading="Target KPI",
                help_text=(
                    "Tetapkan sebelum kampanye dimulai; dibandingkan dengan hasil di laporan."
                ),
            ),
            MultiFieldPanel([FieldPanel("learnings")], heading="Pembelajaran"),
        ],
        base_form_class=CampaignForm,
    )

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        view_kwargs: dict[str, Any] = super().get_index_view_kwargs(
            queryset=Campaign.objects.select_related("programme", "owner"), **kwargs
        )
        return view_kwargs
