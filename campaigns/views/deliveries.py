"""The delivery listing (what goes where, when, and how it went; filtered, exported as CSV
or XLSX) and the two actions a manager takes on a delivery that did not go out cleanly: try
again, or mark it published after checking the platform by hand. Actions are POST only; the
rules are in ``approvals``."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from wagtail.admin.ui.tables import Column, TitleColumn

from .. import approvals, policy
from ..health import scheduler_health
from ..models import Delivery
from .columns import ActionsColumn, StatusColumn, WibColumn
from .common import CHANGE_POST, post_url, safe_next, when_ordering, with_when
from .filters import DeliveryFilterSet
from .listings import ReadOnlyIndexView, ReadOnlyModelViewSet


class DeliveryIndexView(ReadOnlyIndexView):
    default_ordering = "-when"

    def get_base_queryset(self):
        deliveries = Delivery.objects.select_related("post__campaign", "account")
        # the co-owners, for the policy's answer on each row's buttons
        return with_when(deliveries.prefetch_related("post__campaign__co_owners"))

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        if ordering.lstrip("-") == "when":
            return queryset.order_by(*when_ordering(descending=ordering.startswith("-")))
        return queryset.order_by(ordering, "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only and not self.is_export:
            context["health"] = scheduler_health()
        return context


class PermalinkForm(forms.Form):
    permalink = forms.URLField(
        label="Tautan unggahan di platform",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )


class DeliveryActionView(View):
    """POST only; for whom ``campaigns.policy`` allows the action on this delivery (its
    post's author or campaign owners, and the head of Humas)."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, pk):
        if not request.user.has_perm(CHANGE_POST):
            raise PermissionDenied
        delivery = get_object_or_404(Delivery.objects.select_related("account", "post"), pk=pk)
        policy.require(request.user, self.action, delivery)
        try:
            message = self.act(request, delivery)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(safe_next(request, reverse("campaigns_deliveries:index")))

    def act(self, request, delivery: Delivery) -> str:
        raise NotImplementedError


class RetryView(DeliveryActionView):
    action = "retry"

    def act(self, request, delivery):
        approvals.retry_delivery(delivery, request.user)
        return f"Pengiriman ke {delivery.account} dijadwalkan ulang sekarang."


class MarkPublishedView(DeliveryActionView):
    action = "mark_published"

    def act(self, request, delivery):
        form = PermalinkForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Tautan tidak valid: salin alamat unggahan dari platform.")
        approvals.mark_published(delivery, request.user, form.cleaned_data["permalink"])
        return f"Pengiriman ke {delivery.account} ditandai sudah terbit."


class DeliveryViewSet(ReadOnlyModelViewSet):
    """What goes where, when, and how it went: read, filtered and exported here; the two
    buttons act through ``approvals``."""

    model = Delivery
    name = "campaigns_deliveries"
    url_prefix = "campaigns/deliveries"
    icon = "upload"
    menu_label = "Pengiriman"
    index_view_class = DeliveryIndexView
    index_template_name = "campaigns/deliveries/index.html"
    filterset_class = DeliveryFilterSet
    search_fields = ["post__text", "account__handle"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "post",
            label="Unggahan",
            accessor=lambda delivery: str(delivery.post),
            get_url=lambda delivery: post_url(delivery.post_id),
            width="25%",
        ),
        Column(
            "account", label="Akun", accessor=lambda delivery: str(delivery.account), width="14%"
        ),
        Column(
            "campaign",
            label="Kampanye",
            accessor=lambda delivery: delivery.post.campaign or "\u2014",
            width="12%",
        ),
        WibColumn("when", label="Waktu (WIB)", sort_key="when", width="11%"),
        StatusColumn("status", label="Status", sort_key="status", width="18%"),
        Column("attempt_count", label="Percobaan", width="7%"),
        ActionsColumn(
            "actions", label="Tindakan", index_url_name="campaigns_deliveries:index", width="13%"
        ),
    ]
    list_export = [
        "post",
        "account",
        "post.campaign",
        "when",
        "get_status_display",
        "status_reason",
        "attempt_count",
        "remote_id",
        "permalink",
    ]
    export_headings = {
        "post": "Unggahan",
        "account": "Akun",
        "post.campaign": "Kampanye",
        "when": "Waktu (WIB)",
        "get_status_display": "Status",
        "status_reason": "Keterangan",
        "attempt_count": "Percobaan",
        "remote_id": "ID di platform",
        "permalink": "Tautan di platform",
    }
    export_filename = "pengiriman"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/retry/", RetryView.as_view(), name="retry"),
            path("<int:pk>/mark-published/", MarkPublishedView.as_view(), name="mark_published"),
        ]


delivery_viewset = DeliveryViewSet()
