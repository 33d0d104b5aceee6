"""Admin views beyond the model view sets: calendar, delivery log, notifications, health.

``ADMIN_VIEWSETS`` are added to the "Kampanye" menu group (see ``viewsets``)."""

ADMIN_VIEWSETS: list = []
