"""The Celery app. The beat schedule lives here, in code: every deployment runs one clock."""

import os
import sys

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun, worker_init

from cms.settings.env import env_int

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_connections(task=None, **kwargs):
    """Before and after every task, as Django does around a request: close this thread's
    database connection if it is broken, left inside a transaction, or older than
    ``CONN_MAX_AGE`` (``DATABASE_CONN_MAX_AGE=0``: closed after every task).

    Django's connections are per thread, so each task of the publish queue's thread pool
    runs on a connection of its own; a thread keeps it for its next task instead of opening
    one per delivery (Celery's default here: ``CELERY_DB_REUSE_MAX`` in the settings turns
    that off), and the statements it prepared with it."""
    from django.db import close_old_connections as close

    if task is not None and getattr(task.request, "is_eager", False):
        return  # run inline by its caller (tests, eager mode): the connection is the caller's
    close()


# How long a thread may keep the interpreter lock while another waits for it (Python's
# default: 5 ms). Read from the environment, as TICK_SECONDS below.
SWITCH_INTERVAL_MS = env_int("WORKER_SWITCH_INTERVAL_MS", 1)


@worker_init.connect
def short_turns_for_threads(**kwargs):
    """The publish queue's threads mostly wait: for a platform, for PostgreSQL, for Redis.
    When an answer arrives its thread needs the interpreter lock, and at Python's 5 ms
    switch interval it can wait that long for another thread's work, several times per
    delivery; 1 ms bounds the wait (README, "Speed"). A prefork or solo worker's pool
    processes run one task at a time, where the interval changes nothing."""
    sys.setswitchinterval(SWITCH_INTERVAL_MS / 1000)


@task_prerun.connect
def log_with_task_id(task_id=None, **kwargs):
    """A task's log lines carry its id where a request's carry the request id."""
    from core.log_context import request_id

    request_id.set(task_id)


@task_postrun.connect
def forget_task_id(**kwargs):
    from core.log_context import request_id

    request_id.set(None)


# Read from the environment as the settings do (same name, same default): touching Django's
# settings here would configure Django while the settings module may still be importing.
TICK_SECONDS = float(env_int("DISPATCH_TICK_SECONDS", 10))

app.conf.beat_schedule = {
    # Claim due social deliveries (never eta/countdown: the database row is the schedule).
    "campaigns-dispatch-tick": {
        "task": "campaigns.tasks.dispatch_tick",
        "schedule": TICK_SECONDS,
        # A tick nobody ran in time is dropped: the next one does the same work.
        "options": {"expires": TICK_SECONDS},
    },
    # Awareness metrics (times in UTC; WIB = UTC+7). Each run records its own status.
    "metrics-instagram-public": {
        "task": "insights.collect_instagram_public",
        "schedule": crontab(minute=15, hour="*/6"),
    },
    "metrics-instaloader-canary": {
        "task": "insights.run_instaloader_canary",
        "schedule": crontab(minute=0, hour=22),  # 05:00 WIB
    },
    "metrics-platform-insights": {
        "task": "insights.collect_platform_insights",
        "schedule": crontab(minute=30, hour=23),  # 06:30 WIB, the last three days again
    },
    "metrics-site-traffic": {
        "task": "insights.flush_traffic",
        "schedule": 60.0,
    },
    "metrics-news-feeds": {
        "task": "insights.poll_news_feeds",
        "schedule": crontab(minute="*/30"),
    },
    "metrics-weekly-report": {
        "task": "insights.send_weekly_reports",
        "schedule": crontab(minute=0, hour=0, day_of_week="mon"),  # Monday 07.00 WIB
    },
    "metrics-alerts": {
        "task": "insights.check_alerts",
        "schedule": crontab(minute=45),
    },
    # The API's Idempotency-Key rows live 24 hours (campaigns/api/idempotency.py).
    "campaigns-idempotency-key-sweep": {
        "task": "campaigns.sweep_idempotency_keys",
        "schedule": crontab(minute=5),
    },
    # Go-live and expiry times, checked every minute (Wagtail's default is an hourly cron).
    "publish-scheduled-pages": {
        "task": "home.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*"),
    },
}
