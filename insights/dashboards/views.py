"""The office dashboard and one per campaign, in the Wagtail admin ("Dasbor")."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import Campaign

from . import access, board
from .queries import Scope
from .report import ReportIndexView


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "insights/dashboards/dashboard.html"
    header_icon = "doc-full-inverse"
    campaign: Campaign | None = None

    def default_period(self):
        return access.office_default()

    @cached_property
    def range_form(self) -> access.DateRangeForm:
        data = self.request.GET if {"start", "end"} & set(self.request.GET) else None
        return access.DateRangeForm(data, default=self.default_period())

    def scope(self) -> Scope:
        return Scope()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = self.range_form.period()
        context.update(
            board.build(start, end, self.scope(), self.campaign),
            range_form=self.range_form,
            campaign=self.campaign,
            office_url=reverse("campaigns_dashboard:index"),
        )
        return context


class OfficeDashboardView(DashboardView):
    page_title = "Dasbor seluruh kantor"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_read_office(request.user):
            if access.is_social_manager(request.user):
                # "Dasbor" in a manager's menu: the dashboards of their own campaigns.
                return OwnCampaignsView.as_view()(request)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = Campaign.objects.order_by("-starts_on", "name")[:20]
        return context


class OwnCampaignsView(ReportIndexView):
    page_title = "Dasbor kampanye Anda"
    header_icon = "doc-full-inverse"


class CampaignDashboardView(DashboardView):
    campaign: Campaign  # set by dispatch

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(
            Campaign.objects.prefetch_related("targets"), pk=kwargs["pk"]
        )
        if not access.can_read_campaign(request.user, self.campaign):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Dasbor kampanye: {self.campaign.name}"

    def default_period(self):
        return access.campaign_default(self.campaign)

    def scope(self) -> Scope:
        return Scope(campaign_id=self.campaign.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report_url"] = reverse("campaigns_report:report", args=[self.campaign.pk])
        return context
