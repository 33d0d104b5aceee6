"""Deliveries: one row per (post, account), the unit the dispatcher claims and publishes.

States (the table is ``campaigns.states``): draft → pending_approval → scheduled → claimed →
publishing → published; retry_wait (back-off, a new due time), failed (terminal, retry
offered), checking (the request left but the outcome is unknown: read back before anything is
sent again), unconfirmed (still unknown after the checks: a person decides), missed (too late
after downtime), held (account needs reconnecting, or its destination changed and waits for
the head of Humas), cancelled.
"""

import uuid

from django.db import models
from modelcluster.fields import ParentalKey

from ..states import DUE, IN_FLIGHT, DeliveryStatus

# The states, their allowed moves and every set of them live in ``campaigns.states``.
__all__ = ["AttemptOutcome", "Delivery", "DeliveryAttempt", "DeliveryStatus"]


class Delivery(models.Model):
    # No index of its own: ``one_delivery_per_account`` (post, account) serves a post's
    # deliveries, and every move would otherwise update one more index.
    post = ParentalKey(
        "campaigns.Post", related_name="deliveries", on_delete=models.CASCADE, db_index=False
    )
    account = models.ForeignKey(
        "campaigns.SocialAccount",
        verbose_name="akun",
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    text_override = models.TextField(
        "teks khusus akun ini",
        blank=True,
        help_text="Kosongkan untuk memakai teks utama.",
    )
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.DRAFT
    )
    # The post's time when it was approved (for lateness), and when the next try is due.
    scheduled_for = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    # When the current holder took (or last renewed) its claim.
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The fencing token of the worker now publishing it: only that worker may write the
    # outcome or send the next request (a swept, slow worker finds it changed and stops).
    lease = models.UUIDField(null=True, blank=True, editable=False)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    # Sent to the platform or receiver so that a repeat can be recognised.
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    # Whatever the adapter needs to resume or reconcile, e.g. an Instagram container id.
    remote_state = models.JSONField(default=dict, blank=True)
    # The last request may have arrived: the next run asks the platform first. Follows the
    # state (see ``campaigns.states``), carried only through held, claimed and publishing.
    needs_reconcile = models.BooleanField(default=False)
    remote_id = models.CharField(max_length=255, blank=True)
    permalink = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Why it waits (quota, rate limit) or what went wrong, in plain words.
    status_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "pengiriman"
        verbose_name_plural = "pengiriman"
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "account"], name="one_delivery_per_account")
        ]
        indexes = [
            # The tick's claim query: due rows in a claimable state, oldest first.
            models.Index(
                fields=["due_at"],
                name="delivery_due_idx",
                condition=models.Q(status__in=[str(status) for status in DUE]),
            ),
            # The sweeps: rows in flight or waiting to be reconciled.
            models.Index(
                fields=["status", "claimed_at"],
                name="delivery_inflight_idx",
                condition=models.Q(status__in=[str(status) for status in IN_FLIGHT]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} → {self.account}"

    @property
    def text(self) -> str:
        """The words this account sends: its own override, else the post's text."""
        return self.text_override.strip() or self.post.text


class AttemptOutcome(models.TextChoices):
    PUBLISHED = "published", "Terbit"
    RETRY = "retry", "Dicoba lagi nanti"
    WAITING = "waiting", "Menunggu (kuota / proses platform)"
    FAILED = "failed", "Ditolak platform"
    RECONNECT = "reconnect", "Token tidak berlaku"
    UNKNOWN = "unknown", "Hasil tidak diketahui"
    IN_PROGRESS = "in_progress", "Berjalan"


class DeliveryAttempt(models.Model):
    """One try at publishing (or reconciling) a delivery: the delivery log."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    kind = models.CharField(
        max_length=20, default="publish", choices=[("publish", "Kirim"), ("reconcile", "Cek ulang")]
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=AttemptOutcome.choices, default=AttemptOutcome.IN_PROGRESS
    )
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=50, blank=True)
    message = models.TextField(blank=True)
    remote_id = models.CharField(max_length=255, blank=True)
    permalink = models.URLField(max_length=500, blank=True)

    class Meta:
        verbose_name = "percobaan kirim"
        verbose_name_plural = "log pengiriman"
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.delivery} @ {self.started_at:%Y-%m-%d %H:%M}: {self.outcome}"
