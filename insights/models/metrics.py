"""Awareness metrics: raw counts, one row per (subject, metric, day, source), upserted so a
re-collection never doubles a number. Rates are computed when shown, with their denominator.

A subject is one of our accounts, a peer account (other cities, for share of voice), one of
our posts on a network (a delivery), a page of the site, a tracked link, or the whole office
(e.g. mentions). ``account``, ``campaign`` and ``network`` are copied onto the row so
dashboards slice in SQL without joins through the subject.
"""

from django.db import models


class SubjectKind(models.TextChoices):
    ACCOUNT = "account", "Akun kita"
    PEER = "peer", "Akun pembanding"
    DELIVERY = "delivery", "Unggahan kita"
    PAGE = "page", "Halaman situs"
    LINK = "link", "Tautan terlacak"
    OFFICE = "office", "Seluruh kantor"


class Metric(models.TextChoices):
    FOLLOWERS = "followers", "Pengikut"
    FOLLOWING = "following", "Mengikuti"
    MEDIA_COUNT = "media_count", "Jumlah unggahan"
    MEMBERS = "members", "Anggota kanal"
    REACH = "reach", "Jangkauan (reach)"
    VIEWS = "views", "Tayangan (views)"
    LIKES = "likes", "Suka"
    COMMENTS = "comments", "Komentar"
    SHARES = "shares", "Bagikan"
    SAVES = "saves", "Simpan"
    REPLIES = "replies", "Balasan"
    TOTAL_INTERACTIONS = "total_interactions", "Total interaksi"
    VIDEO_VIEWS = "video_views", "Tayangan video"
    PROFILE_LINK_TAPS = "profile_links_taps", "Ketuk tautan profil"
    PAGE_VIEWS = "page_views", "Kunjungan halaman"
    LINK_CLICKS = "link_clicks", "Klik tautan"
    MENTIONS = "mentions", "Pemberitaan"


# A post's own figures (not its account's): read per post, charted as lifetime totals.
POST_FLOWS = frozenset(
    {
        Metric.REACH,
        Metric.VIEWS,
        Metric.LIKES,
        Metric.COMMENTS,
        Metric.SHARES,
        Metric.SAVES,
        Metric.REPLIES,
        Metric.TOTAL_INTERACTIONS,
        Metric.VIDEO_VIEWS,
    }
)


class Source(models.TextChoices):
    INSTALOADER = "instaloader", "Instagram publik (instaloader)"
    GRAPH = "graph", "Graph API (Instagram/Facebook)"
    X = "x", "X API"
    TELEGRAM = "telegram", "Telegram Bot API"
    SITE = "site", "Situs (penghitung sendiri)"
    LINKS = "links", "Tautan terlacak"
    CLIPPINGS = "clippings", "Kliping media"
    MANUAL = "manual", "Dimasukkan manual"
    DEMO = "demo", "Data demo (contoh)"


class SampleStatus(models.TextChoices):
    OK = "ok", "Lengkap"
    PARTIAL = "partial", "Sebagian"


class MetricSample(models.Model):
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    subject_id = models.BigIntegerField()
    metric = models.CharField(max_length=30, choices=Metric.choices)
    day = models.DateField()
    source = models.CharField(max_length=20, choices=Source.choices)
    value = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=SampleStatus.choices, default="ok")
    # Dimensions copied from the subject, for slicing in SQL.
    account = models.ForeignKey(
        "campaigns.SocialAccount",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    network = models.CharField(max_length=20, blank=True)
    collected_at = models.DateTimeField()

    class Meta:
        db_table = "campaigns_metricsample"  # the table it had in campaigns
        verbose_name = "sampel metrik"
        verbose_name_plural = "sampel metrik"
        constraints = [
            models.UniqueConstraint(
                fields=["subject_kind", "subject_id", "metric", "day", "source"],
                name="one_sample_per_subject_metric_day_source",
            )
        ]
        indexes = [
            models.Index(fields=["metric", "day"], name="sample_metric_day_idx"),
            # Dashboards over long ranges read only these columns: an index-only scan. Key
            # columns rather than INCLUDE, which SQLite lacks (models.W040 under `make run`).
            models.Index(
                fields=["metric", "subject_kind", "day", "subject_id", "value", "network"],
                name="sample_metric_kind_day_idx",
            ),
            models.Index(fields=["campaign", "metric", "day"], name="sample_campaign_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_kind}:{self.subject_id} {self.metric} {self.day} = {self.value}"


class RollupSubject(models.TextChoices):
    OFFICE = "office", "Seluruh kantor"
    CAMPAIGN = "campaign", "Kampanye"
    ACCOUNT = "account", "Akun kita"


class DailyRollup(models.Model):
    """One day of one metric for the whole office, one campaign or one of our accounts,
    kept beside the samples (insights/collectors/rollups.py writes both in one transaction) so
    a year of charts reads 365 rows instead of every subject's samples.

    ``value`` is what the chart draws that day, ``subjects`` how many subjects were measured
    (a day with fewer than the others is a partial day, shaded as a gap):
    - office: Σ over subjects of the day's value (the larger one of two sources);
    - account: the account's value that day (the larger of two sources), ``subjects`` 1;
    - campaign, link clicks: Σ over the campaign's links;
    - campaign, post metrics (reach, views, likes, …): the lifetime total of its posts known
      that day (each post's latest reading carried forward), ``subjects`` = posts read that
      day; a row for every day from the first reading to the last.
    """

    subject_type = models.CharField(max_length=10, choices=RollupSubject.choices)
    subject_id = models.BigIntegerField()
    metric = models.CharField(max_length=30, choices=Metric.choices)
    day = models.DateField()
    value = models.BigIntegerField()
    subjects = models.IntegerField()

    class Meta:
        db_table = "campaigns_dailyrollup"  # the table it had in campaigns
        verbose_name = "rekap harian metrik"
        verbose_name_plural = "rekap harian metrik"
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "metric", "day"],
                name="one_rollup_per_subject_metric_day",
            )
        ]
        indexes = [
            # Each account's first or last day in a range (stocks), and a campaign's accounts'
            # series: read from the index alone.
            models.Index(
                fields=["subject_type", "metric", "subject_id", "day", "value"],
                name="rollup_metric_subject_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_id} {self.metric} {self.day} = {self.value}"


class PostPeak(models.Model):
    """One post's (delivery's) readings of one metric under one campaign, in one row: the
    first and last day read and the largest value. Kept by the rollup writers in the samples'
    transaction. Post metrics are lifetime totals, so a post's figure for a range is its
    largest reading in it: when all its readings fall in the range, that is ``peak``, and the
    top posts of a year read these rows instead of every post's daily samples."""

    subject_id = models.BigIntegerField()  # the delivery
    metric = models.CharField(max_length=30, choices=Metric.choices)
    campaign_id = models.BigIntegerField()  # the samples' campaign, 0 for none
    first_day = models.DateField()
    last_day = models.DateField()
    peak = models.BigIntegerField()

    class Meta:
        db_table = "campaigns_postpeak"  # the table it had in campaigns
        verbose_name = "puncak metrik unggahan"
        verbose_name_plural = "puncak metrik unggahan"
        constraints = [
            models.UniqueConstraint(
                fields=["subject_id", "metric", "campaign_id"], name="one_peak_per_post_metric"
            )
        ]
        indexes = [models.Index(fields=["campaign_id", "metric"], name="post_peak_campaign_idx")]

    def __str__(self) -> str:
        return f"delivery:{self.subject_id} {self.metric} = {self.peak}"
