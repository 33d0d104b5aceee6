"""The office's accounts on the social networks, and the personas that speak through them."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from .. import crypto


class Network(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook Page"
    X = "x", "X"
    TELEGRAM = "telegram", "Telegram"
    WEBHOOK = "webhook", "Webhook (aplikasi kota)"


class AccountStatus(models.TextChoices):
    CONNECTED = "connected", "Terhubung"
    NEEDS_RECONNECT = "needs_reconnect", "Perlu dihubungkan ulang"


class Persona(models.Model):
    """A voice the office writes in, e.g. *Aboh Jasa*, who speaks blunt Tangerang dialect.

    Its voice notes are shown beside the text while a post for its account is composed."""

    name = models.CharField("nama", max_length=80, unique=True)
    voice_notes = models.TextField(
        "catatan gaya bahasa",
        help_text="Cara persona ini berbicara: kosakata, sapaan, hal yang dihindari.",
    )

    class Meta:
        verbose_name = "persona"
        verbose_name_plural = "persona"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SocialAccount(models.Model):
    """One account the office publishes to. Credentials are write-only and encrypted."""

    network = models.CharField("jaringan", max_length=20, choices=Network.choices)
    handle = models.CharField(
        "handle",
        max_length=100,
        help_text="Nama akun seperti terlihat publik, mis. @tangerangkota.",
    )
    display_name = models.CharField("nama tampilan", max_length=120)
    external_id = models.CharField(
        "ID di platform",
        max_length=255,
        blank=True,
        help_text=(
            "Instagram user ID, Facebook Page ID, Telegram chat_id atau @kanal, "
            "atau URL tujuan untuk webhook."
        ),
    )
    persona = models.ForeignKey(
        Persona,
        verbose_name="persona",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Diberi tahu bila pengiriman ke akun ini gagal.",
    )
    credentials_encrypted = models.TextField(editable=False, blank=True)
    credentials_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(
        "status",
        max_length=20,
        choices=AccountStatus.choices,
        default=AccountStatus.CONNECTED,
        editable=False,
    )
    last_error = models.TextField("galat terakhir", blank=True, editable=False)
    last_error_at = models.DateTimeField("galat terakhir", null=True, blank=True, editable=False)
    is_active = models.BooleanField("aktif", default=True)
    # Where the account publishes (network and external_id) changed after posts to it were
    # approved: those deliveries wait until the head of Humas confirms the new destination.
    destination_held = models.BooleanField(
        "tujuan baru menunggu konfirmasi", default=False, editable=False
    )
    previous_destination = models.CharField(
        "tujuan sebelumnya", max_length=300, blank=True, editable=False
    )
    destination_changed_at = models.DateTimeField(
        "tujuan diubah pada", null=True, blank=True, editable=False
    )
    destination_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tujuan diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The platform said "too many requests" (429, a used-up quota): nothing more is sent to
    # this account before then; its other deliveries wait instead of each being refused.
    rate_limited_until = models.DateTimeField(
        "dibatasi platform sampai", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "akun media sosial"
        verbose_name_plural = "akun media sosial"
        ordering = ["network", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["network", "handle"], name="unique_account_handle")
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()} {self.handle}"

    @property
    def has_credentials(self) -> bool:
        return bool(self.credentials_encrypted)

    def set_credentials(self, credentials: dict[str, Any]) -> None:
        """Store new credentials; blank values never overwrite stored ones (a refresh that
        returns no new refresh token must not erase the old one)."""
        merged = {**self.get_credentials(), **{k: v for k, v in credentials.items() if v}}
        self.credentials_encrypted = crypto.encrypt(merged)
        self.credentials_updated_at = timezone.now()

    def get_credentials(self) -> dict[str, Any]:
        return crypto.decrypt(self.credentials_encrypted)

    @property
    def destination(self) -> str:
        """Where this account's posts go, as people read it (network and id or URL)."""
        return f"{self.get_network_display()} {self.external_id}".strip()

    def mark_needs_reconnect(self, message: str) -> None:
        self.status = AccountStatus.NEEDS_RECONNECT
        self.last_error = message
        self.last_error_at = timezone.now()
        self.save(update_fields=["status", "last_error", "last_error_at"])
