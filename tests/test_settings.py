"""Configuration comes from the environment; production refuses to run insecurely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from cms.celery import app as celery_app
from tests.production_env import production_environment

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    """``manage.py *args`` in a fresh interpreter, on a real production environment changed
    by ``env`` (None unsets a variable)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def public_database_url(db):
    """The test database, its default Site committed at PUBLIC_BASE_URL's address (as migrate
    leaves it in production) for another process to see; put back afterwards."""
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng")
    url = f"{url.rsplit('/', 1)[0]}/{connection.settings_dict['NAME']}"
    update = "UPDATE wagtailcore_site SET hostname = %s, port = %s WHERE is_default_site"
    with psycopg.connect(url, autocommit=True) as outside_the_test_transaction:
        before = outside_the_test_transaction.execute(
            "SELECT hostname, port FROM wagtailcore_site WHERE is_default_site"
        ).fetchone()
        outside_the_test_transaction.execute(update, ["berita.tangerangkota.go.id", 443])
    yield url
    with psycopg.connect(url, autocommit=True) as outside_the_test_transaction:
        outside_the_test_transaction.execute(update, before)


def test_production_settings_pass_the_deployment_checklist(public_database_url):
    # given production settings with real secrets, PostgreSQL, Redis and the public address
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=cms.settings.production",
        DATABASE_URL=public_database_url,
    )
    # then Django's deployment checklist, and ours, have nothing to say
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", "--settings=cms.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_credentials_keys():
    result = run_manage("check", "--settings=cms.settings.production", CREDENTIALS_KEYS="")
    assert result.returncode != 0
    assert "CREDENTIALS_KEYS must be set" in result.stderr


def test_the_office_works_in_indonesian_and_wib():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ is True


def test_tests_run_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_postgresql_prepares_repeated_queries_unless_told_not_to(monkeypatch):
    from cms.settings.env import database_config

    url = "postgres://postgres@127.0.0.1:5432/benteng"
    # by default: parameters bound by the server, queries prepared from their second run
    options = database_config(url)["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 2
    assert "random_page_cost=1.1" in options["options"]
    # behind a pooler that cannot keep them, turned off
    monkeypatch.setenv("POSTGRES_PREPARED_STATEMENTS", "false")
    assert "prepare_threshold" not in database_config(url)["OPTIONS"]
    # SQLite (make run) gets none of it
    assert "OPTIONS" not in database_config("sqlite:///var/benteng.sqlite3")


def test_the_suite_runs_with_prepared_statements():
    # the suite exercises the production database options, prepared statements included
    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/3", "core.cache.RedisCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    from cms.settings.env import cache_config

    assert cache_config(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_a_clear_error():
    from cms.settings.env import cache_config

    with pytest.raises(ValueError, match="CACHE_URL scheme 'memcached'"):
        cache_config("memcached://127.0.0.1:11211")


def test_celery_acknowledges_late_and_prefetches_one_message():
    # A lost worker must leave its message to be redelivered; the database decides what runs.
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1


def test_a_worker_gives_its_threads_short_turns():
    # A publish thread whose platform answered waits for the interpreter lock at most 1 ms.
    from celery.signals import worker_init

    from cms.celery import short_turns_for_threads

    assert short_turns_for_threads in [receiver() for _, receiver in worker_init.receivers]
    before = sys.getswitchinterval()
    try:
        short_turns_for_threads()
        assert sys.getswitchinterval() == pytest.approx(0.001)
    finally:
        sys.setswitchinterval(before)


def test_make_run_shares_one_page_cache_between_web_and_worker(tmp_path):
    # Scheduled publishing purges from the worker: a per-process cache would stay stale.
    from cms.settings.env import cache_config

    config = cache_config(f"file://{tmp_path / 'cache'}")
    assert config["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert config["LOCATION"] == str(tmp_path / "cache")


def test_static_urls_come_from_the_manifest_and_are_worked_out_once(tmp_path, settings):
    # given a collected manifest (as production has after collectstatic)
    from core.storage import StaticFilesStorage

    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.1a2b3c.css"}, "version": "1.1"})
    )
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")

    # then a file's URL is its hashed name, the same on every call
    assert storage.url("css/site.css") == "/static/css/site.1a2b3c.css"
    assert storage.url("css/site.css") == "/static/css/site.1a2b3c.css"
    # and a file missing from the manifest is still an error, every time
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
