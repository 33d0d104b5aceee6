"""`python manage.py seed_demo`: the demo newsroom for `make run`. Safe to run again."""

import logging
import os
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.content import DEMO_PASSWORD, USERS
from demo.seed import DemoSeeder
from home.public_site import sync_default_site

LABELS = {
    "users": "pengguna",
    "authors": "penulis",
    "images": "gambar",
    "documents": "dokumen PDF",
    "editions": "edisi",
    "articles": "artikel",
    "updated pages": "halaman dilengkapi",
    "settings": "pengaturan",
    "accounts": "akun media sosial dan persona",
    "campaigns": "kampanye",
    "posts": "unggahan",
    "samples": "sampel metrik demo",
}


# Loggers that report every page saved and every background task: hundreds of lines here.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def quiet(names: tuple[str, ...]):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Isi situs dengan konten demo (tiga publikasi, edisi, artikel, gambar, satu pengguna per "
        "peran). Aman dijalankan berulang: yang sudah ada tidak diubah."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PUBLIC_BASE_URL,
            help="Alamat situs untuk tabel penutup (bawaan: PUBLIC_BASE_URL).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Izinkan dengan setelan produksi (kata sandi pengguna demo diketahui umum).",
        )

    def handle(self, *args, base_url: str, allow_production: bool, verbosity: int, **options):
        # Under override_settings SETTINGS_MODULE is None: fall back to the environment.
        module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if module.endswith("production") and not allow_production:
            raise CommandError(
                "seed_demo membuat pengguna demo dengan kata sandi yang diketahui umum; "
                "tidak dijalankan dengan setelan produksi (pakai --allow-production bila sengaja)."
            )
        # Sitemap and API links follow PUBLIC_BASE_URL, like canonical links (home.public_site).
        sync_default_site()
        with quiet(CHATTY_LOGGERS if verbosity < 2 else ()):
            created = +DemoSeeder().run()  # unary + drops the zero counts
        if created:
            summary = ", ".join(f"{count} {LABELS[key]}" for key, count in created.items())
            self.stdout.write(self.style.SUCCESS(f"Konten demo dibuat: {summary}."))
        else:
            done = "Konten demo sudah lengkap; tidak ada yang diubah."
            self.stdout.write(self.style.SUCCESS(done))
        self.print_table(base_url.rstrip("/"))

    def print_table(self, base: str) -> None:
        write = self.stdout.write
        write("")
        for label, path in (
            ("Situs", "/"),
            ("Admin", "/admin/"),
            ("RSS", "/rss/"),
            ("API", "/api/v2/pages/"),
        ):
            write(f"  {label:<8} {base}{path}")
        write("")
        write(
            self.style.WARNING(
                "  Log-in demo — kata sandi ini HANYA untuk demo; jangan dipakai di server publik."
            )
        )
        write(f"  {'Peran':<30} {'Username':<22} Kata sandi")
        for user in USERS:
            write(f"  {user.role:<30} {user.username:<22} {DEMO_PASSWORD}")
        write("")
