"""`make run`: a laptop or a demo machine. SQLite and a serverless broker unless told otherwise."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# Only for local use; production refuses to start without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
