"""Configuration comes from the environment; production refuses to run insecurely."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

from cms.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checklist():
    # given production settings with a real secret from the environment
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        CREDENTIALS_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="berita.tangerangkota.go.id",
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    # then Django's deployment checklist has nothing to say
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", "--settings=cms.settings.production", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_credentials_keys():
    result = run_manage(
        "check",
        "--settings=cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        CREDENTIALS_KEYS="",
    )
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
        ("redis://127.0.0.1:6379/3", "cms.cache.RedisCache"),
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


def test_make_run_shares_one_page_cache_between_web_and_worker(tmp_path):
    # Scheduled publishing purges from the worker: a per-process cache would stay stale.
    from cms.settings.env import cache_config

    config = cache_config(f"file://{tmp_path / 'cache'}")
    assert config["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert config["LOCATION"] == str(tmp_path / "cache")


def test_static_urls_come_from_the_manifest_and_are_worked_out_once(tmp_path, settings):
    # given a collected manifest (as production has after collectstatic)
    from cms.storage import StaticFilesStorage

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
