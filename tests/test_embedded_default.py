"""The embedded default (`make run`: cms.settings.dev, SQLite, the file cache, the filesystem
broker) runs cleanly: no warnings, no cached object outliving its database.

`make smoke` (scripts/smoke_crawl.py) crawls every screen of it; these are the parts a crawl
cannot see.
"""

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from core.apps import forget_cache_of_new_database

# Fresh interpreters and databases migrated from nothing: seconds each.
pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parent.parent
# What would take a process away from the embedded default.
SERVER_VARIABLES = ("DATABASE_URL", "CACHE_URL", "CACHE_KEY_PREFIX", "CELERY_BROKER_URL")


def embedded_environment(tmp_path: Path, **env: str) -> dict[str, str]:
    """This process's environment without what leaves the embedded default, state in
    ``tmp_path``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO") and key not in SERVER_VARIABLES
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(tmp_path / "media"),
        TRAFFIC_REDIS_URL="",
        **env,
    )
    return environment


def free_port() -> int:
    """A port nothing listens on now (two runs of the suite, or two xdist workers, never
    share one)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_embedded(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py`` under cms.settings.dev with its state in ``tmp_path``."""
    environment = embedded_environment(tmp_path, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,  # migrate and seed_demo take a minute or more on a loaded machine
        check=False,
    )


def test_the_embedded_default_passes_the_system_checks_without_a_warning(tmp_path):
    # when the system checks run against the SQLite database, as migrate and runserver do
    result = run_embedded(tmp_path, "check", "--database", "default", "--fail-level", "WARNING")
    # then there is nothing to say (models.W040 was: SQLite has no covering indexes)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "W040" not in result.stderr


SEND_THE_STYLESHEET = """
from django.test import Client
answer = Client().get("/static/css/site.css", HTTP_ACCEPT_ENCODING="gzip")
print(answer.status_code, answer.get("Content-Encoding"))
"""


def test_make_run_sends_text_gzipped_as_a_proxy_would(tmp_path):
    # when a browser that accepts gzip asks `make run` for the stylesheet
    result = run_embedded(tmp_path, "shell", "-c", SEND_THE_STYLESHEET)

    # then it comes gzipped (core/compression.py; production's proxy and WhiteNoise do it)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["200", "gzip"]


def test_two_databases_sharing_one_file_cache_do_not_see_each_others_entries(tmp_path):
    # given a first SQLite database that put its branding in the shared var/cache
    first = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    second = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    write = "from django.core.cache import cache; cache.set('home:branding', 'first', 600)"
    read = "from django.core.cache import cache; print('found:', cache.get('home:branding'))"
    written = run_embedded(tmp_path, "shell", "-c", write, DATABASE_URL=first)
    assert written.returncode == 0, written.stderr
    # when a process on a second database sharing that cache folder reads it
    other = run_embedded(tmp_path, "shell", "-c", read, DATABASE_URL=second)
    same = run_embedded(tmp_path, "shell", "-c", read, DATABASE_URL=first)
    # then it finds nothing, while the first database still finds its own entry
    assert "found: None" in other.stdout, other.stdout + other.stderr
    assert "found: first" in same.stdout, same.stdout + same.stderr
    assert list((tmp_path / "cache").iterdir())  # one shared folder


def migration(app_label: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(app_label=app_label, name=name)


def test_a_database_migrated_from_nothing_starts_with_an_empty_cache():
    # given an entry of whatever database was there before
    cache.set("home:branding", "the old database's", 600)
    # when migrate creates a database from nothing (its plan starts with contenttypes)
    plan = [(migration("contenttypes", "0001_initial"), False), (migration("home", "0001"), False)]
    forget_cache_of_new_database(plan=plan)
    # then the entry is gone
    assert cache.get("home:branding") is None


@pytest.mark.parametrize(
    "plan",
    [
        [],  # nothing to apply
        [(SimpleNamespace(app_label="campaigns", name="0009_new"), False)],  # a later migration
        [(SimpleNamespace(app_label="contenttypes", name="0001_initial"), True)],  # unapplied
    ],
)
def test_a_database_that_already_existed_keeps_its_cache(plan):
    cache.set("home:branding", "this database's", 600)
    forget_cache_of_new_database(plan=plan)
    assert cache.get("home:branding") == "this database's"


FIRST_VISIT = """
from django.test import Client
client = Client(raise_request_exception=False)
missing = client.get("/halaman-yang-tidak-ada/")
print("404:", missing.status_code, "Halaman tidak ditemukan" in missing.content.decode(),
      "URLconf" in missing.content.decode())
style = client.get("/static/css/site.css")
print("static:", style.status_code)
"""


def test_a_first_run_is_quiet_and_shows_the_sites_own_error_pages(tmp_path):
    # given a new user's first `make run`: migrate and seed_demo into a new SQLite file
    migrated = run_embedded(tmp_path, "migrate", "--no-input", "-v0")
    seeded = run_embedded(tmp_path, "seed_demo")
    # then neither warns nor prints an e-mail (the approval request is queued for the worker,
    # which writes e-mails to var/mail)
    assert migrated.returncode == 0, migrated.stderr
    assert seeded.returncode == 0, seeded.stderr
    for output in (migrated.stdout + migrated.stderr, seeded.stdout + seeded.stderr):
        assert "WARNINGS" not in output and "W040" not in output
        assert "Content-Type: text/plain" not in output and "Subject:" not in output
    assert all(path.suffix == ".log" for path in (tmp_path / "mail").glob("*"))
    # when a reader asks for a page that does not exist, and for a stylesheet
    visit = run_embedded(tmp_path, "shell", "-c", FIRST_VISIT)
    # then the site's Indonesian 404 page answers, not Django's debug page; static files
    # are served all the same
    assert "404: 404 True False" in visit.stdout, visit.stdout + visit.stderr
    assert "static: 200" in visit.stdout, visit.stdout + visit.stderr


def test_ctrl_c_stops_every_process_of_make_run_without_a_kill(tmp_path):
    # given the Procfile's four processes under honcho, as `make run` starts them
    for folder in ("broker", "broker-processed", "broker-control"):
        (tmp_path / folder).mkdir()
    environment = embedded_environment(
        tmp_path,
        PORT=str(free_port()),
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    )
    honcho = subprocess.Popen(
        [sys.executable, "scripts/procfile.py", "-f", "Procfile", "start"],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    ready = set()
    for line in honcho.stdout:  # until both workers and the web say they are up
        lines.append(line)
        for name, marker in (("worker", "celery@"), ("scraper", "scraper@"), ("web", "CONTROL-C")):
            if marker in line and ("ready" in line or name == "web"):
                ready.add(name)
        if ready == {"worker", "scraper", "web"}:
            break
    # when the user presses Ctrl-C
    honcho.send_signal(signal.SIGINT)
    output, _ = honcho.communicate(timeout=60)
    output = "".join(lines) + output
    # then every process stops by itself, the workers after a warm shutdown; nothing is
    # killed, and honcho ends as an interrupted command does
    assert "SIGKILL" not in output, output
    assert "exited with 'signal" not in output, output
    assert output.count("Warm shutdown") == 2, output
    assert honcho.returncode == 130
