"""`make bench-dispatch`: how fast the dispatcher publishes, and what one tick costs.

1. Recreates its own database (BENCH_DISPATCH_DATABASE_URL, never DATABASE_URL: it is
   dropped) and migrates it; production settings throughout.
2. Starts a local webhook receiver (threaded, answers each create call in 50 ms, counts the
   calls per idempotency key) and one real ``celery -A cms worker -c 2`` (two processes).
3. 1,000 approved posts x 2 webhook accounts, all due at the same moment (inserted in bulk
   as approval leaves them); the tick runs here, every DISPATCH_TICK_SECONDS as beat runs
   it, until every delivery is published. Prints deliveries per second, the lateness after
   the due time (published_at - scheduled_for) and repeated create calls.
4. Adds 100,000 future deliveries, times the tick, and prints the claim query's plan, which
   must use the partial index ``delivery_due_idx``.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-dispatch"
DATABASE_URL = os.environ.get(
    "BENCH_DISPATCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng_bench_dispatch"
)
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6")
TICK_TARGET_MS = 50


def configure() -> None:
    """A production deployment's environment, shared with the worker."""
    from cryptography.fernet import Fernet

    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        PYTHONPATH=str(ROOT),
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        CREDENTIALS_KEYS=Fernet.generate_key().decode(),
        DATABASE_URL=DATABASE_URL,
        CELERY_BROKER_URL=BROKER_URL,
        CACHE_URL="locmem://bench-dispatch",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PUBLIC_BASE_URL="http://127.0.0.1",
        # One machine on loopback, measured with production settings (cms/settings/checks.py).
        ALLOW_SINGLE_MACHINE="1",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        VAR_DIR=str(VAR),
        MEDIA_ROOT=str(VAR / "media"),
        LOG_LEVEL="WARNING",
        # The receiver is a local http:// server: let the guarded outbound client reach it.
        OUTBOUND_ALLOW_PRIVATE_HOSTS="127.0.0.1",
        WEBHOOK_REQUIRE_HTTPS="0",
    )
    sys.path[:0] = [str(ROOT)]
    VAR.mkdir(parents=True, exist_ok=True)


def recreate_database() -> None:
    import psycopg

    name = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


class Receiver(ThreadingHTTPServer):
    """A city-app webhook on 127.0.0.1 that takes ``delay`` seconds to accept each post."""

    daemon_threads = True

    def __init__(self, delay: float):
        super().__init__(("127.0.0.1", 0), _ReceiverHandler)
        self.delay = delay
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/posts"

    def start(self) -> "Receiver":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class _ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        key = self.headers.get("Idempotency-Key", "")
        with self.server.lock:
            self.server.calls[key] += 1
        time.sleep(self.server.delay)
        self._answer(201, {"id": key, "url": f"https://app.tangerangkota.go.id/p/{key}"})

    def do_GET(self):
        key = self.path.rsplit("/", 1)[-1]
        found = key in self.server.calls
        self._answer(200 if found else 404, {"id": key} if found else {"error": "tidak ada"})

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def accounts(receiver: Receiver) -> list:
    from campaigns.models import Network, SocialAccount

    made = []
    for handle in ("@aplikasikota", "@gatewaywa"):
        account = SocialAccount(
            network=Network.WEBHOOK,
            handle=handle,
            display_name=f"Webhook {handle}",
            external_id=receiver.url,
        )
        account.set_credentials({"secret": secrets.token_hex(16)})
        account.save()
        made.append(account)
    return made


def approved(accounts: list, count: int, due, *, spread: timedelta | None = None) -> int:
    """``count`` approved posts to every account, due at ``due`` (or spread after it), in
    bulk: the rows approval leaves behind."""
    import random

    from campaigns.models import Delivery, DeliveryStatus, Post, PostStatus

    rng = random.Random(414)
    made = 0
    for start in range(0, count, 5000):
        size = min(5000, count - start)
        times = [
            due + timedelta(seconds=rng.uniform(0, spread.total_seconds())) if spread else due
            for _ in range(size)
        ]
        posts = Post.objects.bulk_create(
            Post(
                text=f"Info layanan kota nomor {start + n}: jadwal pelayanan keliling.",
                scheduled_at=when,
                status=PostStatus.APPROVED,
            )
            for n, when in enumerate(times)
        )
        made += len(
            Delivery.objects.bulk_create(
                (
                    Delivery(
                        post=post,
                        account=account,
                        status=DeliveryStatus.SCHEDULED,
                        scheduled_for=post.scheduled_at,
                        due_at=post.scheduled_at,
                    )
                    for post in posts
                    for account in accounts
                ),
                batch_size=5000,
            )
        )
    return made


def publish_all(total: int, tick_seconds: float, timeout: float) -> dict:
    """Tick as beat would until all ``total`` deliveries are published."""
    from django.utils import timezone

    from campaigns import dispatch
    from campaigns.models import Delivery, DeliveryStatus

    published = Delivery.objects.filter(status=DeliveryStatus.PUBLISHED)
    ticks = []
    deadline = time.monotonic() + timeout
    next_tick = 0.0
    while published.count() < total:
        if time.monotonic() > deadline:
            raise SystemExit(f"Only {published.count()} of {total} published in {timeout:.0f} s")
        if time.monotonic() >= next_tick:
            next_tick = time.monotonic() + tick_seconds
            ticks.append(dispatch.tick(now=timezone.now()))
        time.sleep(0.2)
    rows = list(published.values_list("scheduled_for", "published_at"))
    lateness = sorted((done - due).total_seconds() for due, done in rows)
    cuts = statistics.quantiles(lateness, n=100)
    span = (max(done for _, done in rows) - min(due for due, _ in rows)).total_seconds()
    return {
        "published": len(rows),
        "seconds": span,
        "per_second": len(rows) / span,
        "p50": cuts[49],
        "p95": cuts[94],
        "max": lateness[-1],
        "ticks": len(ticks),
        "first_tick_claimed": len(ticks[0].claimed),
        "first_tick_ms": ticks[0].duration_ms,
    }


