"""Admin forms of the campaigns half: accounts with write-only credentials, and posts checked
against every network's rules on save (the same rules the compose screen shows live)."""

from dataclasses import dataclass, field

from django import forms
from django.utils import timezone
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images import get_image_model
from wagtail.models import Page

from core.links import public_page_url

from . import crypto, policy, validation
from .models import Network, SocialAccount
from .networks import webhook

# Which secrets each network needs; anything else typed in is refused, never stored.
CREDENTIAL_KEYS: dict[str, tuple[str, ...]] = {
    Network.INSTAGRAM: ("access_token",),
    Network.FACEBOOK: ("access_token",),
    Network.X: ("access_token", "refresh_token"),
    Network.TELEGRAM: ("bot_token",),
    Network.WEBHOOK: ("secret",),
}
CREDENTIAL_LABELS = {
    "access_token": "Access token",
    "refresh_token": "Refresh token (opsional)",
    "bot_token": "Bot token",
    "secret": "Secret penanda tangan",
}


def credential_field(key: str) -> str:
    return f"credential_{key}"


def _networks_using(key: str) -> str:
    return ", ".join(
        Network(network).label for network, keys in CREDENTIAL_KEYS.items() if key in keys
    )


def format_wib(moment) -> str:
    """A stored UTC time as the office reads it, e.g. "05-12-2026 09:00 WIB"."""
    if moment is None:
        return ""
    return f"{timezone.localtime(moment):%d-%m-%Y %H:%M} WIB"


def _secret_input() -> forms.CharField:
    # PasswordInput never renders a value back, not even after a failed submit.
    return forms.CharField(
        required=False,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class OwnerFieldsForm(WagtailAdminModelForm):
    """Leaves out ``owner`` and ``co_owners`` for whom ``policy`` does not let change them:
    the creator answers for a new object, and only the head of Humas reassigns it."""

    OWNER_FIELDS = ("owner", "co_owners")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        target = self.instance if self.instance.pk else type(self.instance)
        if for_user is not None and not policy.can(for_user, "change_owner", target):
            for name in self.OWNER_FIELDS:
                self.fields.pop(name, None)


class SocialAccountForm(OwnerFieldsForm):
    """An account; its secrets can be replaced but never read back. A blank input keeps the
    stored value (``SocialAccount.set_credentials`` merges)."""

    credential_access_token = _secret_input()
    credential_refresh_token = _secret_input()
    credential_bot_token = _secret_input()
    credential_secret = _secret_input()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self._stored_keys()
        for key, label in CREDENTIAL_LABELS.items():
            formfield = self.fields[credential_field(key)]
            formfield.label = label
            if stored is None:
                state = "Tersimpan tetapi tidak dapat dibaca dengan kunci saat ini: isi ulang."
            elif key in stored:
                state = f"Tersimpan, diperbarui {format_wib(self.instance.credentials_updated_at)}."
            else:
                state = "Belum ada."
            formfield.help_text = (
                f"Untuk {_networks_using(key)}. {state} Kosongkan untuk mempertahankan yang "
                "tersimpan."
            )
        self.new_credentials: dict[str, str] = {}

    def _stored_keys(self) -> set[str] | None:
        """Names of the stored secrets (never their values); None if unreadable."""
        try:
            return set(self.instance.get_credentials())
        except crypto.CredentialsUnreadable:
            return None

    def clean(self):
        cleaned_data = super().clean()
        network = cleaned_data.get("network")
        wanted = CREDENTIAL_KEYS.get(network, ())
        for key in CREDENTIAL_LABELS:
            value = cleaned_data.get(credential_field(key))
            if value and key not in wanted and network:
                self.add_error(
                    credential_field(key),
                    f"Tidak dipakai untuk {Network(network).label}; kosongkan isian ini.",
                )
        if network == Network.WEBHOOK and "external_id" in cleaned_data:
            try:
                webhook.validate_url(cleaned_data["external_id"])
            except forms.ValidationError as error:
                self.add_error("external_id", error)
        self.new_credentials = {
            key: cleaned_data[credential_field(key)]
            for key in wanted
            if cleaned_data.get(credential_field(key))
        }
        return cleaned_data

    def save(self, commit=True):
        if self.new_credentials:
            if self.instance.pk and "network" in self.changed_data:
                # Another network's secrets mean nothing here: start afresh.
                self.instance.credentials_encrypted = ""
            self.instance.set_credentials(self.new_credentials)
        return super().save(commit=commit)


class DeliveryForm(WagtailAdminModelForm):
    """One target account of a post, with its own text if it needs one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "account" in self.fields:
            active = SocialAccount.objects.filter(is_active=True)
            if self.instance.account_id:
                active = active | SocialAccount.objects.filter(pk=self.instance.account_id)
            self.fields["account"].queryset = active.distinct()


class DeliveryFormSet(BaseChildFormSet):
    def get_unique_error_message(self, unique_check):
        return "Setiap akun hanya boleh dipilih sekali."


@dataclass
class ComposeInput:
    """What a post says, as typed: the words, the link, the images and the target accounts.
    Built from a saved post, a validated form, or the raw data the compose screen posts."""

    text: str = ""
    link: str = ""
    link_title: str = ""
    images: list = field(default_factory=list)  # [(image, alt_text)]
    targets: list = field(default_factory=list)  # [(account, text_override)]

    def text_for(self, override: str) -> str:
        return override.strip() or self.text

    def validation_targets(self) -> list[validation.Target]:
        return [
            validation.Target(account.network, str(account), self.text_for(override))
            for account, override in self.targets
        ]

    def messages(self) -> list[str]:
        """Every broken rule, worded exactly as on save and on submit."""
        return validation.check(
            self.validation_targets(), link=self.link, image_count=len(self.images)
        )

    def messages_for(self, account, override: str) -> list[str]:
        target = validation.Target(account.network, str(account), self.text_for(override))
        return validation.check([target], link=self.link, image_count=len(self.images))

    @classmethod
    def from_post(cls, post) -> "ComposeInput":
        page = post.link_page.specific if post.link_page_id else None
        deliveries = post.deliveries.select_related("account")
        return cls(
            text=post.text,
            link=post.link(),
            link_title=page.title if page else "",
            images=[(i.image, i.alt_text) for i in post.images.select_related("image")],
            targets=[(d.account, d.text_override) for d in deliveries],
        )

    @classmethod
    def from_data(cls, data) -> "ComposeInput":
        """From the post form's raw fields (Wagtail's formset names), as the browser sends
        them while the user types; unknown ids and deleted rows are skipped."""
        page = _page(data.get("link_page"))
        image_rows = _rows(data, "images", "image")
        images_by_id = get_image_model().objects.in_bulk([pk for pk, _ in image_rows])
        account_rows = _rows(data, "deliveries", "account")
        accounts = SocialAccount.objects.in_bulk([pk for pk, _ in account_rows])
        return cls(
            text=data.get("text", ""),
            link=public_page_url(page) if page else data.get("link_url", "").strip(),
            link_title=page.title if page else "",
            images=[
                (images_by_id[pk], row.get("alt_text", ""))
                for pk, row in image_rows
                if pk in images_by_id
            ],
            targets=[
                (accounts[pk], row.get("text_override", ""))
                for pk, row in account_rows
                if pk in accounts
            ],
        )


def _page(value):
    if not str(value or "").isdigit():
        return None
    page = Page.objects.filter(pk=int(value)).first()
    return page.specific if page else None


def _rows(data, prefix: str, key: str) -> list[tuple[int, dict]]:
    """Rows of an inline formset that are kept and have ``key`` chosen: [(id, row)]."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return []
    rows = []
    for index in range(min(total, 100)):
        row = {
            name[len(f"{prefix}-{index}-") :]: data.get(name)
            for name in data
            if name.startswith(f"{prefix}-{index}-")
        }
        deleted = str(row.get("DELETE") or "").lower() in ("1", "on", "true")
        if deleted or not str(row.get(key) or "").isdigit():
            continue
        rows.append((int(row[key]), row))
    return rows


