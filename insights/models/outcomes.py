"""Outcomes and impact entered by hand, each with its source (AMEC: outcomes, impact)."""

from django.db import models


class OutcomeLevel(models.TextChoices):
    OUTCOME = "outcome", "Hasil (outcome)"
    IMPACT = "impact", "Dampak (impact)"


class OutcomeFigure(models.Model):
    """E.g. tourist visits per year: 360,000 in 2013, 1.23 million in 2018 (source: BPS)."""

    name = models.CharField("ukuran", max_length=200)
    level = models.CharField("tingkat", max_length=10, choices=OutcomeLevel.choices)
    period_start = models.DateField("periode mulai")
    period_end = models.DateField("periode selesai")
    value = models.DecimalField("nilai", max_digits=16, decimal_places=2)
    unit = models.CharField("satuan", max_length=60, blank=True)
    source = models.CharField("sumber", max_length=300)
    method = models.TextField("cara pengukuran", blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="kampanye",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        db_table = "campaigns_outcomefigure"  # the table it had in campaigns
        verbose_name = "angka hasil dan dampak"
        verbose_name_plural = "angka hasil dan dampak"
        ordering = ["name", "period_start"]

    def __str__(self) -> str:
        return f"{self.name} {self.period_start:%Y}: {self.value} {self.unit}"
