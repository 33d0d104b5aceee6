"""`make run`: a laptop or a demo machine. SQLite and a serverless broker unless told otherwise."""

from .base import *  # noqa: F403
from .checks import DEV_CREDENTIALS_KEY, DEV_SECRET_KEY
from .env import cache_config, database_namespace, env_bool, env_int, env_list, env_str

# Off by default: a new user meets the site's own Indonesian 404 and 500 pages, not Django's
# debug page listing every URL pattern. DEBUG=true brings the debug pages back.
DEBUG = env_bool("DEBUG", False)
# Only for local use; production refuses to start without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = ["*"]

# The page cache must be shared by web and worker (scheduled publishing purges it from the
# worker): a folder under var/ unless CACHE_URL says otherwise (redis://… in production).
CACHES = {"default": cache_config(env_str("CACHE_URL", f"file://{VAR_DIR / 'cache'}"))}
# Keys carry the database's name: the same var/cache under another DATABASE_URL (or another
# SQLite file) starts empty instead of serving the first database's sites and branding.
CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX") or database_namespace(
    DATABASES["default"]
)

# A local-memory cache (CACHE_URL=locmem://) lives inside the web process, out of reach of
# the worker that runs scheduled publishing: then keep pages a minute only.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

# A fixed key for local demo credentials only; production takes CREDENTIALS_KEYS from the
# environment and refuses to start without it.
CREDENTIALS_KEYS = env_list("CREDENTIALS_KEYS") or [DEV_CREDENTIALS_KEY]

# Static files straight from the apps' folders (no collectstatic, no manifest) and media
# from MEDIA_ROOT, by runserver itself whatever DEBUG says.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# No proxy compresses for runserver: text (pages, the stylesheet, scripts, feeds) is gzipped
# here, outermost, so it covers WhiteNoise's files and the page cache's hits alike.
MIDDLEWARE = ["core.compression.TextCompressionMiddleware", *MIDDLEWARE]

# E-mails (approval requests, failure notices) are written to var/mail, one file each,
# instead of being printed among the processes' logs.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
