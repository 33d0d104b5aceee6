"""The tracked-link redirect against a plain Django redirect, in the same run.

``measure()`` starts gunicorn (2 sync workers, production settings via ``bench_settings``,
Redis for the cache and for counting, as in production), makes sure one tracked link exists,
and lets wrk take turns on ``/l/<code>`` and on ``/bench/redirect/`` (a view returning the same
redirect and nothing else) with a browser's User-Agent, so every click is really counted.
It returns requests per second of both in each round, the median of the rounds' ratios
(target: at least 80 %), and how many clicks reached the Redis list (removed afterwards).

``make bench-metrics`` calls ``measure()`` with Django already set up on its database;
``python scripts/bench_redirect.py`` runs alone on its own database
(REDIRECT_BENCH_DATABASE_URL, created and migrated if needed).
"""

import os
import re
import secrets
import statistics
import subprocess
import sys
import urllib.parse
from pathlib import Path

from django.http import HttpRequest, HttpResponseRedirect

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
TARGET = (
    "https://tangerangkota.go.id/festival-cisadane/?utm_source=instagram&utm_medium=social"
    "&utm_campaign=festival-cisadane&utm_content=1"
)
BENCH_CODE = "BenchRedir1"
PLAIN_PATH = "/bench/redirect/"
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
REDIS_URL = os.environ.get("REDIRECT_BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
DATABASE_URL = os.environ.get(
    "REDIRECT_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng_bench_redirect"
)
ROUNDS = 3
TARGET_RATIO = 0.8


def plain_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """The yardstick: the least a Django view can do to redirect (see bench_urls)."""
    return HttpResponseRedirect(TARGET)


def ensure_link() -> str:
    """The tracked link the bench follows, made once in the current database."""
    from insights.models import TrackedLink

    TrackedLink.objects.update_or_create(
        code=BENCH_CODE, defaults={"target_url": TARGET, "network": "instagram"}
    )
    return BENCH_CODE


def wrk(url: str, seconds: int) -> tuple[float, int]:
    """(requests per second, requests) over ``seconds``, 2 threads, 16 connections."""
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout=30s"]
    output = subprocess.run(
        [*command, "-H", f"User-Agent: {BROWSER}", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk reported errors for {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, int(re.search(r"(\d+) requests in", output).group(1))


def _events_key() -> str:
    return "traffic:events"  # production settings: the cache has no key prefix


def measure(base_url: str | None = None, *, seconds: int = 5) -> dict:
    """Requests/s of the tracked link and of the plain redirect, taking turns in ``ROUNDS``
    rounds (so a busy shared machine slows both alike). Starts gunicorn unless ``base_url``
    points at one already serving ``bench_settings`` with Redis."""
    import redis

    code = ensure_link()
    if base_url is None:
        sys.path[:0] = [str(ROOT), str(SCRIPTS)]
        from bench import Gunicorn

        env = {
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(SCRIPTS)]),
            "CACHE_URL": REDIS_URL,
            "TRAFFIC_REDIS_URL": REDIS_URL,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
        }
        with Gunicorn(**env) as server:
            return measure(server.base, seconds=seconds)

    store = redis.Redis.from_url(REDIS_URL)
    store.delete(_events_key())
    tracked, plain = f"{base_url}/l/{code}", f"{base_url}{PLAIN_PATH}"
    for url in (tracked, plain):  # warm: the code is resolved once per worker
        wrk(url, 1)
    store.delete(_events_key())
    rounds, tracked_requests = [], 0
    for turn in range(ROUNDS):
        order = [("tracked", tracked), ("plain", plain)]
        rates = {}
        for kind, url in order if turn % 2 == 0 else order[::-1]:
            rates[kind], requests = wrk(url, seconds)
            tracked_requests += requests if kind == "tracked" else 0
        rounds.append(rates)
    counted = store.llen(_events_key())
    store.delete(_events_key())
    # Each round compares the two measured side by side; the median round is the figure.
    ratios = [r["tracked"] / r["plain"] for r in rounds]
    ratio = statistics.median(ratios)
    return {
        "tracked link /l/<code> r/s": " ".join(f"{r['tracked']:.0f}" for r in rounds),
        "plain Django redirect r/s": " ".join(f"{r['plain']:.0f}" for r in rounds),
        "ratio per round": " ".join(f"{r:.1%}" for r in ratios),
        "ratio, median of rounds (target >= 80 %)": (
            f"{ratio:.1%} {'met' if ratio >= TARGET_RATIO else 'NOT MET'}"
        ),
        # wrk leaves out the requests still in flight when it stops: a few more are counted.
        "clicks counted / requests (one reader: once per window)": (
            f"{counted} / {tracked_requests}"
        ),
        "setup": f"gunicorn 2 sync workers, wrk 2 threads 16 connections, {ROUNDS} x {seconds} s",
    }


def configure() -> None:
    from cryptography.fernet import Fernet

    os.environ.update(
        CREDENTIALS_KEYS=Fernet.generate_key().decode(),
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SCRIPTS)]),
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_BASE_URL="http://127.0.0.1",
        # One machine on loopback, measured with production settings (cms/settings/checks.py).
        ALLOW_SINGLE_MACHINE="1",
        DATABASE_URL=DATABASE_URL,
        CACHE_URL=REDIS_URL,
        CELERY_BROKER_URL="memory://",
        VAR_DIR=str(ROOT / "var" / "bench-redirect"),
        MEDIA_ROOT=str(ROOT / "var" / "bench-redirect" / "media"),
        LOG_LEVEL="WARNING",
    )
    sys.path[:0] = [str(ROOT), str(SCRIPTS)]


def ensure_database() -> None:
    import psycopg

    name = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    configure()
    ensure_database()
    import django

    # cms (and its Celery app, which reads settings) first: bench_settings imports it too.
    import cms  # noqa: F401

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print("Tracked-link redirect vs a plain Django redirect (same run):", flush=True)
    for key, value in measure().items():
        print(f"  {key:<32} {value}")


if __name__ == "__main__":
    main()
