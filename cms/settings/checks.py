"""Start-up refusals of production settings: each check names the variable to fix.

Called at the end of ``cms.settings.production``: a server with a weak secret, or with the
embedded default's single-machine services, must not start at all (a 500 on the first save of
credentials, a forgeable session, or purges that miss the other nodes are found too late).
"""

import base64
import binascii
import ipaddress
from urllib.parse import urlsplit

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


# Production refuses the embedded default's stand-ins ("toys"): each works for one process
# on one machine and silently splits a deployment (purges that miss the other processes, a
# broker per node). ALLOW_SINGLE_MACHINE=1 lets the benchmarks and the cluster rehearsal
# (`make bench…`, `make cluster-check`) run production settings on 127.0.0.1; never on a server.
LOOPBACK_HOSTS = frozenset({"localhost", "localhost.localdomain", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104
SHARED_CACHE_SCHEMES = ("redis://", "rediss://", "dummy://")
BROKER_SCHEMES = ("redis://", "rediss://", "amqp://", "amqps://", "pyamqp://")
REDIS_SCHEMES = ("redis://", "rediss://")


def check_services(
    *,
    database_url: str,
    cache_url: str,
    broker_url: str,
    public_base_url: str,
    traffic_redis_url: str,
    single_machine: bool = False,
) -> None:
    """Refuse the SQLite, local-memory/file cache, filesystem broker and loopback fallbacks.

    Each argument is the variable's value as set in the environment ("" when unset)."""
    if not database_url or database_url.startswith("sqlite"):
        raise ImproperlyConfigured(
            "DATABASE_URL must be set to the PostgreSQL database (postgres://user:password@host"
            "/name): without it production would write to a SQLite file of its own."
        )
    if not cache_url.startswith(SHARED_CACHE_SCHEMES) and not single_machine:
        raise ImproperlyConfigured(
            "CACHE_URL must be Redis (redis://host:6379/1): a local-memory or file cache is "
            "private to one process or machine, so publish purges would miss the others."
        )
    if not broker_url.startswith(BROKER_SCHEMES) and not single_machine:
        raise ImproperlyConfigured(
            "CELERY_BROKER_URL must be Redis or RabbitMQ (redis://host:6379/0, amqp://…): the "
            "filesystem broker would give each node a queue of its own."
        )
    if not traffic_redis_url.startswith(REDIS_SCHEMES) and not single_machine:
        raise ImproperlyConfigured(
            "TRAFFIC_REDIS_URL must be Redis (redis://host:6379/3), or CACHE_URL Redis for it to "
            "follow: without it every page view and click is a database write."
        )
    _check_public_base_url(public_base_url, single_machine)


def _check_public_base_url(url: str, single_machine: bool) -> None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if single_machine and host in LOOPBACK_HOSTS:
        return
    if parts.scheme != "https" or not host:
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must be the site's public https address "
            f"(https://berita.tangerangkota.go.id), not {url!r}: feeds, the sitemap, the API "
            "and posts sent to platforms carry it."
        )
    if host in LOOPBACK_HOSTS or host.endswith(".localhost") or _is_loopback_address(host):
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL must be the site's public address, not {url!r}: readers and "
            "platforms cannot reach the server's own loopback address."
        )


def _is_loopback_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
