"""Liveness and readiness: /healthz checks nothing, /readyz names the part that fails, and
workers and beat are ready only while the scheduler's heartbeat is fresh."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from campaigns.clock import HEARTBEAT
from campaigns.models import SchedulerHeartbeat
from cms.celery import app as celery_app
from core import probes
from tests.production_env import production_environment

ROOT = Path(__file__).resolve().parent.parent
CLOSED = "127.0.0.1:1"  # nothing listens there


def test_healthz_answers_without_touching_any_dependency(client):
    # given no database access at all (pytest-django refuses it outside a db test)
    # when the balancer probes by address, over http
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    # then the process says it is alive, and nothing is cached on the way
    assert response.status_code == 200
    assert response.json() == {"status": "hidup"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_200_when_database_redis_broker_and_migrations_answer(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    body = response.json()
    assert response.status_code == 200, body
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "traffic_redis", "broker", "migrations"}


@pytest.mark.django_db
@pytest.mark.slow  # waits out the broker's connect timeout
def test_readyz_names_an_unreachable_broker(client, monkeypatch):
    for name in ("broker_url", "broker_write_url"):
        monkeypatch.setitem(celery_app.conf, name, f"redis://{CLOSED}/2")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]


@pytest.mark.django_db
def test_readyz_names_an_unreachable_traffic_redis(client, settings):
    settings.TRAFFIC_REDIS_URL = f"redis://{CLOSED}/3"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["traffic_redis"]


@pytest.mark.django_db
def test_readyz_names_an_unreachable_cache(client, settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": f"redis://{CLOSED}/1"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]


@pytest.mark.django_db
def test_readyz_is_503_while_a_migration_is_not_applied(client, monkeypatch):
    # given a deployment whose newest campaigns migration has not run yet
    monkeypatch.setattr(probes, "_all_migrations_applied", False)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE id = "
            "(SELECT max(id) FROM django_migrations WHERE app = 'campaigns')"
        )
    # then the node is not ready, and says why
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["failed"] == ["migrations"]
    assert "1 migrasi belum diterapkan (campaigns." in body["checks"]["migrations"]["detail"]


def test_readyz_names_an_unreachable_database():
    # a web node started against a database that does not answer
    result = subprocess.run(
        [sys.executable, "manage.py", "probe", "--role", "web"],
        cwd=ROOT,
        env=production_environment(DATABASE_URL=f"postgres://postgres@{CLOSED}/benteng"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert '"failed": ["database", "migrations"]' in result.stdout


def beat_at(age_seconds: float) -> None:
    SchedulerHeartbeat.objects.update_or_create(
        name=HEARTBEAT,
        defaults={"last_run_at": timezone.now() - datetime.timedelta(seconds=age_seconds)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["worker", "beat"])
def test_worker_and_beat_are_ready_only_while_the_heartbeat_is_fresh(role, settings, capsys):
    settings.DISPATCH_TICK_SECONDS = 10
    SchedulerHeartbeat.objects.filter(name=HEARTBEAT).delete()
    # no tick yet: not ready
    with pytest.raises(CommandError, match="Tidak siap: scheduler"):
        call_command("probe", role=role)
    assert "belum pernah" in capsys.readouterr().out
    # a tick 5 s ago: ready
    beat_at(5)
    call_command("probe", role=role)
    assert '"failed": []' in capsys.readouterr().out
    # the last tick 101 s ago, more than 10 intervals: the beat has stopped
    beat_at(101)
    with pytest.raises(CommandError, match="Tidak siap: scheduler"):
        call_command("probe", role=role)


@pytest.mark.django_db
def test_web_readiness_does_not_depend_on_the_beat(client):
    # a stopped beat must not take every web node out of the balancer
    SchedulerHeartbeat.objects.filter(name=HEARTBEAT).delete()
    assert client.get("/readyz").status_code == 200
