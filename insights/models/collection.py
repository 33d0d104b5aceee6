"""Where metrics come from: peer accounts watched for share of voice, and the record of every
collector run (so a failed collection shows as a gap with its reason, never as a zero)."""

from django.db import models


class PeerAccount(models.Model):
    """A public Instagram account outside the office (another city), read with instaloader.

    Peers belong to a named set; share of voice is computed against one set, and changing
    the set starts a new series."""

    handle = models.CharField("username Instagram", max_length=100, unique=True)
    display_name = models.CharField("nama", max_length=120)
    peer_set = models.CharField(
        "kelompok pembanding", max_length=60, default="kota-pembanding-2026"
    )
    is_canary = models.BooleanField(
        "kanari",
        default=False,
        help_text="Profil publik yang dikenal baik: bila gagal dibaca, pustaka perlu diperbarui.",
    )
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        db_table = "campaigns_peeraccount"  # the table it had in campaigns
        verbose_name = "akun pembanding"
        verbose_name_plural = "akun pembanding"
        ordering = ["peer_set", "handle"]

    def __str__(self) -> str:
        return f"@{self.handle}"


class Collector(models.TextChoices):
    INSTAGRAM_PUBLIC = "instagram_public", "Instagram publik (instaloader)"
    CANARY = "canary", "Kanari instaloader"
    INSTAGRAM_INSIGHTS = "instagram_insights", "Insights Instagram"
    FACEBOOK_INSIGHTS = "facebook_insights", "Insights Facebook"
    X_METRICS = "x_metrics", "Metrik X"
    TELEGRAM_MEMBERS = "telegram_members", "Anggota Telegram"
    SITE_TRAFFIC = "site_traffic", "Kunjungan dan klik situs"
    NEWS_FEEDS = "news_feeds", "Umpan berita (kliping)"
    ALERTS = "alerts", "Peringatan"


class RunStatus(models.TextChoices):
    RUNNING = "running", "Berjalan"
    OK = "ok", "Berhasil"
    PARTIAL = "partial", "Sebagian"
    FAILED = "failed", "Gagal"
    RATE_LIMITED = "rate_limited", "Dibatasi platform (dicoba lagi)"


class CollectionRun(models.Model):
    """One run of one collector for one subject (an account, a peer, a feed)."""

    collector = models.CharField(max_length=30, choices=Collector.choices)
    subject = models.CharField("subjek", max_length=200, blank=True)
    account = models.ForeignKey(
        "campaigns.SocialAccount",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default="running")
    samples_written = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        db_table = "campaigns_collectionrun"  # the table it had in campaigns
        verbose_name = "proses pengumpulan"
        verbose_name_plural = "proses pengumpulan"
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["collector", "-started_at"], name="run_collector_idx")]
        permissions = [("run_collector", "Menjalankan pengumpul sekarang")]

    def __str__(self) -> str:
        return f"{self.get_collector_display()} {self.subject}: {self.status}"
