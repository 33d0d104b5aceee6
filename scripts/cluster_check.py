"""`make cluster-check`: a scale-out rehearsal on one machine.

nginx (Debian's package, installed if missing) balances two gunicorn nodes; two Celery
worker nodes and one beat share one PostgreSQL and one Redis; media live on an
S3-compatible server (moto, on loopback). Production settings throughout.

1. Web: ``wrk`` (bounded: 2 threads, 4 connections) reads a mix of cached and uncached
   pages through nginx while each gunicorn node is restarted in turn (SIGTERM: it finishes
   what it holds; nginx retries an idempotent request on the other node), then started
   again and waited for on ``/readyz``. Counts answers other than 2xx/3xx, and p99 latency.
2. Workers: 2,000 deliveries fall due at once (1,000 posts x 2 webhook accounts; the
   receiver takes 50 ms per post). One worker node is SIGKILLed mid-way, and a second beat
   is started by mistake. Counts deliveries published, repeated create calls at the
   receiver, and the time until every delivery is finished.

Prints each figure as met / NOT MET. Not part of `make test`; its database
(CLUSTER_DATABASE_URL) is dropped and re-made on every run.
"""

import contextlib
import logging
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
VAR = ROOT / "var" / "cluster"
DATABASE_URL = os.environ.get(
    "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng_cluster"
)
REDIS = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
# nginx on CLUSTER_PORT, the web nodes on the next two ports, S3 nine above.
NGINX_PORT = int(os.environ.get("CLUSTER_PORT", "8480"))
WEB_PORTS, S3_PORT = (NGINX_PORT + 1, NGINX_PORT + 2), NGINX_PORT + 9
BUCKET = "benteng-cluster-media"
TARGETS = {"p99_ms": 1000, "finish_seconds": 240}
LOAD_SECONDS = 40
# Not finished while in one of these (published, failed, missed, held… are final here).
UNFINISHED = ("scheduled", "claimed", "publishing", "retry_wait", "unconfirmed")
WRK_SCRIPT = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  local path = paths[(n %% #paths) + 1]
  if path == "SEARCH" then path = "/cari/?q=kota" .. (n %% 50) end
  return wrk.format("GET", path)
end
"""


def configure() -> None:
    from cryptography.fernet import Fernet

    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        PYTHONPATH=str(ROOT),
        SECRET_KEY=secrets.token_urlsafe(50),
        CREDENTIALS_KEYS=Fernet.generate_key().decode(),
        DATABASE_URL=DATABASE_URL,
        CACHE_URL=f"{REDIS}/7",
        CELERY_BROKER_URL=f"{REDIS}/8",
        TRAFFIC_REDIS_URL=f"{REDIS}/9",
        # Loopback and plain http: a rehearsal, not a server (cms/settings/checks.py).
        ALLOW_SINGLE_MACHINE="1",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{NGINX_PORT}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        TRUSTED_PROXY_HEADER="X-Forwarded-For",
        MEDIA_STORAGE="s3",
        MEDIA_S3_BUCKET=BUCKET,
        MEDIA_S3_ENDPOINT_URL=f"http://127.0.0.1:{S3_PORT}",
        MEDIA_S3_REGION="ap-southeast-3",
        MEDIA_S3_ACL="public-read",
        AWS_ACCESS_KEY_ID="cluster",
        AWS_SECRET_ACCESS_KEY=secrets.token_hex(16),  # moto accepts any
        VAR_DIR=str(VAR),
        STATIC_ROOT=str(VAR / "static"),
        LOG_LEVEL="WARNING",
        OUTBOUND_ALLOW_PRIVATE_HOSTS="127.0.0.1",
        WEBHOOK_REQUIRE_HTTPS="0",
        DISPATCH_TICK_SECONDS="2",
        # A killed worker's rows come back within these (production: 300 s each). Not
        # shorter than the queue takes to drain, or rows still queued are enqueued again.
        DISPATCH_CLAIM_TIMEOUT_SECONDS="90",
        DISPATCH_PUBLISH_TIMEOUT_SECONDS="60",
        DISPATCH_RECONCILE_AFTER_SECONDS="5",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    VAR.mkdir(parents=True, exist_ok=True)


def ensure_tools() -> None:
    missing = [tool for tool in ("nginx", "wrk") if not shutil.which(tool)]
    if missing:
        print(f"Installing {' '.join(missing)} (apt) …", flush=True)
        sudo = [shutil.which("sudo")] if shutil.which("sudo") and os.geteuid() else []
        subprocess.run([*sudo, "apt-get", "update", "-q"], check=True)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-q", *missing], check=True)


class Processes:
    """Every process this rehearsal starts, each in its own group, all stopped at the end."""

    def __init__(self):
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (VAR / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
        )
        self.running[name] = process
        return process

    def signal(self, name: str, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.running[name].pid, sig)

    def stop(self, name: str, timeout: float = 30) -> None:
        """SIGTERM to the process itself (gunicorn's master then stops its workers once
        they have answered), SIGKILL to the whole group if it takes too long."""
        process = self.running.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.stop(name)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=2) as answer,  # noqa: S310 - loopback
        ):
            if answer.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer 200 within {timeout:.0f} s")


def gunicorn(processes: Processes, port: int) -> None:
    python = str(Path(sys.executable).parent / "gunicorn")
    processes.start(
        f"web-{port}",
        [python, "cms.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2",
         # The app is loaded before the port is bound: no request waits for a booting node.
         "--preload", "--graceful-timeout", "20", "--access-logfile", "-",
         "--control-socket", str(VAR / f"web-{port}.ctl")],
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{port}/readyz")


def nginx(processes: Processes) -> None:
    upstreams = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in WEB_PORTS
    )
    (VAR / "nginx.conf").write_text(
        NGINX_CONF.format(var=VAR, port=NGINX_PORT, upstreams=upstreams)
    )
    processes.start("nginx", ["nginx", "-p", str(VAR), "-c", str(VAR / "nginx.conf")])
    wait_for(f"http://127.0.0.1:{NGINX_PORT}/readyz")


NGINX_CONF = """
daemon off;
worker_processes 1;
pid {var}/nginx.pid;
error_log {var}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  upstream benteng {{
{upstreams}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://benteng;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A node restarting refuses or drops connections: try the other one (GETs only).
      proxy_next_upstream error timeout http_502 http_503 http_504;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
    }}
  }}
}}
"""


def web_phase(processes: Processes, paths: list[str]) -> dict:
    """wrk through nginx while each node restarts in turn; wrk's own report is parsed."""
    for path in paths:  # a live site is warm: renditions made, pages in the cache
        if path != "SEARCH":
            wait_for(f"http://127.0.0.1:{NGINX_PORT}{path}")
    script = VAR / "mix.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    wrk = subprocess.Popen(
        ["wrk", "-t2", "-c4", f"-d{LOAD_SECONDS}s", "--timeout", "10s", "--latency",
         "-s", str(script), f"http://127.0.0.1:{NGINX_PORT}"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(8)
    for port in WEB_PORTS:
        print(f"  restarting web node :{port} (SIGTERM, then start, wait for /readyz) …")
        processes.stop(f"web-{port}")
        gunicorn(processes, port)
        time.sleep(5)
    output = wrk.communicate()[0]
    (VAR / "wrk.txt").write_text(output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return {
        "requests": requests,
        "bad": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
        "p99_ms": float(p99.group(1)) * scale,
    }


def reader_paths() -> list[str]:
    from publications.models import ArticlePage

    articles = [page.url for page in ArticlePage.objects.live().order_by("-pk")[:6]]
    # Cached pages (home, articles, feed) and an uncached search with varying terms.
    return ["/", *articles, "/rss/", "SEARCH", "/", *articles[:2]]


def worker_phase(processes: Processes) -> dict:
    from bench_dispatch import Receiver, accounts, approved
    from django.utils import timezone

    from campaigns.models import Delivery, DeliveryStatus

    receiver = Receiver(0.05).start()
    targets = accounts(receiver)
    celery = [sys.executable, "-m", "celery", "-A", "cms"]
    for node in ("w1", "w2"):
        worker = ["worker", "-Q", "celery,publish", "-c", "4", "-n", f"{node}@%h"]
        processes.start(node, [*celery, *worker, "--without-gossip", "--without-mingle"])
    beat = [*celery, "beat", "-s", str(VAR / "beat-schedule")]
    processes.start("beat", beat)
    total = approved(targets, 1000, timezone.now())
    started = time.monotonic()
    print(f"  {total} deliveries due now; SIGKILL worker w1 once 300 are published …")
    published = Delivery.objects.filter(status=DeliveryStatus.PUBLISHED)
    while published.count() < 300 and time.monotonic() - started < 120:
        time.sleep(0.5)
    processes.signal("w1", signal.SIGKILL)
    print("  a second beat started by mistake …")
    processes.start("beat-2", [*celery, "beat", "-s", str(VAR / "beat-schedule-2")])
    unfinished = Delivery.objects.filter(status__in=UNFINISHED)
    finished = None
    while time.monotonic() - started < 600:
        if not unfinished.exists():
            finished = time.monotonic() - started
            break
        time.sleep(1)
    calls = sum(receiver.calls.values())
    receiver.shutdown()
    return {
        "total": total,
        "published": published.count(),
        "repeated": calls - len(receiver.calls),
        "finish_seconds": finished,
    }


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def prepare():
    from django.core.management import call_command
    from moto.server import ThreadedMotoServer

    print(f"Recreating {DATABASE_URL}, S3 on :{S3_PORT}, migrating and seeding …", flush=True)
    recreate_database()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's request log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=S3_PORT, verbose=False)
    server.start()
    import boto3

    boto3.client(
        "s3", endpoint_url=os.environ["MEDIA_S3_ENDPOINT_URL"], region_name="ap-southeast-3"
    ).create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"}
    )
    import redis

    for number in (7, 8, 9):
        redis.Redis.from_url(f"{REDIS}/{number}").flushdb()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # as a build step does
    call_command("seed_demo", allow_production=True, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return server


def report(web: dict, work: dict) -> None:
    line = "-" * 88
    print(line)
    rows = [
        ("requests served during the rolling restart", f"{web['requests']:,}", web["requests"] > 0),
        ("non-2xx/3xx answers and socket errors (target 0)",
         f"{web['bad']} / {web['socket_errors']}", web["bad"] == 0 and web["socket_errors"] == 0),
        (f"p99 latency (target <= {TARGETS['p99_ms']} ms)", f"{web['p99_ms']:.0f} ms",
         web["p99_ms"] <= TARGETS["p99_ms"]),
        ("deliveries published", f"{work['published']} of {work['total']}",
         work["published"] == work["total"]),
        ("repeated create calls (target 0)", str(work["repeated"]), work["repeated"] == 0),
        (f"time until every delivery is finished (target <= {TARGETS['finish_seconds']} s)",
         "never" if work["finish_seconds"] is None else f"{work['finish_seconds']:.0f} s",
         work["finish_seconds"] is not None
         and work["finish_seconds"] <= TARGETS["finish_seconds"]),
    ]  # fmt: skip
    for label, value, met in rows:
        print(f"{label:<66}{value:>12}   {'met' if met else 'NOT MET'}")
    print(line)


def main() -> None:
    configure()
    ensure_tools()
    import django

    django.setup()
    from django.db import connection

    server = prepare()
    processes = Processes()
    try:
        for port in WEB_PORTS:
            gunicorn(processes, port)
        nginx(processes)
        connection.close()
        print(f"Web: wrk for {LOAD_SECONDS} s through nginx, restarting each node in turn …")
        web = web_phase(processes, reader_paths())
        print("Workers: two nodes and one beat …")
        work = worker_phase(processes)
    finally:
        processes.stop_all()
        server.stop()
    report(web, work)


if __name__ == "__main__":
    main()
