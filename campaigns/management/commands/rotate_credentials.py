"""`python manage.py rotate_credentials`: re-encrypt every stored platform token with the
newest key in CREDENTIALS_KEYS (put the new key first, run this, then drop the old key)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaigns import crypto
from campaigns.models import SocialAccount


class Command(BaseCommand):
    help = "Enkripsi ulang semua token platform dengan kunci terbaru (CREDENTIALS_KEYS pertama)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        rotated = 0
        for account in SocialAccount.objects.select_for_update().exclude(credentials_encrypted=""):
            try:
                account.credentials_encrypted = crypto.rotate(account.credentials_encrypted)
            except Exception as error:
                raise CommandError(
                    f"Token akun {account} tidak dapat dibuka dengan kunci mana pun; "
                    "tidak ada yang diubah."
                ) from error
            account.save(update_fields=["credentials_encrypted"])
            rotated += 1
        self.stdout.write(self.style.SUCCESS(f"{rotated} akun dienkripsi ulang."))
