"""Small readers for configuration that comes from environment variables only."""

import hashlib
import os
from urllib.parse import urlsplit

import dj_database_url


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


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_config(url: str) -> dict:
    """Turn a CACHE_URL (``redis://host:port/db``, ``file:///path``, ``locmem://``, ``dummy://``)
    into a CACHES entry."""
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "core.cache.RedisCache",
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


def database_namespace(database: dict) -> str:
    """A short name for one database (engine, host, port and name), to prefix cache keys
    with: a cache shared by two databases (`make run` on SQLite, then with DATABASE_URL,
    on one var/cache) never hands one database's objects to the other."""
    identity = "|".join(
        str(database.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME")
    )
    return "db-" + hashlib.sha256(identity.encode()).hexdigest()[:10]


# Set to "web" by the web's entry points (cms/wsgi.py, `manage.py runserver`); anything else
# (Celery, other commands, migrations, scripts) is a background process.
PROCESS_ROLE_VARIABLE = "BENTENG_PROCESS_ROLE"


def statement_timeout_ms() -> int:
    """How long one SQL statement of this process may run (0: no limit).

    A web request gets DATABASE_STATEMENT_TIMEOUT_MS (5 s), so no public request can tie up
    the database however it is crafted; workers, commands and migrations get the longer
    DATABASE_BACKGROUND_STATEMENT_TIMEOUT_MS (30 min)."""
    if os.environ.get(PROCESS_ROLE_VARIABLE) == "web":
        return env_int("DATABASE_STATEMENT_TIMEOUT_MS", 5000)
    return env_int("DATABASE_BACKGROUND_STATEMENT_TIMEOUT_MS", 30 * 60 * 1000)


def database_config(url: str, **options) -> dict:
    """Turn a DATABASE_URL into a DATABASES entry; PostgreSQL gets the settings below."""
    config = dj_database_url.parse(url, **options)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return config
    postgres = config.setdefault("OPTIONS", {})
    # SSD storage: let the planner use the search index for common words too (a full
    # index scan at the default 4 made one search of 20,000 articles take 175 ms, not 25).
    postgres["options"] = (
        f"-c random_page_cost={env_str('POSTGRES_RANDOM_PAGE_COST', '1.1')} "
        # Set when connecting: costs no round trip (see statement_timeout_ms).
        f"-c statement_timeout={statement_timeout_ms()}"
    )
    if env_bool("POSTGRES_PREPARED_STATEMENTS", True):
        # Parameters bound by the server, and a query prepared from its second run on a
        # connection: PostgreSQL plans the queries of a page once per connection, not on
        # every view (a quarter of an uncached article's time). Turn off behind a pooler
        # that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
        postgres.update(server_side_binding=True, prepare_threshold=2)
    return config
