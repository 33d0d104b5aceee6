"""Start-up refusals of production settings: each check names the variable to fix.

Called at the end of ``cms.settings.production``: a server with a weak secret must not
start at all (a 500 on the first save of credentials, or a forgeable session, is too late).
"""

import base64
import binascii

from django.core.exceptions import ImproperlyConfigured

# Committed to this repository for `make run` and the tests: public, hence never secret.
DEV_CREDENTIALS_KEY = "ZGV2LW9ubHktY3JlZGVudGlhbHMta2V5LTMyYnl0ZXM="
TEST_CREDENTIALS_KEY = "dGVzdC1vbmx5LWNyZWRlbnRpYWxzLWtleS0zMmJ5dGU="
COMMITTED_CREDENTIALS_KEYS = frozenset({DEV_CREDENTIALS_KEY, TEST_CREDENTIALS_KEY})
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
TEST_SECRET_KEY = "test-only-key"  # noqa: S105

SECRET_KEY_MIN_LENGTH = 50
# A random key of 50 characters from a 64-letter alphabet has about 34 distinct ones; even
# a hexadecimal one has 16. Fewer than this is typed, repeated or derived, not random.
SECRET_KEY_MIN_DISTINCT = 12
INSECURE_PREFIX = "django-insecure-"
HOW_TO_MAKE_A_SECRET_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'  # noqa: S105
HOW_TO_MAKE_A_FERNET_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


def check_secret_key(secret_key: str) -> None:
    """Refuse a missing, short, low-entropy or published ``SECRET_KEY``."""
    if not secret_key or len(secret_key) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set in the environment ({SECRET_KEY_MIN_LENGTH}+ random "
            f"characters): {HOW_TO_MAKE_A_SECRET_KEY}"
        )
    if secret_key.startswith(INSECURE_PREFIX) or secret_key in {DEV_SECRET_KEY, TEST_SECRET_KEY}:
        raise ImproperlyConfigured(
            f"SECRET_KEY is a development key; make a random one: {HOW_TO_MAKE_A_SECRET_KEY}"
        )
    if len(set(secret_key)) < SECRET_KEY_MIN_DISTINCT or _repeats_a_pattern(secret_key):
        raise ImproperlyConfigured(
            f"SECRET_KEY has too little entropy (fewer than {SECRET_KEY_MIN_DISTINCT} distinct "
            f"characters, or a repeated pattern); make a random one: {HOW_TO_MAKE_A_SECRET_KEY}"
        )


def _repeats_a_pattern(text: str) -> bool:
    """True when ``text`` is a short piece said again and again ("abcdefghijkl" five times)."""
    for size in range(1, len(text) // 3 + 1):
        piece = text[:size]
        if (piece * (len(text) // size + 1))[: len(text)] == text:
            return True
    return False


def check_credentials_keys(keys: list[str]) -> None:
    """Refuse no key, a key Fernet cannot use, and the keys committed to this repository."""
    if not keys:
        raise ImproperlyConfigured(
            "CREDENTIALS_KEYS must be set (Fernet keys, newest first): platform tokens are "
            f"encrypted with them. Make one: {HOW_TO_MAKE_A_FERNET_KEY}"
        )
    for position, key in enumerate(keys, start=1):
        if not _is_fernet_key(key):
            raise ImproperlyConfigured(
                f"CREDENTIALS_KEYS: key {position} is not a Fernet key (32 bytes in url-safe "
                f"base64, 44 characters). Make one: {HOW_TO_MAKE_A_FERNET_KEY}"
            )
        if key in COMMITTED_CREDENTIALS_KEYS:
            raise ImproperlyConfigured(
                f"CREDENTIALS_KEYS: key {position} is the development/test key published in the "
                f"repository; anyone could decrypt the tokens. Make one: {HOW_TO_MAKE_A_FERNET_KEY}"
            )


def _is_fernet_key(key: str) -> bool:
    # What cryptography's Fernet() accepts, without building one.
    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except (binascii.Error, ValueError):
        return False
