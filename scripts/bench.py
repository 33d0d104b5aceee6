"""`make bench`: seed many articles, then measure SQL queries and requests per second.

1. Recreates the bench database (BENCH_DATABASE_URL, never DATABASE_URL: it is dropped),
   migrates it and seeds BENCH_ARTICLES articles in bulk; checks the page tree.
2. Counts SQL queries per page-cache miss with the Django test client.
3. Runs gunicorn (2 workers, production settings) three times — with the Redis page
   cache, with the page cache off (PAGE_CACHE_SECONDS=0) and with no cache at all
   (CACHE_URL=dummy://) — and measures each page with wrk on 127.0.0.1, taking turns
   with a trivial Django view returning as many bytes; then search latency over ~200
   reader queries with the page cache off.
4. Prints a table with the targets.
"""

import argparse
import html
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench_report import report

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
VENV_BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/benteng_bench"
)
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/4")
PAGES = ("home", "publication", "edition", "article", "topic", "search", "api")
ROUNDS = 3
# (column, what the server does, its environment)
RUNS = [
    ("cached r/s", "the page cache in Redis (as in production)", {"CACHE_URL": CACHE_URL}),
    (
        "uncached r/s",
        "page cache off (PAGE_CACHE_SECONDS=0): every page rendered; Wagtail's caches in Redis",
        {"CACHE_URL": CACHE_URL, "PAGE_CACHE_SECONDS": "0"},
    ),
    ("no-cache r/s", "no cache at all (CACHE_URL=dummy://)", {"CACHE_URL": "dummy://"}),
]
RANDOM_PAGE_COST = 1.1
# A common word (in nearly every article) and a rare one, each timed on its own.
SEARCH_WORDS = ("kota", "gerbang")
WORD_RUNS = 5
# A drained server answers the smallest trivial view on a fresh connection within this.
DRAINED_S = 0.05


def configure() -> None:
    """The environment of a production deployment on this machine, shared with gunicorn."""
    from cryptography.fernet import Fernet

    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        CREDENTIALS_KEYS=Fernet.generate_key().decode(),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SCRIPTS)]),
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_BASE_URL="http://127.0.0.1",
        # One machine on loopback, measured with production settings (cms/settings/checks.py).
        ALLOW_SINGLE_MACHINE="1",
        DATABASE_URL=DATABASE_URL,
        CACHE_URL=CACHE_URL,
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        VAR_DIR=str(ROOT / "var" / "bench"),
        LOG_LEVEL="WARNING",
    )
    sys.path[:0] = [str(ROOT), str(SCRIPTS)]


def recreate_database() -> None:
    import psycopg

    name = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
        # SSD storage, as any server today: PostgreSQL's default (4) is for spinning disks
        # and makes it scan the whole search index rather than use its GIN index.
        connection.execute(f'ALTER DATABASE "{name}" SET random_page_cost = {RANDOM_PAGE_COST}')


def prepare(articles: int, reuse: bool) -> dict:
    """Database, static files and content; returns what was done and how long it took."""
    import django
    from django.core.cache import cache
    from django.core.management import call_command

    facts = {}
    seeded = False
    if reuse:
        django.setup()
        from django.db import DatabaseError

        from publications.models import ArticlePage

        try:
            seeded = ArticlePage.objects.count() >= articles
        except DatabaseError:  # no database or no tables yet: seed afresh
            seeded = False
    if not seeded:
        recreate_database()
        django.setup()
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        phases = {"migrations": time.perf_counter() - started}
        from bench_seed import seed, vacuum_analyze

        seeded_facts = seed(articles)
        phases.update(seeded_facts.pop("phases"))
        facts.update(seeded_facts)
        started = time.perf_counter()
        vacuum_analyze()
        phases["VACUUM ANALYZE"] = time.perf_counter() - started
        facts["seed_phases"] = phases
        facts["seed_s"] = sum(phases.values())
    from bench_seed import tree_problems

    from publications.models import ArticlePage

    facts.setdefault("articles", ArticlePage.objects.live().count())
    started = time.perf_counter()
    facts["tree_problems"] = tree_problems()
    facts["tree_check_s"] = time.perf_counter() - started
    call_command("collectstatic", verbosity=0, interactive=False)
    cache.clear()  # the bench's own Redis database
    return facts