class PostForm(WagtailAdminModelForm):
    """A post as the author edits it. Saving checks it against every target network, so
    what was typed stays on screen with the reasons beside it. A restricted page cannot be
    linked, and a post goes only into a campaign its writer may change (``policy``)."""

    def clean_link_page(self):
        page = self.cleaned_data.get("link_page")
        if refusal := policy.page_refusal(page):
            raise forms.ValidationError(refusal)
        return page

    def clean_campaign(self):
        campaign = self.cleaned_data.get("campaign")
        unchanged = campaign is not None and campaign.pk == self.instance.campaign_id
        if self.for_user is None or unchanged:
            return campaign
        if refusal := policy.campaign_refusal(self.for_user, campaign):
            raise forms.ValidationError(refusal)
        return campaign

    def clean(self):
        cleaned_data = super().clean()
        scheduled_at = cleaned_data.get("scheduled_at")
        if scheduled_at and not cleaned_data.get("send_now") and scheduled_at <= timezone.now():
            self.add_error("scheduled_at", "Waktu tayang sudah lewat: pilih waktu mendatang.")
        compose = self.compose_input()
        for message in compose.messages() if compose else []:
            self.add_error(None, message)
        return cleaned_data

    def compose_input(self) -> ComposeInput | None:
        """The post as validated, or None while the inline rows still have errors."""
        images, deliveries = self.formsets.get("images"), self.formsets.get("deliveries")
        if images is None or deliveries is None:
            return None
        if not (images.is_valid() and deliveries.is_valid()):
            return None
        page = self.cleaned_data.get("link_page")
        page = page.specific if page else None
        return ComposeInput(
            text=self.cleaned_data.get("text", ""),
            link=public_page_url(page) if page else self.cleaned_data.get("link_url", ""),
            link_title=page.title if page else "",
            images=[
                (form.cleaned_data["image"], form.cleaned_data.get("alt_text", ""))
                for form in _kept(images)
                if form.cleaned_data.get("image")
            ],
            targets=[
                (form.cleaned_data["account"], form.cleaned_data.get("text_override", ""))
                for form in _kept(deliveries)
                if form.cleaned_data.get("account")
            ],
        )


def _kept(formset) -> list:
    """Rows not marked for deletion (unchanged blank rows have empty cleaned data)."""
    deleted = {id(form) for form in formset.deleted_forms}
    return [form for form in formset.forms if id(form) not in deleted]


class DecisionForm(forms.Form):
    """The head of Humas's comment on a decision (required to reject)."""

    comment = forms.CharField(
        label="Komentar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
