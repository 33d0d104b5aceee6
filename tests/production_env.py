"""A complete, real production environment for tests that start ``cms.settings.production``
in a fresh interpreter, as gunicorn would: each test changes only what it is about."""

import os
import secrets

from cryptography.fernet import Fernet

from cms.settings.test import worker_redis

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


def _redis(use: str, number: int) -> str:
    """Database ``number`` on the test Redis server; under pytest-xdist, the worker's own."""
    cache = os.environ.get("CACHE_URL", "")
    base = cache.rsplit("/", 1)[0] if cache.startswith("redis://") else "redis://127.0.0.1:6379"
    return worker_redis(f"{base}/{number}", use)


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
        "CACHE_URL": _redis("cache", 1),
        "CELERY_BROKER_URL": _redis("broker", 2),
        "TRAFFIC_REDIS_URL": _redis("traffic", 3),
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "ALLOWED_HOSTS": "berita.tangerangkota.go.id",
    }
    for name, value in overrides.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment
