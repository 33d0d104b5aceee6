"""Accounts on the networks and the personas that speak through them.

Credentials are write-only: password inputs that are never filled back. Giving new secrets to
an account that needs reconnecting releases the deliveries held for it. Changing where an
account publishes (network, page/account id, webhook URL) holds its approved, unsent
deliveries until the head of Humas confirms the new destination (``confirm_destination``)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton

from .. import holds, policy
from ..forms import CREDENTIAL_LABELS, SocialAccountForm, credential_field
from ..models import AccountStatus, DeliveryStatus, Persona, SocialAccount
from .base import CampaignsModelViewSet, DisplayPanel, OwnedEditView, OwnerPanel


class SocialAccountEditView(OwnedEditView):
    def save_instance(self):
        was_waiting = self.object.status == AccountStatus.NEEDS_RECONNECT
        previous = SocialAccount.objects.get(pk=self.object.pk).destination
        moved = any(name in self.form.changed_data for name in holds.DESTINATION_FIELDS)
        instance = super().save_instance()
        if moved:
            held = holds.hold_for_new_destination(instance, self.request.user, previous)
            if held:
                messages.warning(
                    self.request,
                    f"Tujuan akun berubah: {held} pengiriman yang sudah disetujui ditahan sampai "
                    "Kepala Humas mengonfirmasi tujuan baru.",
                )
        if was_waiting and self.form.new_credentials:
            released = holds.release_held(instance)
            messages.success(
                self.request,
                f"Akun terhubung kembali; {released} pengiriman yang ditahan dijadwalkan ulang.",
            )
        return instance

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.destination_held and policy.can(
            self.request.user, "confirm_destination", self.object
        ):
            buttons.append(
                HeaderButton(
                    "Konfirmasi tujuan baru",
                    url=reverse("campaigns_account:confirm_destination", args=[self.object.pk]),
                    icon_name="tick",
                )
            )
        return buttons


def confirm_destination(request, pk):
    """GET: what changed and what waits; POST: the head of Humas confirms the destination."""
    account = get_object_or_404(SocialAccount, pk=pk)
    policy.require(request.user, "confirm_destination", account)
    edit_url = reverse("campaigns_account:edit", args=[account.pk])
    if request.method == "POST":
        try:
            released = holds.confirm_destination(account, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Tujuan baru {account} dikonfirmasi; {released} pengiriman dijadwalkan lagi.",
            )
        return redirect(edit_url)
    held = account.deliveries.filter(status=DeliveryStatus.HELD).select_related("post")
    return TemplateResponse(
        request,
        "campaigns/accounts/confirm_destination.html",
        {"account": account, "held": held, "edit_url": edit_url},
    )


class DestinationPanel(DisplayPanel):
    """Shown only while a destination change waits for the head of Humas."""

    class BoundPanel(DisplayPanel.BoundPanel):
        def is_shown(self):
            return super().is_shown() and self.instance.destination_held


def _status_label(account: SocialAccount) -> str:
    if account.destination_held:
        return "Tujuan baru menunggu konfirmasi"
    return account.get_status_display()


def _credentials_state(account: SocialAccount) -> str:
    return "Tersimpan" if account.has_credentials else "Belum ada"


class SocialAccountViewSet(CampaignsModelViewSet):
    model = SocialAccount
    name = "campaigns_account"
    url_prefix = "campaigns/accounts"
    icon = "globe"
    menu_label = "Akun media sosial"
    edit_view_class = SocialAccountEditView
    inspect_view_enabled = True
    inspect_view_fields = [
        "network",
        "handle",
        "display_name",
        "external_id",
        "persona",
        "owner",
        "status",
        "last_error",
        "last_error_at",
        "destination_held",
        "previous_destination",
        "is_active",
    ]
    list_display = [
        "handle",
        "network",
        "display_name",
        "persona",
        StatusTagColumn(
            "status",
            label="Status",
            accessor=_status_label,
            primary=lambda account: (
                account.status == AccountStatus.NEEDS_RECONNECT or account.destination_held
            ),
        ),
        Column("last_error", label="Galat terakhir"),
        Column("credentials", label="Kredensial", accessor=_credentials_state),
        BooleanColumn("is_active", label="Aktif"),
    ]
    list_filter = ["network", "status", "is_active"]
    search_fields = ["handle", "display_name", "external_id"]
    edit_handler = ObjectList(
        [
            FieldPanel("network"),
            FieldPanel("handle"),
            FieldPanel("display_name"),
            FieldPanel("external_id"),
            FieldPanel("persona"),
            OwnerPanel("owner"),
            FieldPanel("is_active"),
            MultiFieldPanel(
                [DisplayPanel("status"), DisplayPanel("last_error")],
                heading="Keadaan koneksi",
            ),
            MultiFieldPanel(
                [
                    DestinationPanel("previous_destination"),
                    DestinationPanel("destination_changed_by"),
                    DestinationPanel("destination_changed_at"),
                ],
                heading="Tujuan baru menunggu konfirmasi Kepala Humas",
                help_text=(
                    "Pengiriman yang sudah disetujui ditahan sampai Kepala Humas "
                    "mengonfirmasi tujuan baru."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel(credential_field(key)) for key in CREDENTIAL_LABELS],
                heading="Kredensial (hanya bisa ditulis)",
                help_text=(
                    "Token tidak pernah ditampilkan kembali. Isi hanya untuk menyimpan yang baru."
                ),
            ),
        ],
        base_form_class=SocialAccountForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=SocialAccount.objects.select_related("persona"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/confirm-destination/",
                confirm_destination,
                name="confirm_destination",
            ),
        ]


class PersonaViewSet(CampaignsModelViewSet):
    model = Persona
    name = "campaigns_persona"
    url_prefix = "campaigns/personas"
    icon = "user"
    menu_label = "Persona"
    inspect_view_enabled = True
    list_display = ["name", "voice_notes"]
    search_fields = ["name", "voice_notes"]
    panels = [FieldPanel("name"), FieldPanel("voice_notes")]
