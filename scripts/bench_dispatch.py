"""`make bench-dispatch`: how fast the dispatcher publishes, and what one tick costs.

1. Recreates its own database (BENCH_DISPATCH_DATABASE_URL, never DATABASE_URL: it is
   dropped) and migrates it; production settings throughout.
2. Starts a local webhook receiver in a process of its own (threaded, answers each create
   call in 50 ms, counts the calls per idempotency key), and one real worker node as
   production runs the publish queue: ``celery -A cms worker -P threads -c 50``.
3. 5,000 approved posts x 2 webhook accounts, inserted in bulk as approval leaves them, then
   all made due at the same moment, once the last row is in; the tick runs here, every
   DISPATCH_TICK_SECONDS as beat runs it, until every delivery is published. Prints
   deliveries per second against the ceiling the pool sets (concurrency / 0.05 s: each
   delivery is one create call), the lateness after the due time (published_at -
   scheduled_for), repeated create calls, and the CPU per delivery of the worker, the tick
   and the services sharing the machine's cores (the receiver, the bench database's
   PostgreSQL backends, a local Redis: scripts/bench_cpu.py).
4. Adds 100,000 future deliveries, times the tick, and prints the claim query's plan, which
   must use the partial index ``delivery_due_idx``.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench_cpu import ServicesCpu, cpu_seconds
from bench_receiver import ReceiverProcess

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-dispatch"
DATABASE_URL = os.environ.get(
    "BENCH_DISPATCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng_bench_dispatch"
)
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6")
TICK_TARGET_MS = 50
RATE_TARGET = 250  # deliveries per second
CEILING_SHARE = 0.8  # of the pool's ceiling
LATENESS_P95_TARGET = 60.0  # seconds


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


def accounts(receiver: ReceiverProcess) -> list:
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


def warm_up(receiver: ReceiverProcess, accounts: list, threads: int, tick: float) -> Counter:
    """A running node's state: each thread has published before (its database connection
    and its HTTP connection are open). Publishes a few deliveries per thread, then removes
    them; returns the receiver's counts so far, which the report leaves out."""
    from campaigns.models import Delivery, Post

    posts = max(1, threads * 2 // len(accounts))
    total = approved(accounts, posts, all_due_now())
    print(f"Warming up: {total} deliveries …", flush=True)
    publish_all(total, tick, timeout=120)
    Post.objects.all().delete()  # their deliveries and attempts go with them
    if Delivery.objects.exists():
        raise SystemExit("The warm-up's deliveries outlived their posts.")
    return receiver.calls()


def all_due_now():
    """Every delivery (and its post) due at this moment, when the last row is in: inserting
    10,000 rows takes seconds, and no dispatcher could publish a row before it exists."""
    from django.utils import timezone

    from campaigns.models import Delivery, Post

    now = timezone.now()
    Post.objects.update(scheduled_at=now)
    Delivery.objects.update(scheduled_for=now, due_at=now)
    return now


def publish_all(total: int, tick_seconds: float, timeout: float, services=None) -> dict:
    """Tick as beat would until all ``total`` deliveries are published."""
    from django.utils import timezone

    from campaigns import clock
    from campaigns.models import Delivery, DeliveryStatus

    published = Delivery.objects.filter(status=DeliveryStatus.PUBLISHED)
    ticks = []
    deadline = time.monotonic() + timeout
    next_tick = next_sample = 0.0
    while published.count() < total:
        if time.monotonic() > deadline:
            raise SystemExit(f"Only {published.count()} of {total} published in {timeout:.0f} s")
        if time.monotonic() >= next_tick:
            next_tick = time.monotonic() + tick_seconds
            ticks.append(clock.tick(now=timezone.now()))
        time.sleep(0.2)
        if services is not None and time.monotonic() >= next_sample:
            next_sample = time.monotonic() + 1
            services.sample()
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

    from campaigns import clock

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE campaigns_delivery")
        cursor.execute("ANALYZE campaigns_post")
    clock.tick()  # warm: connection, statement caches
    durations, walls = [], []
    for _ in range(runs):
        started = time.perf_counter()
        durations.append(clock.tick().duration_ms)
        walls.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        clock.tick()
    claim_sql = next(
        q["sql"]
        for q in captured.captured_queries
        if "SKIP LOCKED" in q["sql"] and '"due_at" <=' in q["sql"]
    )
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
    parser.add_argument("--posts", type=int, default=5000, help="posts due at once (x2 accounts)")
    parser.add_argument("--future", type=int, default=100_000, help="future deliveries")
    parser.add_argument("--delay-ms", type=int, default=50, help="the receiver's answer time")
    parser.add_argument("--tick-seconds", type=float, help="default: DISPATCH_TICK_SECONDS")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=int(os.environ.get("PUBLISH_CONCURRENCY", 50)),
        help="the publish worker's threads (default: PUBLISH_CONCURRENCY or 50)",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="worker processes on the node, each -P threads -c CONCURRENCY (one per core)",
    )
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
    receiver = ReceiverProcess(args.delay_ms / 1000)
    targets = accounts(receiver)
    Broker(BROKER_URL).purge()
    workers = [
        Worker(
            database_url=DATABASE_URL,
            broker_url=BROKER_URL,
            log_path=VAR / f"worker{n}.log",
            settings_module="cms.settings.production",
            env={"LOG_LEVEL": "WARNING"},
            concurrency=args.concurrency,
            pool="threads",
            name=f"publish{n}",
        )
        for n in range(args.processes)
    ]
    tick_seconds = args.tick_seconds or settings.DISPATCH_TICK_SECONDS
    print(f"Starting {describe(args)} …", flush=True)
    for worker in workers:
        (worker.log_path).unlink(missing_ok=True)
        worker.start()
    try:
        warm_calls = warm_up(receiver, targets, args.processes * args.concurrency, tick_seconds)
        inserting = time.monotonic()
        total = approved(targets, args.posts, timezone.now())
        all_due_now()
        print(
            f"Publishing {total} deliveries due now (inserted in "
            f"{time.monotonic() - inserting:.1f} s; tick every {tick_seconds:g} s) …",
            flush=True,
        )
        worker_cpu = sum(cpu_seconds(w.process.pid) for w in workers)
        tick_cpu = time.process_time()
        services = ServicesCpu(receiver.process.pid, BROKER_URL)
        run = publish_all(total, tick_seconds, timeout=max(600, total / 10), services=services)
        run["tick_cpu_ms"] = (time.process_time() - tick_cpu) * 1000 / total
        run["worker_cpu_ms"] = (
            (sum(cpu_seconds(w.process.pid) for w in workers) - worker_cpu) * 1000 / total
        )
        run["services_cpu_ms"] = {name: ms / total for name, ms in services.spent().items()}
        load = os.getloadavg()
    finally:
        for worker in workers:
            worker.stop()
        connection.close()
    calls = receiver.calls() - warm_calls
    receiver.stop()
    print(f"Adding {args.future:,} future deliveries …", flush=True)
    approved(
        targets,
        args.future // len(targets),
        timezone.now() + timedelta(hours=1),
        spread=timedelta(days=30),
    )
    cost = tick_cost(runs=20)
    report(args, run, sum(calls.values()), len(calls), cost, tick_seconds, load)


