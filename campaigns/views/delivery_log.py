"""The delivery log: every try at publishing or reconciling, newest first, in plain words.

A delivery that needs a person (failed, missed, held, unconfirmed) carries its buttons on
its latest attempt, so the log is also where a manager acts on what went wrong."""

from django.db.models import OuterRef, Subquery
from wagtail.admin.ui.tables import Column, TitleColumn

from ..health import scheduler_health
from ..models import AttemptOutcome, DeliveryAttempt
from .columns import ActionsColumn, RemoteColumn, WibColumn
from .common import post_url
from .filters import DeliveryAttemptFilterSet
from .listings import ReadOnlyIndexView, ReadOnlyModelViewSet

# Said when the adapter left no message of its own.
OUTCOME_TEXT: dict[str, str] = {
    AttemptOutcome.PUBLISHED: "Terbit di platform.",
    AttemptOutcome.RETRY: "Gagal sementara; akan dicoba lagi.",
    AttemptOutcome.WAITING: "Menunggu kuota atau proses di platform.",
    AttemptOutcome.FAILED: "Ditolak platform.",
    AttemptOutcome.RECONNECT: "Token akun tidak berlaku: akun perlu dihubungkan ulang.",
    AttemptOutcome.UNKNOWN: "Tidak diketahui apakah sampai; akan dicek ulang ke platform.",
    AttemptOutcome.IN_PROGRESS: "Sedang berjalan.",
}
OUTCOME_TONES = {
    AttemptOutcome.PUBLISHED: "success",
    AttemptOutcome.RETRY: "info",
    AttemptOutcome.WAITING: "info",
    AttemptOutcome.FAILED: "critical",
    AttemptOutcome.RECONNECT: "warning",
    AttemptOutcome.UNKNOWN: "warning",
    AttemptOutcome.IN_PROGRESS: "progress",
}


def plain_message(attempt: DeliveryAttempt) -> str:
    return attempt.message.strip() or OUTCOME_TEXT.get(attempt.outcome, "")


class OutcomeColumn(Column):
    cell_template_name = "campaigns/deliveries/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(
            status=instance.outcome,
            status_label=instance.get_outcome_display(),
            tone=OUTCOME_TONES.get(instance.outcome, "neutral"),
        )
        return context


class DeliveryLogView(ReadOnlyIndexView):
    default_ordering = "-started_at"

    def get_base_queryset(self):
        latest = (
            DeliveryAttempt.objects.filter(delivery=OuterRef("delivery"))
            .order_by("-started_at", "-pk")
            .values("pk")[:1]
        )
        return (
            DeliveryAttempt.objects.select_related("delivery__post__campaign", "delivery__account")
            .prefetch_related("delivery__post__campaign__co_owners")  # the buttons' policy
            .annotate(latest_pk=Subquery(latest))
        )

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "-pk")

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["message"] = plain_message(item)
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only and not self.is_export:
            context["health"] = scheduler_health()
        return context


class DeliveryLogViewSet(ReadOnlyModelViewSet):
    """Every try at publishing or reconciling, newest first: read, filtered, exported."""

    model = DeliveryAttempt
    name = "campaigns_delivery_log"
    url_prefix = "campaigns/delivery-log"
    icon = "list-ul"
    menu_label = "Log pengiriman"
    index_view_class = DeliveryLogView
    index_template_name = "campaigns/deliveries/log_index.html"
    filterset_class = DeliveryAttemptFilterSet
    list_per_page = 50
    list_display = [
        WibColumn("started_at", label="Waktu (WIB)", sort_key="started_at", width="12%"),
        TitleColumn(
            "post",
            label="Unggahan",
            accessor=lambda attempt: str(attempt.delivery.post),
            get_url=lambda attempt: post_url(attempt.delivery.post_id),
            width="20%",
        ),
        Column(
            "account",
            label="Akun",
            accessor=lambda attempt: str(attempt.delivery.account),
            width="12%",
        ),
        Column("kind", label="Jenis", accessor="get_kind_display", width="6%"),
        OutcomeColumn("outcome", label="Hasil", sort_key="outcome", width="12%"),
        Column("http_status", label="HTTP", width="5%"),
        RemoteColumn("remote_id", label="Di platform", width="8%"),
        Column("message", label="Pesan", accessor=plain_message, width="13%"),
        ActionsColumn(
            "actions",
            label="Status sekarang",
            index_url_name="campaigns_delivery_log:index",
            delivery=lambda attempt: attempt.delivery,
            show=lambda attempt: attempt.pk == attempt.latest_pk,
            with_status=True,
            width="12%",
        ),
    ]
    list_export = [
        "started_at",
        "finished_at",
        "delivery.post",
        "delivery.account",
        "get_kind_display",
        "get_outcome_display",
        "http_status",
        "remote_id",
        "permalink",
        "message",
    ]
    export_headings = {
        "started_at": "Mulai (WIB)",
        "finished_at": "Selesai (WIB)",
        "delivery.post": "Unggahan",
        "delivery.account": "Akun",
        "get_kind_display": "Jenis",
        "get_outcome_display": "Hasil",
        "http_status": "HTTP",
        "remote_id": "ID di platform",
        "permalink": "Tautan di platform",
        "message": "Pesan",
    }
    export_filename = "log-pengiriman"


delivery_log_viewset = DeliveryLogViewSet()
