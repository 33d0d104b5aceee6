"""`make bench-metrics`: how long the dashboards take on a year of metrics.

1. Recreates its own database (BENCH_METRICS_DATABASE_URL, never DATABASE_URL: it is
   dropped) and migrates it; production settings.
2. Seeds, in SQL (generate_series, one statement per table): one year of daily samples for
   50 accounts x 20 metric series (17 metrics, six of them from two sources); 10 campaigns of
   50 posts to 2 accounts with 30 days of post metrics; 10 peers; 1,000,000 page-view and
   link-click TrafficEvent rows and their daily MetricSample rows; 5,000 clippings;
   collector runs with failures. The daily rollups (``DailyRollup``) are then backfilled
   from the samples, as migration 0017 does.
3. Renders the office dashboard and one campaign dashboard through the Django test client
   (logged in as an analyst-equivalent superuser), warm, median of several runs, for the
   default 30 days and for a whole year; prints the times and the query counts.
   Then the campaign report and its XLSX export (target < 1 s each).
4. Calls ``scripts/bench_redirect.py``'s ``measure()`` when that file exists (tracked-link
   redirect vs a plain Django redirect), else says it is missing.
"""

import argparse
import datetime
import importlib.util
import os
import secrets
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
DATABASE_URL = os.environ.get(
    "BENCH_METRICS_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/benteng_bench_metrics",
)
TARGET_MS = 300
REPORT_TARGET_MS = 1000
ACCOUNTS, DAYS, EVENTS = 50, 365, 1_000_000
# 20 series per account: (metric, source); followers etc. come from two sources.
SERIES = [
    ("followers", "graph"),
    ("followers", "instaloader"),
    ("following", "instaloader"),
    ("media_count", "graph"),
    ("media_count", "instaloader"),
    ("members", "telegram"),
    ("reach", "graph"),
    ("views", "graph"),
    ("likes", "graph"),
    ("likes", "instaloader"),
    ("comments", "graph"),
    ("comments", "instaloader"),
    ("shares", "graph"),
    ("saves", "graph"),
    ("replies", "x"),
    ("total_interactions", "graph"),
    ("video_views", "graph"),
    ("video_views", "instaloader"),
    ("profile_links_taps", "graph"),
    ("following", "graph"),
]
NETWORKS = ("instagram", "facebook", "x", "telegram")


