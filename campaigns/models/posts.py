"""Posts: one message, written once, sent to one or more accounts after the head of Humas
approves it. Per-account text, the images and the link travel with it."""

import datetime
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from core.links import public_page_url


class PostStatus(models.TextChoices):
    DRAFT = "draft", "Draf"
    PENDING_APPROVAL = "pending_approval", "Menunggu persetujuan"
    REJECTED = "rejected", "Ditolak"
    APPROVED = "approved", "Disetujui (terjadwal)"
    EXPIRED = "expired", "Kedaluwarsa (tidak disetujui tepat waktu)"
    CANCELLED = "cancelled", "Dibatalkan"


EDITABLE_STATUSES = (PostStatus.DRAFT, PostStatus.REJECTED)


class Post(ClusterableModel):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="kampanye",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    text = models.TextField("teks", blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="tautan ke halaman situs",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField("atau tautan ke URL lain", blank=True, max_length=500)
    send_now = models.BooleanField(
        "kirim segera setelah disetujui",
        default=False,
        help_text="Abaikan waktu tayang: terkirim begitu Kepala Humas menyetujui.",
    )
    scheduled_at = models.DateTimeField(
        "waktu tayang (WIB)", null=True, blank=True, help_text="Waktu Indonesia Barat (UTC+7)."
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=PostStatus.choices,
        default=PostStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penulis",
        null=True,
        on_delete=models.SET_NULL,
        related_name="social_posts",
        editable=False,
    )
    source_article = models.ForeignKey(
        "publications.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "unggahan"
        verbose_name_plural = "unggahan"
        ordering = ["-scheduled_at", "-created_at"]
        permissions = [("approve_post", "Dapat menyetujui atau menolak unggahan")]

    def __str__(self) -> str:
        first_line = (self.text or "").strip().splitlines()[0] if self.text.strip() else ""
        return first_line[:60] or f"Unggahan #{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def link(self) -> str:
        """The absolute link the post carries, or ''."""
        if self.link_page is not None:
            return public_page_url(self.link_page.specific)
        return self.link_url

    def clean(self) -> None:
        from .. import validation  # it imports the adapters, which import the models

        errors = {}
        if self.link_page_id and self.link_url:
            errors["link_url"] = "Pilih satu: halaman situs atau URL lain, bukan keduanya."
        if not self.send_now and not self.scheduled_at:
            errors["scheduled_at"] = "Isi waktu tayang, atau centang \u201ckirim segera\u201d."
        if refusal := validation.link_url_refusal(self.link_url):
            errors["link_url"] = refusal
        if refusal := validation.scheduled_at_refusal(self.scheduled_at):
            errors["scheduled_at"] = refusal
        if errors:
            raise ValidationError(errors)

    def due_time(self) -> datetime.datetime | None:
        """When its deliveries fall due: now for "send now", else the scheduled time."""
        return timezone.now() if self.send_now else self.scheduled_at


class PostImage(Orderable):
    post = ParentalKey(Post, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="gambar",
        on_delete=models.PROTECT,
        related_name="+",
    )
    alt_text = models.CharField(
        "teks alternatif",
        max_length=1000,
        help_text="Deskripsi gambar untuk pembaca tunanetra (wajib).",
    )

    class Meta(Orderable.Meta):
        verbose_name = "gambar"
        verbose_name_plural = "gambar"


class ApprovalDecision(models.TextChoices):
    SUBMITTED = "submitted", "Diajukan"
    APPROVED = "approved", "Disetujui"
    REJECTED = "rejected", "Ditolak"
    EXPIRED = "expired", "Kedaluwarsa"
    CANCELLED = "cancelled", "Dibatalkan"


class ApprovalQuerySet(models.QuerySet["Approval"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Approval records cannot be changed.")


class Approval(models.Model):
    """Who decided what about which exact text. Written once, never edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="approvals")
    decision = models.CharField("keputusan", max_length=20, choices=ApprovalDecision.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("komentar", blank=True)
    snapshot = models.JSONField(
        "isi yang diputuskan", help_text="Teks per akun, gambar, tautan dan waktu, persis."
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = "riwayat persetujuan"
        verbose_name_plural = "riwayat persetujuan"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} — {self.post}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("Approval records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Approval records cannot be deleted.")

    @property
    def is_self_approval(self) -> bool:
        """Approved by the post's own author (possible only with ALLOW_SELF_APPROVAL)."""
        return (
            self.decision == ApprovalDecision.APPROVED
            and self.actor_id is not None
            and self.actor_id == self.post.author_id
        )
