"""The campaign report, laid out by the AMEC Integrated Evaluation Framework: objectives,
inputs, activities, outputs, out-takes, outcomes, impact, learnings. Every figure carries its
method. Advertising value equivalents are rejected by the Barcelona Principles: none here."""

import datetime
from dataclasses import dataclass
from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from campaigns.models import Approval, ApprovalDecision, Campaign, Delivery, Network, Post
from campaigns.policy import owned_filter

from ..models import OutcomeFigure, OutcomeLevel
from . import access, board
from .queries import Scope

NETWORK_LABELS = dict(Network.choices)


def campaign_for(request, pk: int) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.prefetch_related("targets"), pk=pk)
    if not access.can_read_campaign(request.user, campaign):
        raise PermissionDenied
    return campaign


def outcome_figures(campaign: Campaign, level: str) -> list[OutcomeFigure]:
    """Figures entered for this campaign, and office-wide ones whose period overlaps it."""
    overlapping = Q(
        campaign__isnull=True,
        period_end__gte=campaign.starts_on,
        period_start__lte=campaign.ends_on,
    )
    return list(
        OutcomeFigure.objects.filter(Q(campaign=campaign) | overlapping, level=level).order_by(
            "name", "period_start"
        )
    )


@dataclass(frozen=True)
class Trend:
    """Two figures of one office-wide measure, and the change between them."""

    name: str
    unit: str
    earlier: OutcomeFigure
    later: OutcomeFigure

    @property
    def change_percent(self) -> float | None:
        if not self.earlier.value:
            return None
        return float((self.later.value - self.earlier.value) / self.earlier.value * 100)

    @property
    def yearly_percent(self) -> float | None:
        """Compound yearly growth between the two periods' ends, when both are positive."""
        years = (self.later.period_end - self.earlier.period_end).days / 365.25
        if years < 1 or self.earlier.value <= 0 or self.later.value <= 0:
            return None
        return ((float(self.later.value) / float(self.earlier.value)) ** (1 / years) - 1) * 100


def office_context(campaign: Campaign) -> tuple[list[OutcomeFigure], list[Trend]]:
    """Office-wide figures from outside the campaign's period (e.g. tourist visits in 2013 and
    2018), shown as context with their own periods; and, per measure and unit, the trend
    between each figure and the next."""
    figures = list(
        OutcomeFigure.objects.filter(campaign__isnull=True)
        .exclude(period_end__gte=campaign.starts_on, period_start__lte=campaign.ends_on)
        .order_by("name", "unit", "period_start")
    )
    trends = [
        Trend(a.name, a.unit, a, b)
        for a, b in pairwise(figures)
        if (a.name, a.unit, a.level) == (b.name, b.unit, b.level)
    ]
    return figures, trends


def sections(campaign: Campaign, start: datetime.date, end: datetime.date) -> dict:
    """The report's content: the dashboard's figures, arranged by AMEC level."""
    data = board.build(start, end, Scope(campaign_id=campaign.pk), campaign)
    f = data["figures"]
    published = f["_published"]
    accounts = (
        Delivery.objects.filter(post__campaign=campaign)
        .values("account__network", "account__handle")
        .distinct()
        .order_by("account__network", "account__handle")
    )
    posts = Post.objects.filter(campaign=campaign)
    articles = posts.filter(Q(link_page__isnull=False) | Q(source_article__isnull=False))
    clippings = f["_clippings"]
    context = office_context(campaign)
    return {
        **data,
        "inputs": {
            "accounts": [
                f"{NETWORK_LABELS.get(a['account__network'], a['account__network'])} "
                f"{a['account__handle']}"
                for a in accounts
            ],
            "owner": campaign.owner,
            "hashtags": campaign.hashtags,
        },
        "activities": {
            "per_network": [
                (NETWORK_LABELS.get(network, network), count)
                for network, count in sorted(published.items())
            ],
            "posts_written": posts.count(),
            "articles_promoted": articles.values("link_page", "source_article").distinct().count(),
            # Approved by their own author (ALLOW_SELF_APPROVAL): the reader should know.
            "self_approved": [
                str(approval.post)
                for approval in Approval.objects.filter(
                    post__campaign=campaign,
                    decision=ApprovalDecision.APPROVED,
                    actor=F("post__author"),
                ).select_related("post")
            ],
        },
        "outputs": [f["posts_published"], f["mentions"], f["potential_reach"]],
        "tones": clippings,
        "sov_rows": [data["sov"]["by_posts"], data["sov"]["by_followers"]],
        "outtakes": [
            f[key]
            for key in (
                "reach",
                "views",
                "engagements",
                "engagement_rate",
                "link_clicks",
                "ctr",
                "page_views",
            )
        ],
        "outcome_figures": [f["follower_growth"], f["follower_growth_rate"], f["net_sentiment"]],
        "outcomes": outcome_figures(campaign, OutcomeLevel.OUTCOME),
        "impacts": outcome_figures(campaign, OutcomeLevel.IMPACT),
        "context_figures": context[0],
        "context_trends": context[1],
        "misses": [row for row in data["kpis"] if not row.met],
    }


class CampaignReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "insights/report/report.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = campaign_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Laporan kampanye: {self.campaign.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("campaigns_report:index"), "label": "Laporan kampanye"},
            {"url": "", "label": self.campaign.name},
        ]

    @cached_property
    def range_form(self) -> access.DateRangeForm:
        data = self.request.GET if {"start", "end"} & set(self.request.GET) else None
        return access.DateRangeForm(data, default=access.campaign_default(self.campaign))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = self.range_form.period()
        query = f"?start={start.isoformat()}&end={end.isoformat()}"
        pk = self.campaign.pk
        context.update(
            sections(self.campaign, start, end),
            campaign=self.campaign,
            range_form=self.range_form,
            csv_url=reverse("campaigns_report:export_csv", args=[pk]) + query,
            xlsx_url=reverse("campaigns_report:export_xlsx", args=[pk]) + query,
            pdf_url=reverse("campaigns_report:export_pdf", args=[pk]) + query,
            weekly_url=reverse("campaigns_report:weekly", args=[pk]),
            subscribed=self.campaign.subscriptions.filter(user=self.request.user).exists(),
            dashboard_url=reverse("campaigns_dashboard:campaign", args=[pk]),
        )
        return context


class ReportIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The campaigns a user may read, with links to their dashboard and report."""

    template_name = "insights/report/index.html"
    page_title = "Laporan kampanye"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        campaigns = Campaign.objects.order_by("-starts_on", "name")
        if not access.can_read_office(user):
            if not access.is_social_manager(user):
                raise PermissionDenied
            campaigns = campaigns.filter(owned_filter(Campaign, user)).distinct()
        context["campaigns"] = campaigns
        return context
