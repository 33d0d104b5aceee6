"""Who receives a campaign's weekly report by e-mail (Monday 07.00 WIB)."""

from django.conf import settings
from django.db import models


class ReportSubscription(models.Model):
    """One person, one campaign. ``last_sent_week`` is the Monday of the last week sent: the
    sender claims a week with a conditional update, so a repeated beat never sends twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    last_sent_week = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "campaigns_reportsubscription"  # the table it had in campaigns
        verbose_name = "langganan laporan mingguan"
        verbose_name_plural = "langganan laporan mingguan"
        constraints = [
            models.UniqueConstraint(fields=["user", "campaign"], name="one_subscription_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.campaign}"
