"""No public request can tie up the database: a web request's SQL statement is stopped after
DATABASE_STATEMENT_TIMEOUT_MS (5 s) and the reader gets a 503 to retry; workers, commands and
migrations run with the longer DATABASE_BACKGROUND_STATEMENT_TIMEOUT_MS."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from cms.settings.env import database_config
from tests.campaigns.worker import database_url

ROOT = Path(__file__).resolve().parents[2]
SHOW_TIMEOUT = (
    "from django.db import connection\n"
    "cursor = connection.cursor()\n"
    "cursor.execute('SHOW statement_timeout')\n"
    "print(cursor.fetchone()[0])\n"
)


@pytest.fixture
def web_connection(monkeypatch, restore_migration_rows):
    """This process's connection as the web's (cms/wsgi.py) opens it, with a 300 ms limit.
    Reconnecting needs a test outside a transaction (serialized_rollback keeps the rows the
    data migrations made)."""
    original = dict(connection.settings_dict["OPTIONS"])
    monkeypatch.setenv("BENTENG_PROCESS_ROLE", "web")
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "300")
    web = database_config(database_url(connection.settings_dict))
    connection.close()
    connection.settings_dict["OPTIONS"] = web["OPTIONS"]
    yield
    connection.close()
    connection.settings_dict["OPTIONS"] = original


@pytest.mark.urls("tests.security.slow_urls")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_slow_query_in_a_web_request_is_stopped_and_answered_503(client, web_connection):
    # given a view whose query would take 3 seconds
    client.raise_request_exception = False
    # when a reader asks for it
    started = time.monotonic()
    response = client.get("/lambat/", {"detik": "3"})
    elapsed = time.monotonic() - started
    # then PostgreSQL stops the statement at the web's limit, and the reader is told to retry
    assert elapsed < 2, elapsed
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "sibuk" in response.content.decode()
    # and the connection still serves the next request
    assert client.get("/lambat/", {"detik": "0"}).status_code == 200


def run(code: str, *command: str, **env) -> subprocess.CompletedProcess:
    environment = {
        name: value for name, value in os.environ.items() if name != "BENTENG_PROCESS_ROLE"
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url(connection.settings_dict),
        **env,
    }
    argv = [*command, code] if command else ["-c", code]
    return subprocess.run(
        [sys.executable, *argv],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_web_process_connects_with_the_short_timeout(db):
    # when the web's WSGI module is loaded (gunicorn; runserver marks itself the same way)
    result = run("import cms.wsgi\n" + SHOW_TIMEOUT)
    # then its connections stop any statement after 5 seconds
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5s"


def test_command_may_run_longer_than_a_web_request(db):
    # given a web limit of 200 ms
    limits = {"DATABASE_STATEMENT_TIMEOUT_MS": "200"}
    sleep = (
        "from django.db import connection\nconnection.cursor().execute('SELECT pg_sleep(0.6)')\n"
    )
    # when a management command runs a 600 ms statement
    command = run(SHOW_TIMEOUT + sleep, "manage.py", "shell", "-c", **limits)
    # then it finishes, under the background limit of 30 minutes
    assert command.returncode == 0, command.stderr
    assert command.stdout.strip().splitlines()[-1] == "30min"
    # while the same statement in the web process is stopped
    web = run("import cms.wsgi\n" + sleep, **limits)
    assert web.returncode != 0
    assert "statement timeout" in web.stderr
