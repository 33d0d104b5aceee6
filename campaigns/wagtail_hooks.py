"""Campaigns in the Wagtail admin. Each area registers its own hooks in its module; this file
only imports them so that Wagtail finds them."""

from . import audit, views, viewsets  # noqa: F401
