"""A complete, real production environment for tests that start ``cms.settings.production``
in a fresh interpreter, as gunicorn would: each test changes only what it is about."""

import os
import secrets

from cryptography.fernet import Fernet

PUBLIC_BASE_URL = "https://berita.tangerangkota.go.id"
# Everything production reads that a test environment may have set otherwise.
PRODUCTION_VARIABLES = (
    "SECRET_KEY",
    "CREDENTIALS_KEYS",
    "DATABASE_URL",
    "CACHE_URL",
    "CELERY_BROKER_URL",
    "TRAFFIC_REDIS_URL",
    "PUBLIC_BASE_URL",
    "ALLOWED_HOSTS",
    "ALLOW_SINGLE_MACHINE",
)


def _redis(number: int) -> str:
    cache = os.environ.get("CACHE_URL", "")
    base = cache.rsplit("/", 1)[0] if cache.startswith("redis://") else "redis://127.0.0.1:6379"
    return f"{base}/{number}"


def production_environment(**overrides: str | None) -> dict[str, str]:
    """The process environment with real production values; an override of None unsets it."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO") and name not in PRODUCTION_VARIABLES
    }
    environment |= {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "CREDENTIALS_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
        "CACHE_URL": _redis(1),
        "CELERY_BROKER_URL": _redis(2),
        "TRAFFIC_REDIS_URL": _redis(3),
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "ALLOWED_HOSTS": "berita.tangerangkota.go.id",
    }
    for name, value in overrides.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment
