"""First-party traffic: tracked short links in posts, and page views on the site.

Requests only append a compact event to Redis (fast, no database write on the hot path);
a beat task moves the events into ``TrafficEvent`` and upserts the daily ``MetricSample``
rows. No cookies, no IP addresses stored; bots are dropped before counting."""

from django.db import models


class TrackedLink(models.Model):
    code = models.CharField(max_length=16, unique=True)
    target_url = models.URLField(max_length=1000)
    delivery = models.OneToOneField(
        "campaigns.Delivery",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracked_link",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    network = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        db_table = "campaigns_trackedlink"  # the table it had in campaigns
        verbose_name = "tautan terlacak"
        verbose_name_plural = "tautan terlacak"

    def __str__(self) -> str:
        return f"/l/{self.code}"


class TrafficKind(models.TextChoices):
    PAGE_VIEW = "view", "Kunjungan halaman"
    LINK_CLICK = "click", "Klik tautan"


class TrafficEvent(models.Model):
    """One counted page view or link click (bots already excluded)."""

    kind = models.CharField(max_length=5, choices=TrafficKind.choices)
    occurred_at = models.DateTimeField()
    page_id = models.IntegerField(null=True, blank=True)
    link = models.ForeignKey(
        TrackedLink, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )

    class Meta:
        db_table = "campaigns_trafficevent"  # the table it had in campaigns
        verbose_name = "peristiwa kunjungan"
        verbose_name_plural = "peristiwa kunjungan"
        indexes = [models.Index(fields=["kind", "occurred_at"], name="traffic_kind_time_idx")]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.occurred_at:%Y-%m-%d %H:%M}"
