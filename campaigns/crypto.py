"""Platform credentials, encrypted at rest.

Keys come from the environment (``CREDENTIALS_KEYS``: comma-separated Fernet keys, newest
first). Decryption tries every key, encryption uses the first, so rotating is: put a new key
first, run ``manage.py rotate_credentials``, then drop the old key.
"""

import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class CredentialsUnreadable(Exception):
    """Stored credentials cannot be decrypted with any configured key."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("CREDENTIALS_KEYS is empty: platform tokens cannot be stored.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.CREDENTIALS_KEYS))


def encrypt(credentials: dict[str, Any]) -> str:
    return fernet().encrypt(json.dumps(credentials, sort_keys=True).encode()).decode()


def decrypt(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        credentials: dict[str, Any] = json.loads(fernet().decrypt(token.encode()))
    except InvalidToken as error:
        raise CredentialsUnreadable("No configured key decrypts these credentials.") from error
    return credentials


def rotate(token: str) -> str:
    """The same credentials, encrypted again with the newest key."""
    return fernet().rotate(token.encode()).decode() if token else token