def report(args, run, calls: int, keys: int, cost: dict, tick_seconds: float, load) -> None:
    line = "-" * 92
    threads = args.processes * args.concurrency
    ceiling = threads / (args.delay_ms / 1000)  # each delivery: one create call
    print()
    print(
        f"Benteng dispatch bench: {args.posts} posts x 2 webhook accounts due at once; receiver "
        f"answers in {args.delay_ms} ms (its own process);"
    )
    print(
        f"one worker node, {describe(args)}; tick every "
        f"{tick_seconds:g} s (production settings, PostgreSQL, Redis); {os.cpu_count()} cores"
    )
    print(
        f"load average while publishing: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"(uptime: {uptime()})"
    )
    print(line)
    print(
        f"published                      {run['published']:>8} in {run['seconds']:.1f} s "
        f"({run['ticks']} ticks; the first claimed and enqueued {run['first_tick_claimed']} "
        f"in {run['first_tick_ms']:.0f} ms)"
    )
    print(
        f"deliveries per second          {run['per_second']:>8.1f}   (ceiling = threads / "
        f"{args.delay_ms / 1000:g} s per delivery = {threads} / "
        f"{args.delay_ms / 1000:g} = {ceiling:.0f}/s)"
    )
    print(
        f"CPU per delivery               {run['worker_cpu_ms']:>8.2f} ms in the worker, "
        f"{run['tick_cpu_ms']:.2f} ms in the tick (incl. enqueueing) and this script"
    )
    services = run["services_cpu_ms"]
    machine = run["worker_cpu_ms"] + run["tick_cpu_ms"] + sum(services.values())
    print(
        f"  with the services            {machine:>8.2f} ms in all ("
        + ", ".join(f"{name} {ms:.2f}" for name, ms in services.items())
        + f" ms): {os.cpu_count()} cores, at most {os.cpu_count() * 1000 / machine:.0f}/s"
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
    share = run["per_second"] / ceiling
    total = run["published"]
    checks = [
        (f"{total:,} deliveries due at once, all published", f"{total:,}", total >= 2 * args.posts),
        (
            f"published >= {RATE_TARGET} deliveries/s",
            f"{run['per_second']:.1f}/s",
            run["per_second"] >= RATE_TARGET,
        ),
        (
            f">= {CEILING_SHARE:.0%} of the pool's ceiling ({ceiling:.0f}/s)",
            f"{share:.0%}",
            share >= CEILING_SHARE,
        ),
        (
            f"lateness p95 < {LATENESS_P95_TARGET:g} s",
            f"{run['p95']:.1f} s",
            run["p95"] < LATENESS_P95_TARGET,
        ),
        ("0 repeated create calls", f"{calls - keys} repeats", calls == keys),
        (
            f"tick <= {TICK_TARGET_MS} ms with {args.future:,} future deliveries",
            f"{cost['p50']:.1f} ms",
            cost["p50"] <= TICK_TARGET_MS,
        ),
        ("claim query uses delivery_due_idx", "yes" if uses_index else "no", uses_index),
    ]
    for label, value, met in checks:
        print(f"{label:<64}{value:>14}   {'met' if met else 'NOT MET'}")
    print(line)


def describe(args) -> str:
    each = f"celery -A cms worker -Q publish -P threads -c {args.concurrency}"
    return each if args.processes == 1 else f"{args.processes} x {each}"


def uptime() -> str:
    with open("/proc/loadavg") as loadavg:
        return "load average " + ", ".join(loadavg.read().split()[:3])


if __name__ == "__main__":
    main()
