"""Admin views beyond the editing view sets: calendar, the read-only deliveries listing and
delivery log (``listings``), notifications, health.

``ADMIN_VIEWSETS`` are added to the "Kampanye" menu group (see ``viewsets``). Notifications
are for every admin user, so they register their own top-level menu item; the dashboard
panels register their hooks on import."""

from wagtail.admin.viewsets.base import ViewSet

from . import health_panel, notifications  # noqa: F401  (hooks)
from .calendar import calendar_viewset
from .deliveries import delivery_viewset
from .delivery_log import delivery_log_viewset

ADMIN_VIEWSETS: list[ViewSet] = [calendar_viewset, delivery_viewset, delivery_log_viewset]
