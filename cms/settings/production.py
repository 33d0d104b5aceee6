"""Production: every secret and address from the environment; refuse to start without them."""

from core.sentry import init_sentry

from . import checks
from .base import *  # noqa: F403
from .base import CREDENTIALS_KEYS, LOGGING, PUBLIC_BASE_URL, SECRET_KEY, TRAFFIC_REDIS_URL
from .env import env_bool, env_float, env_int, env_str

# Refuse to start with a weak or published secret, or with the embedded default's
# single-machine services (each check names its variable).
checks.check_secret_key(SECRET_KEY)
checks.check_credentials_keys(CREDENTIALS_KEYS)
checks.check_services(
    database_url=env_str("DATABASE_URL"),
    cache_url=env_str("CACHE_URL"),
    broker_url=env_str("CELERY_BROKER_URL"),
    public_base_url=PUBLIC_BASE_URL,
    traffic_redis_url=TRAFFIC_REDIS_URL,
    single_machine=env_bool("ALLOW_SINGLE_MACHINE"),
)

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# DENY everywhere; Wagtail lets its own preview frame through (xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
WEBHOOK_REQUIRE_HTTPS = env_bool("WEBHOOK_REQUIRE_HTTPS", True)

# Structured logs for the collector; Celery keeps them (it would install its own format).
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Errors to Sentry when SENTRY_DSN is set (web, workers and beat load these settings).
init_sentry(
    env_str("SENTRY_DSN"),
    environment=env_str("SENTRY_ENVIRONMENT", "production"),
    release=env_str("SENTRY_RELEASE") or None,
    traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
)
