"""Small readers for configuration that comes from environment variables only."""

import os
from urllib.parse import urlsplit


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_config(url: str) -> dict:
    """Turn a CACHE_URL (``redis://host:port/db``, ``file:///path``, ``locmem://``, ``dummy://``)
    into a CACHES entry."""
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": url,
        }
    if scheme == "file":
        # A folder shared by the web, worker and beat processes of one machine (`make run`).
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": urlsplit(url).path,
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": urlsplit(url).netloc or "benteng",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    raise ValueError(
        f"CACHE_URL scheme {scheme!r} is not supported (use redis, file, locmem or dummy)"
    )