def configure() -> None:
    from cryptography.fernet import Fernet

    os.environ.update(
        CREDENTIALS_KEYS=Fernet.generate_key().decode(),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        PYTHONPATH=str(ROOT),
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        PUBLIC_BASE_URL="http://127.0.0.1",
        # One machine on loopback, measured with production settings (cms/settings/checks.py).
        ALLOW_SINGLE_MACHINE="1",
        DATABASE_URL=DATABASE_URL,
        CACHE_URL="locmem://bench-metrics",
        CELERY_BROKER_URL="memory://",
        VAR_DIR=str(ROOT / "var" / "bench-metrics"),
        MEDIA_ROOT=str(ROOT / "var" / "bench-metrics" / "media"),
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


def sql(statement: str, params=None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def seed(today: datetime.date) -> dict:
    """Everything in bulk; returns the ids the timing needs."""
    from wagtail.models import Page

    from campaigns.models import Campaign, SocialAccount
    from home.models import HomePage

    first = today - datetime.timedelta(days=DAYS - 1)
    SocialAccount.objects.bulk_create(
        SocialAccount(
            network=NETWORKS[n % 4], handle=f"@akun{n}", display_name=f"Akun {n}", external_id=n
        )
        for n in range(ACCOUNTS)
    )
    values = ", ".join(f"('{metric}', '{source}')" for metric, source in SERIES)
    started = time.perf_counter()
    sql(
        "INSERT INTO campaigns_metricsample (subject_kind, subject_id, metric, day, source, "  # noqa: S608 - constant values
        "value, status, account_id, network, collected_at) "
        "SELECT 'account', a.id, s.metric, d::date, s.source, "
        "(1000 + a.id * 37 + (d::date - %s) * 3 + (hashtext(s.metric) %% 97))::bigint, 'ok', "
        "a.id, a.network, now() FROM campaigns_socialaccount a "
        f"CROSS JOIN (VALUES {values}) AS s(metric, source) "
        "CROSS JOIN generate_series(%s::date, %s::date, '1 day') d",
        [first, first, today],
    )
    account_rows = ACCOUNTS * len(SERIES) * DAYS
    print(f"  {account_rows:,} account samples in {time.perf_counter() - started:.1f} s")

    home = HomePage.objects.get(depth=2)
    for n in range(100):
        home.add_child(instance=Page(title=f"Artikel uji {n}", slug=f"artikel-uji-{n}"))
    pages = list(Page.objects.filter(depth=3, slug__startswith="artikel-uji").values_list("pk"))
    page_ids = [pk for (pk,) in pages]
    campaigns = Campaign.objects.bulk_create(
        Campaign(
            name=f"Kampanye {n}",
            objective="Warga tahu programnya.",
            starts_on=today - datetime.timedelta(days=30 * (n + 1)),
            ends_on=today + datetime.timedelta(days=10),
        )
        for n in range(10)
    )
    sql(
        "INSERT INTO campaigns_post (campaign_id, text, link_page_id, link_url, send_now, "
        "status, created_at, updated_at) SELECT c.id, 'Info kota ' || n, "
        "(%s::int[])[1 + (n %% 100)], '', false, 'approved', now(), now() "
        "FROM campaigns_campaign c CROSS JOIN generate_series(1, 50) n",
        [page_ids],
    )
    sql(
        "INSERT INTO campaigns_delivery (post_id, account_id, text_override, status, "
        "attempt_count, idempotency_key, remote_state, needs_reconcile, remote_id, permalink, "
        "published_at, status_reason, updated_at, scheduled_for, due_at) "
        "SELECT p.id, a.id, '', 'published', 1, gen_random_uuid(), '{}', false, p.id::text, "
        "'https://example.org/p/' || p.id, c.starts_on + (p.id %% 30) * interval '1 day', '', "
        "now(), c.starts_on, c.starts_on FROM campaigns_post p "
        "JOIN campaigns_campaign c ON c.id = p.campaign_id "
        "JOIN campaigns_socialaccount a ON a.id IN ((p.id %% 50) + %s, ((p.id + 7) %% 50) + %s)",
        [SocialAccount.objects.order_by("pk").first().pk] * 2,
    )
    sql(
        "INSERT INTO campaigns_metricsample (subject_kind, subject_id, metric, day, source, "
        "value, status, account_id, campaign_id, network, collected_at) "
        "SELECT 'delivery', d.id, m, day::date, 'graph', "
        "(100 + (day::date - d.published_at::date) * 40 + d.id %% 50)::bigint, 'ok', "
        "d.account_id, p.campaign_id, a.network, now() FROM campaigns_delivery d "
        "JOIN campaigns_post p ON p.id = d.post_id "
        "JOIN campaigns_socialaccount a ON a.id = d.account_id "
        "CROSS JOIN unnest(ARRAY['reach','views','likes','comments','shares','saves']) m "
        "CROSS JOIN generate_series(d.published_at::date, d.published_at::date + 29, "
        "'1 day') day"
    )
    sql(
        "INSERT INTO campaigns_trackedlink (code, target_url, campaign_id, network, created_at, "
        "delivery_id) SELECT 'b' || d.id, 'https://kota.example/' || d.id, p.campaign_id, "
        "a.network, now(), d.id FROM campaigns_delivery d "
        "JOIN campaigns_post p ON p.id = d.post_id "
        "JOIN campaigns_socialaccount a ON a.id = d.account_id"
    )
    started = time.perf_counter()
    views = EVENTS * 6 // 10
    sql(
        "INSERT INTO campaigns_trafficevent (kind, occurred_at, page_id) "
        "SELECT 'view', now() - (random() * 365) * interval '1 day', "
        "(%s::int[])[1 + (n %% 100)] FROM generate_series(1, %s) n",
        [page_ids, views],
    )
    sql(
        "INSERT INTO campaigns_trafficevent (kind, occurred_at, link_id) "
        "SELECT 'click', now() - (random() * 365) * interval '1 day', l.id "
        "FROM generate_series(1, %s) n JOIN campaigns_trackedlink l "
        "ON l.id = (SELECT min(id) FROM campaigns_trackedlink) + (n %% 1000)",
        [EVENTS - views],
    )
    print(f"  {EVENTS:,} traffic events in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    sql(
        "INSERT INTO campaigns_metricsample (subject_kind, subject_id, metric, day, source, "
        "value, status, collected_at, network) SELECT 'page', page_id, 'page_views', "
        "(occurred_at AT TIME ZONE 'Asia/Jakarta')::date, 'site', COUNT(*), 'ok', now(), '' "
        "FROM campaigns_trafficevent WHERE kind = 'view' GROUP BY 2, 4"
    )
    sql(
        "INSERT INTO campaigns_metricsample (subject_kind, subject_id, metric, day, source, "
        "value, status, collected_at, campaign_id, network) SELECT 'link', e.link_id, "
        "'link_clicks', (e.occurred_at AT TIME ZONE 'Asia/Jakarta')::date, 'links', COUNT(*), "
        "'ok', now(), l.campaign_id, l.network FROM campaigns_trafficevent e "
        "JOIN campaigns_trackedlink l ON l.id = e.link_id WHERE e.kind = 'click' "
        "GROUP BY e.link_id, 4, l.campaign_id, l.network"
    )
    print(f"  daily rollups of the events in {time.perf_counter() - started:.1f} s")
    sql(
        "INSERT INTO campaigns_peeraccount (handle, display_name, peer_set, is_canary, "
        "is_active) SELECT 'kota' || n, 'Kota ' || n, 'kota-pembanding-2026', false, true "
        "FROM generate_series(1, 10) n"
    )
    sql(
        "INSERT INTO campaigns_metricsample (subject_kind, subject_id, metric, day, source, "
        "value, status, collected_at, network) SELECT 'peer', p.id, m, d::date, 'instaloader', "
        "(5000 + p.id * 100 + (d::date - %s))::bigint, 'ok', now(), 'instagram' "
        "FROM campaigns_peeraccount p CROSS JOIN unnest(ARRAY['followers','media_count']) m "
        "CROSS JOIN generate_series(%s::date, %s::date, '1 day') d",
        [first, first, today],
    )
    sql(
        "INSERT INTO campaigns_outlet (name, feed_url, audience_estimate, audience_source, "
        "is_mainstream, is_active, last_status, last_error) SELECT 'Media ' || n, '', "
        "n * 50000, '', true, true, '', '' FROM generate_series(1, 20) n"
    )
    sql(
        "INSERT INTO campaigns_clipping (outlet_id, url, title, summary, published_at, "
        "matched_keywords, tone, campaign_id, is_manual, created_at) "
        "SELECT (SELECT min(id) FROM campaigns_outlet) + n %% 20, 'https://berita.example/' || n, "
        "'Kota Tangerang ' || n, '', now() - (n %% 365) * interval '1 day', 'Kota Tangerang', "
        "(ARRAY['', 'positive', 'neutral', 'negative'])[1 + n %% 4], "
        "CASE WHEN n %% 3 = 0 THEN %s END, false, now() FROM generate_series(1, 5000) n",
        [campaigns[0].pk],
    )
    sql(
        "INSERT INTO campaigns_collectionrun (collector, subject, started_at, finished_at, "
        "status, samples_written, message) SELECT c, '', d + interval '1 hour', "
        "d + interval '1 hour', CASE WHEN random() < 0.05 THEN 'failed' ELSE 'ok' END, 10, '' "
        "FROM unnest(ARRAY['instagram_public','instagram_insights','facebook_insights',"
        "'x_metrics','telegram_members','site_traffic','news_feeds','canary']) c "
        "CROSS JOIN generate_series(%s::date, %s::date, '1 day') d",
        [first, today],
    )
    from insights.collectors import rollups

    started = time.perf_counter()
    written = rollups.backfill()  # what migration 0017 does for samples already stored
    print(f"  {written:,} daily rollups backfilled in {time.perf_counter() - started:.1f} s")
    # What autovacuum does in production: statistics, and the visibility map index-only
    # scans need.
    sql("VACUUM ANALYZE")
    from insights.models import MetricSample

    return {
        "campaign": campaigns[0],
        "samples": MetricSample.objects.count(),
    }


def time_page(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm: templates, connection
    if response.status_code != 200 or response.streaming:
        raise SystemExit(f"{url} answered {response.status_code}")
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return {
        "median": statistics.median(durations),
        "max": max(durations),
        "queries": len(captured.captured_queries),
        "bytes": len(response.content),
    }


def redirect_figures() -> str:
    path = SCRIPTS / "bench_redirect.py"
    if not path.exists():
        return "scripts/bench_redirect.py is missing: tracked-link redirect not measured"
    spec = importlib.util.spec_from_file_location("bench_redirect", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        result = module.measure()
    except (Exception, SystemExit) as error:  # its own failure must not hide the figures above
        return f"scripts/bench_redirect.py measure() failed: {error!r}"
    if isinstance(result, dict):
        return "\n".join(f"  {key:<40} {value}" for key, value in result.items())
    return str(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed renders per page")
    args = parser.parse_args()
    configure()
    print(f"Recreating {DATABASE_URL} and migrating …", flush=True)
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from insights.dashboards.access import today_wib
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0, interactive=False)
    print("Seeding a year of metrics …", flush=True)
    data = seed(today_wib())
    user = UserFactory(username="analis-bench", role="analyst")
    client = Client()
    client.force_login(user)
    office = reverse("campaigns_dashboard:index")
    campaign = reverse("campaigns_dashboard:campaign", args=[data["campaign"].pk])
    report = reverse("campaigns_report:report", args=[data["campaign"].pk])
    xlsx = reverse("campaigns_report:export_xlsx", args=[data["campaign"].pk])
    year = f"?start={today_wib() - datetime.timedelta(days=364)}&end={today_wib()}"
    # The static manifest is not built here (no collectstatic): plain static URLs.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        timings = [
            ("office dashboard, last 30 days", time_page(client, office, args.runs)),
            ("campaign dashboard, its period", time_page(client, campaign, args.runs)),
            ("office dashboard, 365 days", time_page(client, office + year, args.runs)),
            ("campaign dashboard, 365 days", time_page(client, campaign + year, args.runs)),
            ("campaign report, its period", time_page(client, report, args.runs)),
            ("campaign report XLSX export", time_page(client, xlsx, args.runs)),
        ]
    line = "-" * 92
    print()
    print(
        f"Benteng metrics bench: {data['samples']:,} metric samples ({ACCOUNTS} accounts x "
        f"{len(SERIES)} series x {DAYS} days, posts, pages, links, peers), {EVENTS:,} events"
    )
    print(line)
    for label, t in timings:
        target = REPORT_TARGET_MS if label.startswith("campaign report") else TARGET_MS
        met = "met" if t["median"] < target else "NOT MET"
        print(
            f"{label:<36} median {t['median']:7.1f} ms  max {t['max']:7.1f} ms  "
            f"{t['queries']:3} queries  {t['bytes'] / 1024:6.0f} KiB   "
            f"< {target:,} ms: {met}"
        )
    print(line)
    print("tracked-link redirect:")
    print(redirect_figures())
    print(line)


if __name__ == "__main__":
    main()