def bench_urls() -> dict[str, str]:
    from publications.models import ArticlePage, NewspaperEditionPage

    edition = NewspaperEditionPage.objects.live().order_by("-date").first()
    article = ArticlePage.objects.child_of(edition).live().order_by("path").first()
    return {
        "home": "/",
        "publication": edition.get_parent().url,
        "edition": edition.url,
        "article": article.url,
        "topic": "/program/usir-banjir/",
        "search": "/cari/?q=banjir",
        "api": "/api/v2/pages/?type=publications.ArticlePage&fields=*",
    }


def count_queries(urls: dict[str, str]) -> dict[str, int]:
    """SQL queries of one request the page cache cannot answer (other caches warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.pagecache import purge_all

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        client.get(url)  # first view: renditions are made once, as in production
        purge_all()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200 or response["X-Page-Cache"] != "miss":
            raise SystemExit(f"{url}: {response.status_code} {response.get('X-Page-Cache')}")
        counts[name] = len(captured.captured_queries)
    return counts


class Gunicorn:
    """Two sync workers on a free port of 127.0.0.1, as long as the ``with`` block lasts."""

    def __init__(self, **env: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.env = {**os.environ, **env}
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        command = [
            str(VENV_BIN / "gunicorn"),
            "cms.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{self.port}",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(command, env=self.env, cwd=ROOT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                fetch(self.base + "/robots.txt")
                return self
            except OSError:
                time.sleep(0.3)
        self.process.terminate()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        return response.read()


def drain(server: "Gunicorn", deadline_s: float = 60.0) -> None:
    """Wait until the server answers a fresh connection at once, twice in a row.

    wrk stops after its time is up, but the requests it left queued (16 connections'
    worth of a slow page) are still served by the sync workers afterwards: a run started
    then measures the queue, not the page (an empty trivial run stopped the bench twice).
    """
    quick = 0
    deadline = time.monotonic() + deadline_s
    while quick < 2 and time.monotonic() < deadline:
        started = time.perf_counter()
        fetch(f"{server.base}/bench/trivial/1/")
        quick = quick + 1 if time.perf_counter() - started < DRAINED_S else 0
        if quick < 2:
            time.sleep(0.05)


def wrk(url: str, seconds: int) -> float:
    """Requests per second over ``seconds`` (2 threads, 16 connections); errors abort.
    0.0 when wrk completed no request at all (a failed measurement, not a page's speed)."""
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout=30s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk reported errors for {url}:\n{output}")
    served = re.search(r"(\d+) requests in", output)
    if served is None or int(served.group(1)) == 0:
        return 0.0
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measured(server: "Gunicorn", url: str, seconds: int) -> float:
    """wrk on a drained server; an empty run is tried once more after draining again."""
    for _attempt in range(2):
        drain(server)
        rate = wrk(url, seconds)
        if rate > 0:
            return rate
    return 0.0


def throughput(server: Gunicorn, urls: dict[str, str], seconds: int) -> dict[str, tuple]:
    """(page r/s, trivial r/s, bytes) per page.

    The machine may be shared: the page and its trivial view take turns, in three rounds
    (page first, then trivial first, then page first), so drifting load hits both alike.
    Each run starts on a drained server (``drain``); a page whose runs came back empty
    gets ``None`` for that figure, reported as a failed measurement.
    """
    results = {}
    for name, url in urls.items():
        drain(server)
        size = len(fetch(server.base + url))  # also warms the page cache
        fetch(server.base + url)
        order = [("page", server.base + url), ("trivial", f"{server.base}/bench/trivial/{size}/")]
        rates = {"page": [], "trivial": []}
        for turn in range(ROUNDS):
            for kind, target in order if turn % 2 == 0 else order[::-1]:
                rates[kind].append(measured(server, target, seconds))
        page, trivial = (
            None if 0.0 in rates[kind] else sum(rates[kind]) / ROUNDS
            for kind in ("page", "trivial")
        )
        results[name] = (page, trivial, size)
    return results


def search_queries(count: int = 200) -> list[tuple[str, bool]]:
    """Reader queries as (first page's URL, whether to time its second page instead): a
    third of them ask for the second page, where the first page's pager offers one."""
    from bench_text import reader_queries

    return [
        (f"/cari/?q={urllib.parse.quote(query)}", n % 3 == 2)
        for n, query in enumerate(reader_queries(count))
    ]


NEXT_LINK = re.compile(r'<a rel="next" href="\?([^"]+)"')


def second_page(server: "Gunicorn", url: str) -> str | None:
    """The URL of the second page of results, as the first page's pager links to it
    (``None`` when there is only one page)."""
    link = NEXT_LINK.search(fetch(server.base + url).decode())
    return f"{url.split('?')[0]}?{html.unescape(link.group(1))}" if link else None


def timed(server: "Gunicorn", url: str) -> float:
    """Milliseconds to answer ``url`` (every page measured exists: an error aborts)."""
    started = time.perf_counter()
    fetch(server.base + url)
    return (time.perf_counter() - started) * 1000


def measured_urls(server: "Gunicorn") -> list[str]:
    """The search URLs to time: each query's first page, or its second where one is asked
    for and exists (the first page is fetched beforehand to find the link, untimed)."""
    urls = []
    for url, wants_second in search_queries():
        following = second_page(server, url) if wants_second else None
        urls.append(following or url)
    return urls


def search_latency(server: Gunicorn) -> dict:
    """p50 and p95 over the reader queries, then the slowest of a few runs of a common
    word and of a rare one (each must be within target on its own)."""
    urls = measured_urls(server)
    drain(server)
    timings = [timed(server, url) for url in urls]
    cuts = statistics.quantiles(timings, n=100)
    words = {
        word: max(timed(server, f"/cari/?q={word}") for _ in range(WORD_RUNS))
        for word in SEARCH_WORDS
    }
    second_pages = sum("page=" in url for url in urls)
    slowest = sorted(zip(timings, urls, strict=True), reverse=True)[:5]
    return {
        "p50": cuts[49],
        "p95": cuts[94],
        "words": words,
        "second_pages": second_pages,
        "slowest": slowest,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 20_000))
    )
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 2)))
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    parser.add_argument(
        "--pages",
        default=",".join(PAGES),
        help=f"comma-separated pages to measure (default: all of {', '.join(PAGES)})",
    )
    args = parser.parse_args()

    configure()
    print(f"Seeding {args.articles} articles into {DATABASE_URL} …", flush=True)
    facts = prepare(args.articles, args.reuse)
    if "seed_s" in facts:
        phases = ", ".join(f"{name} {sec:.0f} s" for name, sec in facts["seed_phases"].items())
        print(f"Seeded in {facts['seed_s']:.1f} s ({phases}).", flush=True)
    problems = "; ".join(facts["tree_problems"]) or "no problems"
    print(f"Page tree checked in {facts['tree_check_s']:.1f} s: {problems}.", flush=True)
    wanted = args.pages.split(",")
    if unknown := set(wanted) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    urls = {name: url for name, url in bench_urls().items() if name in wanted}
    counts = count_queries(urls)
    runs = {}
    latency = None
    for label, meaning, env in RUNS:
        print(f"Measuring {label.split()[0]}: {meaning} …", flush=True)
        with Gunicorn(**env) as server:
            runs[label] = throughput(server, urls, args.seconds)
            uncached = env.get("PAGE_CACHE_SECONDS") == "0" and env["CACHE_URL"] != "dummy://"
            if uncached and "search" in urls:
                latency = search_latency(server)
    report(facts, counts, runs, latency, args.seconds, RUNS, ROUNDS, RANDOM_PAGE_COST)


if __name__ == "__main__":
    main()
