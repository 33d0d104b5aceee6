"""Mainstream media: outlets and their feeds, the keyword rules that find us, the clippings."""

from django.conf import settings
from django.db import models


class Outlet(models.Model):
    name = models.CharField("nama media", max_length=120, unique=True)
    feed_url = models.URLField("URL RSS/Atom", max_length=500, blank=True)
    audience_estimate = models.PositiveBigIntegerField(
        "perkiraan audiens",
        default=0,
        help_text="Untuk jangkauan potensial (batas atas, bukan jumlah orang yang membaca).",
    )
    audience_source = models.CharField("sumber angka audiens", max_length=200, blank=True)
    is_mainstream = models.BooleanField(
        "media arus utama",
        default=True,
        help_text=(
            "Hanya pemberitaan media arus utama yang dihitung untuk angka Pemberitaan dan "
            "targetnya. Matikan untuk blog, agregator atau akun komunitas."
        ),
    )
    is_active = models.BooleanField("aktif", default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_status = models.CharField(max_length=20, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        db_table = "campaigns_outlet"  # the table it had in campaigns
        verbose_name = "media"
        verbose_name_plural = "media"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class KeywordRule(models.Model):
    """A phrase that makes a feed item a clipping, e.g. "Kota Tangerang", "Tangerang LIVE"."""

    phrase = models.CharField("frasa", max_length=120, unique=True)
    not_followed_by = models.CharField(
        "kecuali diikuti",
        max_length=200,
        blank=True,
        help_text=(
            "Kata yang membatalkan kecocokan bila tepat mengikuti frasa, dipisah koma. "
            "Mis. frasa \u201cKota Tangerang\u201d kecuali diikuti \u201cSelatan\u201d."
        ),
    )
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        db_table = "campaigns_keywordrule"  # the table it had in campaigns
        verbose_name = "kata kunci"
        verbose_name_plural = "kata kunci"
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


class Tone(models.TextChoices):
    UNRATED = "", "Belum dinilai"
    POSITIVE = "positive", "Positif"
    NEUTRAL = "neutral", "Netral"
    NEGATIVE = "negative", "Negatif"


class Clipping(models.Model):
    """One news item that mentions the city, from a feed or entered by hand."""

    outlet = models.ForeignKey(
        Outlet, verbose_name="media", null=True, on_delete=models.PROTECT, related_name="clippings"
    )
    url = models.URLField("URL", max_length=1000, unique=True)
    title = models.CharField("judul", max_length=500)
    summary = models.TextField("ringkasan", blank=True)
    published_at = models.DateTimeField("terbit")
    matched_keywords = models.CharField("kata kunci cocok", max_length=500, blank=True)
    tone = models.CharField("nada", max_length=10, choices=Tone.choices, blank=True, default="")
    tone_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="kampanye",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clippings",
    )
    is_manual = models.BooleanField("dimasukkan manual", default=False, editable=False)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        db_table = "campaigns_clipping"  # the table it had in campaigns
        verbose_name = "kliping"
        verbose_name_plural = "kliping"
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["published_at"], name="clipping_published_idx")]

    def __str__(self) -> str:
        return self.title
