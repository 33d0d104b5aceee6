"""`make run`: a laptop or a demo machine. SQLite and a serverless broker unless told otherwise."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", True)
# Only for local use; production refuses to start without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]

# A local-memory cache lives inside the web process, out of reach of the worker that runs
# scheduled publishing: keep pages a minute only (CACHE_URL=redis://… shares one cache).
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
