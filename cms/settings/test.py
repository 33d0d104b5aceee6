"""`make test`: PostgreSQL and Redis, as in production."""

import os
import secrets
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, WAGTAILSEARCH_BACKENDS
from .checks import TEST_CREDENTIALS_KEY, TEST_SECRET_KEY
from .env import cache_config, database_config, env_str

SECRET_KEY = env_str("SECRET_KEY", TEST_SECRET_KEY)
ALLOWED_HOSTS = ["*"]
DEBUG = False

# `pytest -n N` (pytest-xdist) runs the suite in workers gw0, gw1, …; pytest-django gives
# each its own PostgreSQL test database (test_…_gw0). Each also gets Redis databases of its
# own, since a cache.clear() empties a whole database: cache, broker and traffic are 1, 2, 3
# for gw0, 4, 5, 6 for gw1, and so on (Redis has 16). The numbers are set, not added, so a
# process a test starts under these settings (a Celery worker) lands on the same ones.
XDIST_WORKER = env_str("PYTEST_XDIST_WORKER")
REDIS_DATABASES = {"cache": 1, "broker": 2, "traffic": 3}


def worker_redis(url: str, use: str) -> str:
    """``url``'s server, on this xdist worker's database for ``use`` (``url`` itself outside
    xdist or for a server other than Redis)."""
    parts = urlsplit(url)
    if not XDIST_WORKER or parts.scheme not in {"redis", "rediss"}:
        return url
    number = 3 * int(XDIST_WORKER.removeprefix("gw")) + REDIS_DATABASES[use]
    if number > 15:
        raise ImproperlyConfigured(
            f"xdist worker {XDIST_WORKER} would need Redis database {number}: Redis has 16 "
            "(0-15), enough for 5 workers; run pytest with -n 5 or fewer."
        )
    return parts._replace(path=f"/{number}").geturl()


def worker_prefix(prefix: str) -> str:
    suffix = f"-{XDIST_WORKER}" if XDIST_WORKER else ""
    return prefix if prefix.endswith(suffix) else prefix + suffix


DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng")
    )
}
CACHES["default"] = cache_config(
    worker_redis(env_str("CACHE_URL", "redis://127.0.0.1:6379/1"), "cache")
)
CACHES["default"]["KEY_PREFIX"] = worker_prefix(env_str("CACHE_KEY_PREFIX", "test"))
TRAFFIC_REDIS_URL = worker_redis(
    env_str("TRAFFIC_REDIS_URL", env_str("CACHE_URL", "redis://127.0.0.1:6379/1")), "traffic"
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / worker_prefix("test-media")
CELERY_BROKER_URL = worker_redis(env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/2"), "broker")
if "CELERY_BROKER_URL" in os.environ:  # Celery reads the variable before the settings
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
# Every broker key (queues, unacknowledged messages) carries this run's name, which the
# processes the run starts inherit: a worker left over from an earlier run, or one of another
# checkout on the same Redis database, takes none of this run's messages.
TEST_RUN = os.environ.setdefault("BENTENG_TEST_RUN", secrets.token_hex(4))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "global_keyprefix": f"{CACHES['default']['KEY_PREFIX']}-{TEST_RUN}:"
}
# Serve static files from the apps' folders without collectstatic (live-server browser tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No in-process hot copies: a test's cache.clear() must reach every page at once.
PAGE_CACHE_HOT_MS = 0
CREDENTIALS_KEYS = [TEST_CREDENTIALS_KEY]

# Wagtail's own search index (the admin's page search) is kept up to date only in the tests
# that search the admin (the ``wagtail_search_index`` fixture): indexing is a fifth of what
# creating a page costs. The readers' search uses the stored vectors, which stay on.
WAGTAILSEARCH_BACKENDS = {
    name: {**backend, "AUTO_UPDATE": False} for name, backend in WAGTAILSEARCH_BACKENDS.items()
}
