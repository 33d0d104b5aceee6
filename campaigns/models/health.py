"""The scheduler's heartbeat: when the dispatch tick last ran, so a stopped beat shows."""

from django.db import models


class SchedulerHeartbeat(models.Model):
    name = models.CharField(max_length=50, primary_key=True)
    last_run_at = models.DateTimeField()
    duration_ms = models.FloatField(default=0)
    claimed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "detak penjadwal"
        verbose_name_plural = "detak penjadwal"

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_run_at:%Y-%m-%d %H:%M:%S}"
