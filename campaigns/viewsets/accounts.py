"""Accounts on the networks and the personas that speak through them.

Credentials are write-only: password inputs that are never filled back. Giving new secrets to
an account that needs reconnecting releases the deliveries held for it."""

from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views import generic

from .. import approvals
from ..forms import CREDENTIAL_LABELS, SocialAccountForm, credential_field
from ..models import AccountStatus, Persona, SocialAccount
from .base import CampaignsModelViewSet, DisplayPanel


class SocialAccountEditView(generic.EditView):
    def save_instance(self):
        was_waiting = self.object.status == AccountStatus.NEEDS_RECONNECT
        instance = super().save_instance()
        if was_waiting and self.form.new_credentials:
            released = approvals.release_held(instance)
            messages.success(
                self.request,
                f"Akun terhubung kembali; {released} pengiriman yang ditahan dijadwalkan ulang.",
            )
        return instance


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
            accessor="get_status_display",
            primary=lambda account: account.status == AccountStatus.NEEDS_RECONNECT,
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
            FieldPanel("owner"),
            FieldPanel("is_active"),
            MultiFieldPanel(
                [DisplayPanel("status"), DisplayPanel("last_error")],
                heading="Keadaan koneksi",
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
