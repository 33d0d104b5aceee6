"""Admin view sets of this area, added to the "Pengukuran" menu group: the peer accounts
(other cities, for share of voice) and "Status pengumpul", the read-only record of every
collector run (filtered, exported as CSV or XLSX) with each collector's latest outcome on top,
so a gap in a chart has a reason, and a button per collector to run it now.

Analysts and the head of Humas hold the permissions (migration 0006): add/change/view peers,
view runs. Nobody deletes a peer through the admin: it is deactivated, and its series stays.
"""

import datetime

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q
from django.urls import path
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column

from campaigns.views.columns import WibColumn
from campaigns.views.common import format_wib
from campaigns.views.listings import ReadOnlyIndexView, ReadOnlyModelViewSet
from campaigns.viewsets.base import CampaignsModelViewSet

from ..models import CollectionRun, Collector, PeerAccount, RunStatus
from .run_now import RUN_COLLECTOR, run_collector_now, runnable_for

RUN_TONES: dict[str, str] = {
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
        if run is None:  # never: the collector is in stats because it ran
            continue
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


class CollectionRunIndexView(ReadOnlyIndexView):
    page_title = "Status pengumpul"
    default_ordering = "-started_at"

    def get_base_queryset(self):
        return CollectionRun.objects.select_related("account")

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only and not self.is_export:
            context["summary"] = collector_summary()
            context["runnable"] = runnable_for(self.request.user)
        return context


class CollectorStatusViewSet(ReadOnlyModelViewSet):
    """Every collector run, newest first: read, filtered and exported here; the "Kumpulkan
    sekarang" buttons ask a collector to run now (``run_now``)."""

    model = CollectionRun
    name = "campaigns_collector_status"
    url_prefix = "measurement/collectors"
    icon = "time"
    menu_label = "Status pengumpul"
    index_view_class = CollectionRunIndexView
    index_template_name = "insights/collectors/status_index.html"
    filterset_class = CollectionRunFilterSet
    list_per_page = 50
    list_display = [
        WibColumn("started_at", label="Mulai (WIB)", sort_key="started_at", width="13%"),
        Column("collector", label="Pengumpul", accessor="get_collector_display", width="15%"),
        Column("subject", label="Subjek", width="14%"),
        RunStatusColumn("status", label="Status", sort_key="status", width="12%"),
        Column("samples_written", label="Sampel", width="7%"),
        Column("message", label="Pesan", width="39%"),
    ]
    list_export = [
        "started_at",
        "finished_at",
        "get_collector_display",
        "subject",
        "get_status_display",
        "samples_written",
        "message",
    ]
    export_headings = {
        "started_at": "Mulai (WIB)",
        "finished_at": "Selesai (WIB)",
        "get_collector_display": "Pengumpul",
        "subject": "Subjek",
        "get_status_display": "Status",
        "samples_written": "Sampel",
        "message": "Pesan",
    }
    export_filename = "status-pengumpul"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("run/<str:collector>/", run_collector_now, name="run_now"),
        ]

    def get_permissions_to_register(self):
        """``view``, and running a collector now (the buttons): the group editor offers both."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            codename__in=["view_collectionrun", RUN_COLLECTOR.split(".", 1)[1]],
        )


VIEWSETS: list = [PeerAccountViewSet, CollectorStatusViewSet]
