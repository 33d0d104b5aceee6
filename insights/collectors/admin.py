"""Admin view sets of this area, added to the "Pengukuran" menu group: the peer accounts
(other cities, for share of voice) and "Status pengumpul", the read-only record of every
collector run with each collector's latest outcome on top, so a gap in a chart has a reason.

Analysts and the head of Humas hold the permissions (migration 0006): add/change/view peers,
view runs. Nobody deletes a peer through the admin: it is deactivated, and its series stays.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Count, Max, Q
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.views.columns import WibColumn
from campaigns.views.common import format_wib, menu_item_requiring
from campaigns.viewsets.base import CampaignsModelViewSet

from ..models import CollectionRun, Collector, PeerAccount, RunStatus
from .run_now import run_collector_now, runnable_for

VIEW_RUN = "insights.view_collectionrun"
RUN_TONES = {
    RunStatus.RUNNING: "progress",
    RunStatus.OK: "success",
    RunStatus.PARTIAL: "warning",
    RunStatus.FAILED: "critical",
    RunStatus.RATE_LIMITED: "info",
}


class PeerAccountViewSet(CampaignsModelViewSet):
    model = PeerAccount
    name = "campaigns_peeraccount"
    url_prefix = "measurement/peers"
    icon = "group"
    menu_label = "Akun pembanding"
    list_display = [
        "handle",
        "display_name",
        "peer_set",
        BooleanColumn("is_canary", label="Kanari"),
        BooleanColumn("is_active", label="Aktif"),
    ]
    list_filter = ["peer_set", "is_active", "is_canary"]
    search_fields = ["handle", "display_name"]
    panels = [
        FieldPanel("handle", help_text="Tanpa @, mis. pemkotbogor. Dibaca setiap 6 jam."),
        FieldPanel("display_name"),
        FieldPanel(
            "peer_set",
            help_text="Pangsa suara dihitung terhadap satu kelompok; mengganti kelompok "
            "memulai deret baru.",
        ),
        FieldPanel("is_canary"),
        FieldPanel("is_active", help_text="Nonaktifkan, jangan hapus: angka lamanya tetap ada."),
    ]


class CollectionRunFilterSet(WagtailFilterSet):
    collector = django_filters.MultipleChoiceFilter(
        label="Pengumpul",
        field_name="collector",
        choices=Collector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        field_name="status",
        choices=RunStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CollectionRun
        fields = ["collector", "status"]


class RunStatusColumn(Column):
    cell_template_name = "campaigns/deliveries/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            status=instance.status,
            status_label=instance.get_status_display(),
            tone=RUN_TONES.get(instance.status, "neutral"),
        )
        return context


def collector_summary() -> list[dict]:
    """Each collector that ever ran: its latest run, when it last succeeded, and how many
    of its runs failed in the last 24 hours. One small indexed query per collector."""
    since = timezone.now() - datetime.timedelta(hours=24)
    stats = {
        row["collector"]: row
        for row in CollectionRun.objects.values("collector").annotate(
            last_ok=Max("started_at", filter=Q(status=RunStatus.OK)),
            failed_24h=Count("pk", filter=Q(status=RunStatus.FAILED, started_at__gte=since)),
        )
    }
    rows = []
    for collector in Collector:
        if collector.value not in stats:
            continue
        latest = CollectionRun.objects.filter(collector=collector).select_related("account")
        run = latest.order_by("-started_at", "-pk").first()
        rows.append(
            {
                "collector": collector.label,
                "run": run,
                "tone": RUN_TONES.get(run.status, "neutral"),
                "when": format_wib(run.finished_at or run.started_at),
                "last_ok": format_wib(stats[collector.value]["last_ok"]) or "belum pernah",
                "failed_24h": stats[collector.value]["failed_24h"],
            }
        )
    return rows


class CollectionRunIndexView(IndexView):
    model = CollectionRun
    permission_policy = ModelPermissionPolicy(CollectionRun)
    permission_required = "view"
    any_permission_required = None
    filterset_class = CollectionRunFilterSet
    default_ordering = "-started_at"
    paginate_by = 50
    table_classname = "listing benteng-table"
    page_title = "Status pengumpul"
    header_icon = "time"
    template_name = "insights/collectors/status_index.html"
    index_url_name = "campaigns_collector_status:index"
    index_results_url_name = "campaigns_collector_status:index_results"

    def get_base_queryset(self):
        return CollectionRun.objects.select_related("account")

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "-pk")

    @cached_property
    def columns(self):
        return [
            WibColumn("started_at", label="Mulai (WIB)", sort_key="started_at", width="13%"),
            Column("collector", label="Pengumpul", accessor="get_collector_display", width="15%"),
            Column("subject", label="Subjek", width="14%"),
            RunStatusColumn("status", label="Status", sort_key="status", width="12%"),
            Column("samples_written", label="Sampel", width="7%"),
            Column("message", label="Pesan", width="39%"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            context["summary"] = collector_summary()
            context["runnable"] = runnable_for(self.request.user)
        return context


class CollectorStatusViewSet(ViewSet):
    name = "campaigns_collector_status"
    url_prefix = "measurement/collectors"
    icon = "time"
    menu_label = "Status pengumpul"
    menu_item_class = menu_item_requiring(VIEW_RUN)

    def get_urlpatterns(self):
        return [
            path("", CollectionRunIndexView.as_view(), name="index"),
            path(
                "results/", CollectionRunIndexView.as_view(results_only=True), name="index_results"
            ),
            path("run/<str:collector>/", run_collector_now, name="run_now"),
        ]


VIEWSETS: list = [PeerAccountViewSet, CollectorStatusViewSet]