def tick_cost(runs: int) -> dict:
    """The tick's own duration (expire, sweep, claim) and the claim query's plan."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from campaigns import dispatch

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE campaigns_delivery")
        cursor.execute("ANALYZE campaigns_post")
    dispatch.tick()  # warm: connection, statement caches
    durations, walls = [], []
    for _ in range(runs):
        started = time.perf_counter()
        durations.append(dispatch.tick().duration_ms)
        walls.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        dispatch.tick()
    claim_sql = next(q["sql"] for q in captured.captured_queries if "SKIP LOCKED" in q["sql"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + claim_sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return {
        "p50": statistics.median(durations),
        "max": max(durations),
        "wall_p50": statistics.median(walls),
        "runs": runs,
        "sql": claim_sql,
        "plan": plan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts due at once (x2 accounts)")
    parser.add_argument("--future", type=int, default=100_000, help="future deliveries")
    parser.add_argument("--delay-ms", type=int, default=50, help="the receiver's answer time")
    parser.add_argument("--tick-seconds", type=float, help="default: DISPATCH_TICK_SECONDS")
    args = parser.parse_args()

    configure()
    print(f"Recreating {DATABASE_URL} and migrating …", flush=True)
    recreate_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from tests.campaigns.worker import Broker, Worker

    call_command("migrate", verbosity=0, interactive=False)
    receiver = Receiver(args.delay_ms / 1000).start()
    targets = accounts(receiver)
    Broker(BROKER_URL).purge()
    (VAR / "worker.log").unlink(missing_ok=True)
    worker = Worker(
        database_url=DATABASE_URL,
        broker_url=BROKER_URL,
        log_path=VAR / "worker.log",
        settings_module="cms.settings.production",
        env={"LOG_LEVEL": "INFO"},
        concurrency=2,
    )
    tick_seconds = args.tick_seconds or settings.DISPATCH_TICK_SECONDS
    print("Starting the worker (celery -A cms worker -c 2) …", flush=True)
    worker.start()
    try:
        total = approved(targets, args.posts, timezone.now())
        print(
            f"Publishing {total} deliveries due now (tick every {tick_seconds:g} s) …", flush=True
        )
        run = publish_all(total, tick_seconds, timeout=max(600, total))
    finally:
        worker.stop()
        connection.close()
    calls = sum(receiver.calls.values())
    print(f"Adding {args.future:,} future deliveries …", flush=True)
    approved(
        targets,
        args.future // len(targets),
        timezone.now() + timedelta(hours=1),
        spread=timedelta(days=30),
    )
    cost = tick_cost(runs=20)
    report(args, run, calls, len(receiver.calls), cost, tick_seconds)
    receiver.shutdown()


def report(args, run: dict, calls: int, keys: int, cost: dict, tick_seconds: float) -> None:
    line = "-" * 92
    print()
    print(
        f"Benteng dispatch bench: {args.posts} posts x 2 webhook accounts due at once; receiver "
        f"answers in {args.delay_ms} ms;"
    )
    print(
        f"one celery worker, 2 prefork processes; tick every {tick_seconds:g} s (production "
        "settings, PostgreSQL, Redis)"
    )
    print(line)
    print(
        f"published                      {run['published']:>8} in {run['seconds']:.1f} s "
        f"({run['ticks']} ticks; the first claimed and enqueued {run['first_tick_claimed']} "
        f"in {run['first_tick_ms']:.0f} ms)"
    )
    print(
        f"deliveries per second          {run['per_second']:>8.1f}   (ceiling at "
        f"{args.delay_ms} ms per call, 2 processes: {2000 / args.delay_ms:.0f}/s)"
    )
    print(
        f"lateness p50 / p95 / max       {run['p50']:>8.1f} / {run['p95']:.1f} / "
        f"{run['max']:.1f} s   (published_at - scheduled_for)"
    )
    print(
        f"create calls received          {calls:>8} for {keys} deliveries ({calls - keys} repeated)"
    )
    print(line)
    print(
        f"tick with {args.future:,} future deliveries: p50 {cost['p50']:.1f} ms, max "
        f"{cost['max']:.1f} ms over {cost['runs']} ticks (wall p50 incl. heartbeat "
        f"{cost['wall_p50']:.1f} ms)"
    )
    print("claim query plan (EXPLAIN ANALYZE):")
    print("  " + cost["plan"].replace("\n", "\n  "))
    print(line)
    uses_index = "delivery_due_idx" in cost["plan"]
    checks = [
        (
            f"tick <= {TICK_TARGET_MS} ms with {args.future:,} future deliveries",
            f"{cost['p50']:.1f} ms",
            cost["p50"] <= TICK_TARGET_MS,
        ),
        ("claim query uses delivery_due_idx", "yes" if uses_index else "no", uses_index),
        ("each delivery created exactly once", f"{calls - keys} repeats", calls == keys),
    ]
    for label, value, met in checks:
        print(f"{label:<64}{value:>14}   {'met' if met else 'NOT MET'}")
    print(line)


if __name__ == "__main__":
    main()
