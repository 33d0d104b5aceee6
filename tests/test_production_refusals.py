"""Production refuses toys: started with the embedded default's single-machine stand-ins,
``cms.settings.production`` stops at once and names the variable to set, instead of running
with purges that miss the other processes and a broker per node.

Each case imports the settings in a fresh interpreter, as gunicorn or Celery would."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.production_env import production_environment

ROOT = Path(__file__).resolve().parent.parent


def start_production(**env: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import cms.settings.production"],
        cwd=ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_starts_with_postgresql_redis_and_a_public_https_address():
    result = start_production()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////srv/benteng.sqlite3"}, "DATABASE_URL"),
        ({"CACHE_URL": None}, "CACHE_URL"),
        ({"CACHE_URL": "locmem://"}, "CACHE_URL"),
        ({"CACHE_URL": "file:///var/cache/benteng"}, "CACHE_URL"),
        ({"CELERY_BROKER_URL": None}, "CELERY_BROKER_URL"),
        ({"CELERY_BROKER_URL": "filesystem://"}, "CELERY_BROKER_URL"),
        ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "http://berita.tangerangkota.go.id"}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "https://127.0.0.1"}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "https://localhost:8443"}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "https://[::1]"}, "PUBLIC_BASE_URL"),
        ({"TRAFFIC_REDIS_URL": "file:///var/traffic"}, "TRAFFIC_REDIS_URL"),
        ({"CACHE_URL": "dummy://", "TRAFFIC_REDIS_URL": None}, "TRAFFIC_REDIS_URL"),
    ],
    ids=[
        "database-missing",
        "database-sqlite",
        "cache-missing",
        "cache-locmem",
        "cache-file",
        "broker-missing",
        "broker-filesystem",
        "public-url-missing",
        "public-url-http",
        "public-url-loopback",
        "public-url-localhost",
        "public-url-ipv6-loopback",
        "traffic-not-redis",
        "traffic-missing",
    ],
)
def test_production_refuses_a_single_machine_stand_in_naming_the_variable(env, variable):
    # when production starts with one toy in an otherwise real environment
    result = start_production(**env)
    # then it stops before serving anything, and the message says what to set
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: " + variable)


def test_a_single_machine_rehearsal_is_an_explicit_choice_and_still_needs_postgresql():
    # the benchmarks and `make cluster-check` run production settings on loopback
    toys = {
        "CACHE_URL": "locmem://",
        "CELERY_BROKER_URL": "memory://",
        "TRAFFIC_REDIS_URL": None,
        "PUBLIC_BASE_URL": "http://127.0.0.1:8000",
    }
    assert start_production(**toys).returncode != 0
    assert start_production(**toys, ALLOW_SINGLE_MACHINE="1").returncode == 0
    # …but never on SQLite
    result = start_production(**toys, ALLOW_SINGLE_MACHINE="1", DATABASE_URL=None)
    assert "ImproperlyConfigured: DATABASE_URL" in result.stderr
