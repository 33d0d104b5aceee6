"""`python manage.py backfill_rollups`: rebuild every daily rollup (``DailyRollup``) from the
metric samples, e.g. after restoring samples from a backup. Safe to run again: the rollups
are recounted, never added to."""

from typing import Any

from django.core.management.base import BaseCommand

from insights.collectors import rollups


class Command(BaseCommand):
    help = "Hitung ulang semua rekap harian metrik dari sampel metrik."

    def handle(self, *args: Any, **options: Any) -> None:
        written = rollups.backfill()
        self.stdout.write(self.style.SUCCESS(f"{written} baris rekap harian ditulis."))
