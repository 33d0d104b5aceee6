"""The Celery app. The beat schedule lives here, in code: every deployment runs one clock."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Go-live and expiry times, checked every minute (Wagtail's default is an hourly cron).
    "publish-scheduled-pages": {
        "task": "publications.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*"),
    },
}
