"""Settings shared by every environment. Everything that differs comes from the environment."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE

from .env import cache_config, database_config, env_bool, env_int, env_list, env_str
from .media import media_storage

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The address readers and platforms use to reach the site, without a trailing slash.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The client's address (core.clients): REMOTE_ADDR unless the reverse proxy's header is named
# here ("X-Forwarded-For", "X-Real-IP"); from X-Forwarded-For, the entry added by the
# TRUSTED_PROXY_COUNT-th proxy from the right. Never set it without such a proxy in front.
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

INSTALLED_APPS = [
    # Not "wagtail.contrib.frontend_cache": its handlers purge a page's URL before the commit
    # and nothing else; publications.purge sends the CDN every path, after it (PurgeBatch).
    "core",
    "home",
    "publications",
    "campaigns",
    "insights",
    "wagtail.api.v2",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Demo content and `seed_demo` for `make run`: above every app, imported by none.
    "demo",
]

MIDDLEWARE = [
    # /healthz and /readyz for the load balancer, before host checks and the HTTPS redirect.
    "core.probes.ProbeMiddleware",
    # Every log line of the request carries its id (X-Request-ID, kept or made).
    "core.log_context.RequestIdMiddleware",
    # Latency by view and page-cache hits for Prometheus; answers /metrics (METRICS_TOKEN).
    "core.metrics.MetricsMiddleware",
    # Reader GETs may read from DATABASE_REPLICA_URL (core/db_router.py); a no-op without it.
    "core.db_router.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /l/<code>, the tracked links in posts: answered here, without the rest of the stack.
    "insights.tracking.middleware.TrackedLinkMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A query stopped by the web's statement timeout: a 503 to retry, not a 500.
    "core.database.StatementTimeoutMiddleware",
    "core.pagecache.PageCacheMiddleware",
    # Inside the page cache, so a cached page keeps the header it was rendered with.
    "core.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site and the admin are Indonesian whatever language the browser
    # asks for; a user's own choice in their Wagtail profile still applies in the admin.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Guessing stops quickly: LOGIN_FAILURE_LIMIT wrong admin passwords (per user and address),
# wrong page passwords (per address and page) or unknown API tokens (per address) lock that
# door for LOGIN_LOCK_MINUTES. An administrator unlocks log-ins in Settings > Kunci log-in.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCK_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "core.lockouts.locked_out_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # Django's admin is not mounted; see core.lockouts for the screen

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'benteng.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
# A PostgreSQL read replica for reader GETs (core/db_router.py); the admin, the API's writes,
# workers and beat use the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_config(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env_str("CACHE_URL", "locmem://benteng")
CACHES = {"default": cache_config(_cache_url)}
# Counted page views and link clicks wait in this Redis list until insights.flush_traffic;
# without Redis (`make run` on SQLite) each one is written to the database at once.
TRAFFIC_REDIS_URL = env_str(
    "TRAFFIC_REDIS_URL", _cache_url if _cache_url.startswith(("redis://", "rediss://")) else ""
)
# A reader (a daily-salted hash of address and User-Agent) counts once per page or link in
# this many seconds: one client cannot inflate the views and clicks.
TRAFFIC_COUNT_ONCE_SECONDS = env_int("TRAFFIC_COUNT_ONCE_SECONDS", 30 * 60)
# Seconds an anonymous reader's page stays in the page cache (purged earlier on publish);
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Not-found pages and redirects are kept only briefly; browsers recheck after a minute.
PAGE_CACHE_SHORT_SECONDS = env_int("PAGE_CACHE_SHORT_SECONDS", 60)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
# A page just found valid in Redis is reused by the same process for this long (0 = never).
PAGE_CACHE_HOT_MS = env_int("PAGE_CACHE_HOT_MS", 100)
# Never cached (nor marked for CDNs) by the page cache, except the API's pages (purged on
# publish, and keyed by the Accept header: the API also answers browsers in HTML).
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/images/",
    "/static/",
    "/media/",
    "/api/",
    "/l/",  # tracked links and page-view beacons: counted, never cached
    "/v/",
)
PAGE_CACHE_API_PREFIXES = ("/api/v2/pages/",)
# Seconds the city API keeps each listed page's item and each listing's count (checked
# against the page cache's purges, whatever PAGE_CACHE_SECONDS is; 0 keeps none).
API_ITEM_CACHE_SECONDS = env_int("API_ITEM_CACHE_SECONDS", 3600)
# The query parameters each kind of URL reads (first matching prefix; None: all of them, the
# API refuses unknown ones with a 400). Others are left out of the cache key, so junk
# parameters cannot make a render and an entry each. A view that reads a new one adds it here.
PAGE_CACHE_QUERY_PARAMETERS = (
    ("/api/", None),
    ("/cari/", ("q", "publikasi", "pilar", "page")),
    ("/sitemap.xml", ("p",)),
    ("/_util/", ("next",)),
    ("/", ("page",)),  # publication, topic and archive listings
)
# Sessions in the cache (and the database): the page cache tells a real session from a junk
# cookie in the round trip it makes anyway.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Every date-time in the admin is WIB and says so (core/formats): no other zone to choose.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
FORMAT_MODULE_PATH = ["core.formats"]
# Indonesian for what Wagtail leaves untranslated (workflow e-mails, checks panel, …).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# MEDIA_STORAGE=s3: an S3-compatible bucket shared by every node (cms/settings/media.py).
_media_storage, MEDIA_ORIGIN = media_storage()
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},
}
# Let Django serve MEDIA_URL from MEDIA_ROOT (`make run` only; a web server or object
# storage does it in production).
SERVE_MEDIA = False

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")


def _origin(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Content-Security-Policy, enforced on every HTML answer (core/csp.py, django-csp): scripts
# only from this site or inline with the request's nonce, nothing from other origins, never
# framed (Wagtail's preview may be framed by the admin itself). Inline style attributes are
# allowed: Wagtail's admin sets them. EMBED_ORIGINS (e.g. https://www.youtube-nocookie.com)
# lets article embeds from those sites show in frames; empty by default.
EMBED_ORIGINS = env_list("EMBED_ORIGINS")
_asset_origins = [
    *_origin(MEDIA_URL),
    *([MEDIA_ORIGIN] if MEDIA_ORIGIN else []),
    *_origin(STATIC_URL),
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *_origin(STATIC_URL)],
        # One harmless inline handler, in the admin only (core/csp.py drops it elsewhere):
        # Jcrop (Wagtail's focal-point tool) sets ontouchstart="return;" to detect touch.
        "script-src-attr": [UNSAFE_HASHES, "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
        "style-src": [SELF, UNSAFE_INLINE, *_origin(STATIC_URL)],
        "img-src": [SELF, "data:", "blob:", *_asset_origins],
        "font-src": [SELF, "data:", *_origin(STATIC_URL)],
        "media-src": [SELF, *_asset_origins],
        "connect-src": [SELF],
        "frame-src": [SELF, *EMBED_ORIGINS],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "humas@tangerangkota.go.id")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# One line per record; LOG_FORMAT=json (production's default) writes JSON objects with the
# request id, user id and delivery id (core/log_context.py) for a log collector.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "core.log_context.ContextFilter"}},
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "core.log_context.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint narrates every step of a PDF at INFO ("Step 5 - Creating layout…"), and
        # Celery says "received" and "succeeded" for every task: at 250 deliveries/s that
        # is 500 lines/s and a tenth of a publish worker's CPU. A publish run logs one line
        # with its outcome, task id and delivery id (campaigns.tasks); failures still log.
        name: {"level": "WARNING"}
        for name in ("weasyprint", "fontTools", "celery.worker.strategy", "celery.app.trace")
    },
}
# Off (404) while unset: the bearer token Prometheus sends to /metrics (core/metrics.py).
METRICS_TOKEN = env_str("METRICS_TOKEN")

# Celery: a message only wakes a worker up; the database decides what to do.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        "processed_folder": str(VAR_DIR / "broker-processed"),
        # Exchange tables (worker remote control); kombu's default is "control" in the CWD.
        "control_folder": str(VAR_DIR / "broker-control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fix-up closes the database connection around every task (one new
# PostgreSQL connection per delivery); cms/celery.py closes it only when Django would
# (broken, mid-transaction, older than CONN_MAX_AGE), per thread.
CELERY_DB_REUSE_MAX = 2**31
CELERY_TIMEZONE = "UTC"
# Publishing goes to its own queue, so a backlog of metric collection never delays a post.
# instaloader's rate controller assumes it is the only client: its tasks go to a queue that
# exactly one single-process worker serves.
CELERY_TASK_ROUTES = {
    "campaigns.tasks.publish_delivery": {"queue": "publish"},
    "insights.collect_instagram_public": {"queue": "instaloader"},
    "insights.run_instaloader_canary": {"queue": "instaloader"},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# Wagtail
WAGTAIL_SITE_NAME = "Benteng — Humas Kota Tangerang"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
# No request leaves for gravatar.com: the admin must work without internet.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# …nor to releases.wagtail.org (the admin's upgrade notice; refused by the CSP anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_IMAGE_MODEL = "publications.NewsImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
# Same checks as Wagtail's form, with the pixel-limit message in Indonesian.
WAGTAILIMAGES_IMAGE_FORM_BASE = "publications.uploads.ImageForm"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {
    "avif": "avif",
    "webp": "webp",
    "gif": "gif",
    "png": "png",
}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "csv",
    "txt",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# A ".pdf" upload must really be a PDF (checked by content, not by name).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "publications.uploads.DocumentForm"
# Documents are served through Django, where an embargoed e-paper is refused
# (publications.collections); never let the web server or storage hand out media/documents/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL's Indonesian stemmer; ignored by SQLite under `make run`.
        "SEARCH_CONFIG": "indonesian",
    }
}
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Purge a CDN when one is configured (e.g. FRONTEND_CACHE_CLOUDFLARE_TOKEN + ZONEID, or a
# generic HTTP purge endpoint in FRONTEND_CACHE_URL).
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_URL"),
    }
if env_str("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
        "ZONEID": env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
    }

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The campaigns API's throttles (campaigns.api.throttling), per client address and per user.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON and Indonesian for every error, an oversized body included (campaigns/api/errors.py).
    "EXCEPTION_HANDLER": "campaigns.api.errors.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Benteng Campaigns API",
    "DESCRIPTION": "Akun, kampanye, unggahan, pengiriman dan persetujuan (Humas Kota Tangerang).",
    "VERSION": "1.0.0",
    # Document only the campaigns API, not Wagtail's own read API or admin endpoints.
    "PREPROCESSING_HOOKS": ["core.api_schema.only_campaigns_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.document_common_errors",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Accounts, posts and deliveries each have a "status" with its own choices.
    "ENUM_NAME_OVERRIDES": {
        "AccountStatusEnum": "campaigns.models.AccountStatus",
        "PostStatusEnum": "campaigns.models.PostStatus",
        "DeliveryStatusEnum": "campaigns.models.DeliveryStatus",
    },
}

# The head of Humas may approve a post they wrote themselves only when this is on (then the
# approval log and the report say "disetujui sendiri"). Off: a second person approves.
ALLOW_SELF_APPROVAL = env_bool("ALLOW_SELF_APPROVAL", False)
# Campaigns: platform credentials are encrypted with these Fernet keys (newest first).
CREDENTIALS_KEYS = env_list("CREDENTIALS_KEYS")
# Adapters' base URLs: the real hosts unless pointed at a local test server.
GRAPH_API_URL = env_str("GRAPH_API_URL", "https://graph.facebook.com/v23.0").rstrip("/")
X_API_URL = env_str("X_API_URL", "https://api.x.com").rstrip("/")
# X's OAuth 2.0 app: its user tokens last about two hours and are renewed with the stored
# refresh token. A confidential client also has a secret (sent as HTTP Basic auth).
X_CLIENT_ID = env_str("X_CLIENT_ID")
X_CLIENT_SECRET = env_str("X_CLIENT_SECRET")
TELEGRAM_API_URL = env_str("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/")
# The guarded outbound client (core/outbound.py) refuses internal addresses; these hosts
# ("host" or "host:port", comma-separated) it may reach all the same. Empty by default in
# every settings module: tests allow their local fake servers one by one.
OUTBOUND_ALLOW_PRIVATE_HOSTS = env_list("OUTBOUND_ALLOW_PRIVATE_HOSTS")
# Webhook receivers must be https:// (on by default in production).
WEBHOOK_REQUIRE_HTTPS = env_bool("WEBHOOK_REQUIRE_HTTPS", False)
NETWORK_CONNECT_TIMEOUT = env_int("NETWORK_CONNECT_TIMEOUT", 5)
NETWORK_READ_TIMEOUT = env_int("NETWORK_READ_TIMEOUT", 30)
# The dispatcher (see campaigns/clock.py and campaigns/dispatch.py).
DISPATCH_TICK_SECONDS = env_int("DISPATCH_TICK_SECONDS", 10)
DISPATCH_QUEUE = "publish"
DISPATCH_BATCH_SIZE = env_int("DISPATCH_BATCH_SIZE", 1000)
# A tick claims batches until nothing is due or this many are claimed; keep it below what the
# publish workers get through within DISPATCH_CLAIM_TIMEOUT_SECONDS, or the sweep requeues
# rows still waiting in the queue (harmless, but wasted messages).
DISPATCH_CLAIM_PER_TICK = env_int("DISPATCH_CLAIM_PER_TICK", 20_000)
# A burst (more than DISPATCH_PARALLEL_MESSAGES claimed at once) goes to the publish queue up
# to this many deliveries per message: a thread publishes them one after another, and the
# broker's and Celery's work per message is shared. Fewer go one per message, all at once.
DISPATCH_DELIVERIES_PER_MESSAGE = env_int("DISPATCH_DELIVERIES_PER_MESSAGE", 8)
DISPATCH_PARALLEL_MESSAGES = env_int("DISPATCH_PARALLEL_MESSAGES", 100)
DISPATCH_MISSED_AFTER_MINUTES = env_int("DISPATCH_MISSED_AFTER_MINUTES", 60)
DISPATCH_MAX_ATTEMPTS = env_int("DISPATCH_MAX_ATTEMPTS", 5)
DISPATCH_RETRY_BASE_SECONDS = env_int("DISPATCH_RETRY_BASE_SECONDS", 30)
DISPATCH_RETRY_MAX_SECONDS = env_int("DISPATCH_RETRY_MAX_SECONDS", 3600)
# Waiting for a publishing quota or media processing: look again at least this often.
DISPATCH_WAIT_RECHECK_SECONDS = env_int("DISPATCH_WAIT_RECHECK_SECONDS", 600)
DISPATCH_CLAIM_TIMEOUT_SECONDS = env_int("DISPATCH_CLAIM_TIMEOUT_SECONDS", 300)
DISPATCH_PUBLISH_TIMEOUT_SECONDS = env_int("DISPATCH_PUBLISH_TIMEOUT_SECONDS", 300)
DISPATCH_RECONCILE_AFTER_SECONDS = env_int("DISPATCH_RECONCILE_AFTER_SECONDS", 60)
DISPATCH_MAX_RECONCILE_CHECKS = env_int("DISPATCH_MAX_RECONCILE_CHECKS", 5)
# Mainstream media clippings and alerts (insights/clippings, insights/alerts.py).
FEED_TIMEOUT_SECONDS = env_int("FEED_TIMEOUT_SECONDS", 15)
# A mentions spike: today > mean + k * stdev of the previous 14 days, and at least a minimum.
ALERT_SPIKE_STDEVS = env_int("ALERT_SPIKE_STDEVS", 3)
ALERT_SPIKE_MIN_MENTIONS = env_int("ALERT_SPIKE_MIN_MENTIONS", 5)
ALERT_FOLLOWER_DROP_PERCENT = env_int("ALERT_FOLLOWER_DROP_PERCENT", 5)
# instaloader (public Instagram counts): optional login by the session file of a dedicated
# account (never the city's own: scraping risks checkpoints), and the known public profile
# the daily canary reads when no peer account is marked as canary.
INSTALOADER_SESSION_USER = env_str("INSTALOADER_SESSION_USER")
INSTALOADER_SESSION_FILE = env_str("INSTALOADER_SESSION_FILE")
INSTALOADER_CANARY_PROFILE = env_str("INSTALOADER_CANARY_PROFILE", "instagram")
