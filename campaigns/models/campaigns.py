"""Campaigns: what the office wants people to know, over which dates, and how it will tell."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from publications.models import Pillar, Programme

from .accounts import Network


class KpiMetric(models.TextChoices):
    """The awareness measures a campaign sets targets on (collected by the metrics work)."""

    FOLLOWERS = "followers", "Pengikut"
    FOLLOWER_GROWTH = "follower_growth", "Pertambahan pengikut"
    REACH = "reach", "Jangkauan (reach)"
    VIEWS = "views", "Tayangan (views)"
    ENGAGEMENTS = "engagements", "Interaksi"
    ENGAGEMENT_RATE = "engagement_rate", "Tingkat interaksi (%)"
    LINK_CLICKS = "link_clicks", "Klik tautan"
    PAGE_VIEWS = "page_views", "Kunjungan halaman situs"
    MENTIONS = "mentions", "Pemberitaan media arus utama"
    POSTS_PUBLISHED = "posts_published", "Unggahan terbit"


class Campaign(ClusterableModel):
    name = models.CharField("nama", max_length=160)
    objective = models.TextField(
        "tujuan", help_text="Apa yang harus diketahui, dirasakan atau dilakukan warga."
    )
    pillar = models.CharField("pilar LIVE", max_length=20, choices=Pillar.choices, blank=True)
    programme = models.ForeignKey(
        Programme,
        verbose_name="program",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    starts_on = models.DateField("mulai")
    ends_on = models.DateField("selesai")
    hashtags = models.CharField(
        "tagar", max_length=255, blank=True, help_text="Dipisah spasi, mis. #TangerangLIVE"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="penanggung jawab",
        null=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    # Colleagues who answer for the campaign with its owner: they change it, its posts and
    # their deliveries (campaigns/policy.py). Set by the head of Humas, like the owner.
    co_owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="penanggung jawab bersama",
        blank=True,
        related_name="co_owned_campaigns",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    # AMEC's last step: what worked, what to change. Who wrote it and when are kept.
    learnings = RichTextField(
        "pembelajaran",
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="Apa yang berhasil, apa yang diubah lain kali. Tampil di bagian 8 laporan.",
    )
    learnings_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pembelajaran ditulis oleh",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    learnings_at = models.DateTimeField("pembelajaran diperbarui", null=True, editable=False)

    class Meta:
        verbose_name = "kampanye"
        verbose_name_plural = "kampanye"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Tanggal selesai tidak boleh sebelum tanggal mulai."})

    @property
    def hashtag_list(self) -> list[str]:
        return [tag if tag.startswith("#") else f"#{tag}" for tag in self.hashtags.split()]


class CampaignTarget(Orderable):
    """A KPI target set before the campaign starts, e.g. reach 500,000 on Instagram."""

    campaign = ParentalKey(Campaign, related_name="targets", on_delete=models.CASCADE)
    metric = models.CharField("ukuran", max_length=30, choices=KpiMetric.choices)
    network = models.CharField(
        "jaringan",
        max_length=20,
        blank=True,
        help_text="Kosongkan untuk semua kanal.",
        choices=[("", "Semua kanal"), *Network.choices],
    )
    target_value = models.DecimalField("target", max_digits=14, decimal_places=2)

    class Meta(Orderable.Meta):
        verbose_name = "target KPI"
        verbose_name_plural = "target KPI"

    def __str__(self) -> str:
        return f"{self.get_metric_display()}: {self.target_value}"
