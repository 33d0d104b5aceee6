"""Celery tasks of insights. They live beside their code; Celery's autodiscovery imports this
module in the worker, which registers them under the names beat sends (cms/celery.py)."""

from . import alerts  # noqa: F401
from .clippings import poll  # noqa: F401
from .collectors import instagram_public, platforms  # noqa: F401
from .dashboards import weekly  # noqa: F401
from .tracking import flush  # noqa: F401
