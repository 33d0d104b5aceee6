"""`python manage.py probe --role worker`: readiness of a worker or beat (or a web node),
for a process supervisor or an orchestrator's exec probe. Exit status 1 when not ready."""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.probes import ROLES, as_json, readiness


class Command(BaseCommand):
    help = "Periksa kesiapan proses (basis data, Redis, broker, migrasi; detak penjadwal)."
    requires_system_checks = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--role", choices=ROLES, default="web")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        body = as_json(readiness(role))
        self.stdout.write(json.dumps(body, ensure_ascii=False))
        if body["failed"]:
            raise CommandError(f"Tidak siap: {', '.join(body['failed'])}")
