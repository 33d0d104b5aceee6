"""`make test`: PostgreSQL and Redis, as in production."""

from .base import *  # noqa: F403
from .base import CACHES
from .checks import TEST_CREDENTIALS_KEY, TEST_SECRET_KEY
from .env import cache_config, database_config, env_str

SECRET_KEY = env_str("SECRET_KEY", TEST_SECRET_KEY)
ALLOWED_HOSTS = ["*"]
DEBUG = False

DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng")
    )
}
CACHES["default"] = cache_config(env_str("CACHE_URL", "redis://127.0.0.1:6379/1"))
CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "test")
TRAFFIC_REDIS_URL = env_str("TRAFFIC_REDIS_URL", CACHES["default"]["LOCATION"])

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/2")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
# Serve static files from the apps' folders without collectstatic (live-server browser tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No in-process hot copies: a test's cache.clear() must reach every page at once.
PAGE_CACHE_HOT_MS = 0
CREDENTIALS_KEYS = [TEST_CREDENTIALS_KEY]
