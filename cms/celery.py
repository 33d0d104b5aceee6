"""The Celery app. The beat schedule lives here, in code: every deployment runs one clock."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

from django.conf import settings  # noqa: E402 - after DJANGO_SETTINGS_MODULE is set

app.conf.beat_schedule = {
    # Claim due social deliveries (never eta/countdown: the database row is the schedule).
    "campaigns-dispatch-tick": {
        "task": "campaigns.tasks.dispatch_tick",
        "schedule": float(settings.DISPATCH_TICK_SECONDS),
        # A tick nobody ran in time is dropped: the next one does the same work.
        "options": {"expires": float(settings.DISPATCH_TICK_SECONDS)},
    },
    # Go-live and expiry times, checked every minute (Wagtail's default is an hourly cron).
    "publish-scheduled-pages": {
        "task": "publications.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*"),
    },
}
