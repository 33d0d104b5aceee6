"""The daily rollups give the samples' own figures (issue 13 §3): over seeded random data
written the way the collectors, the traffic flush and the clippings write it (in batches,
days rewritten, a post moved to another campaign, a mention day emptied), every metric's
series, totals and stocks, the charts and the export are identical read from the rollups
and read from the samples, on the PostgreSQL fast path and on the portable one."""

import datetime
import random

import pytest

from campaigns.models import Post
from insights.clippings.mentions import refresh_mentions
from insights.collectors import rollups as writer
from insights.collectors.store import Sample, upsert_samples
from insights.dashboards import board, export, peers, queries
from insights.dashboards.queries import OFFICE, Scope
from insights.models import Clipping, CollectionRun, DailyRollup, Metric, PostPeak, TrackedLink
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post
from tests.insights.metrics_data import at

pytestmark = pytest.mark.django_db

FIRST = datetime.date(2026, 9, 1)
DAYS = 40
SOURCES = ("graph", "instaloader")
ACCOUNT_METRICS = [m for m in Metric.values if m not in writer.OFFICE_KIND]


def day(n: int) -> datetime.date:
    return FIRST + datetime.timedelta(days=n)


def seed(rng: random.Random, article) -> list[int]:
    """Accounts, campaigns, posts and links, then samples in random batches; returns the
    campaign ids."""
    accounts = [
        SocialAccountFactory(network=network, handle=f"@akun{n}")
        for n, network in enumerate(("instagram", "facebook", "x"))
    ]
    campaigns = [
        CampaignFactory(starts_on=day(0), ends_on=day(DAYS - 1), name=f"Kampanye {n}")
        for n in range(2)
    ]
    deliveries = []
    for n in range(4):
        campaign = campaigns[n % 2]
        made = post(rng.sample(accounts, 2), campaign=campaign, link_page=article)
        deliveries += [(d, campaign.pk) for d in made.deliveries.all()]
    links = [
        TrackedLink.objects.create(code=f"r{n}", target_url="https://kota.example/", network="x")
        for n in range(3)
    ]
    for _ in range(6):  # batches, like collector runs; later ones rewrite earlier days
        batch = []
        for account in accounts:
            dims = {"account_id": account.pk, "network": account.network}
            for metric in rng.sample(ACCOUNT_METRICS, 6):
                for n in rng.sample(range(DAYS), 8):
                    for source in rng.sample(SOURCES, rng.randint(1, 2)):
                        value = rng.randint(0, 5000)
                        batch.append(
                            Sample("account", account.pk, metric, day(n), source, value, **dims)
                        )
        for delivery, campaign_id in deliveries:
            dims = {"account_id": delivery.account_id, "campaign_id": campaign_id}
            for metric in rng.sample(sorted(writer.POST_FLOWS), 4):
                for n in rng.sample(range(DAYS), 5):  # lifetime totals, not always rising
                    value = rng.randint(0, 900)
                    batch.append(
                        Sample("delivery", delivery.pk, metric, day(n), "graph", value, **dims)
                    )
        for link in links:
            campaign_id = rng.choice([None, *[c.pk for c in campaigns]])
            for n in rng.sample(range(DAYS), 10):
                batch.append(
                    Sample(
                        "link",
                        link.pk,
                        "link_clicks",
                        day(n),
                        "links",
                        rng.randint(1, 50),
                        campaign_id=campaign_id,
                    )
                )
        for n in rng.sample(range(DAYS), 10):
            batch.append(
                Sample("page", article.pk, "page_views", day(n), "site", rng.randint(1, 99))
            )
        rng.shuffle(batch)
        upsert_samples(batch)
    # A post moves to the other campaign: its next readings carry the new one.
    delivery, old = deliveries[0]
    new = next(c.pk for c in campaigns if c.pk != old)
    Post.objects.filter(pk=delivery.post_id).update(campaign_id=new)
    upsert_samples(
        [
            Sample("delivery", delivery.pk, "reach", day(n), "graph", 10_000, campaign_id=new)
            for n in range(DAYS)
        ]
    )
    # Mentions come and go: a clipping deleted leaves its day without a sample.
    clippings = [
        Clipping.objects.create(
            url=f"https://berita.example/{n}", title=f"Kota {n}", published_at=at(day(n % 9))
        )
        for n in range(12)
    ]
    refresh_mentions({day(n) for n in range(9)})
    Clipping.objects.filter(
        pk__in=[c.pk for c in clippings if c.published_at.date() == day(3)]
    ).delete()
    refresh_mentions({day(3)})
    for collector in ("instagram_public", "site_traffic", "news_feeds", "instagram_insights"):
        CollectionRun.objects.create(
            collector=collector, started_at=at(day(rng.randrange(DAYS)), 6), status="failed"
        )
    return [c.pk for c in campaigns]


RANGES = [(day(0), day(DAYS - 1)), (day(11), day(25)), (day(30), day(DAYS + 10)), (day(5), day(5))]


def read_all(scopes: list[Scope]) -> dict:
    """Everything the charts, cards and exports read from the metric samples."""
    result = {}
    for start, end in RANGES:
        for scope in scopes:
            for metric in Metric.values:
                key = (start, end, scope, metric)
                result[key, "counted"] = board.counted_series(metric, start, end, scope)
                result[key, "series"] = queries.daily_series_counted(metric, start, end, scope)
                result[key, "total"] = queries.total(metric, start, end, scope)
                result[key, "first"] = queries.stock_at(metric, start, end, scope, first=True)
                result[key, "last"] = queries.stock_at(metric, start, end, scope)
                if queries.is_lifetime(metric, scope):
                    result[key, "lifetime"] = queries.lifetime_series(metric, start, end, scope)
            result[start, end, scope, "export"] = export.daily_table(start, end, scope)
            result[start, end, scope, "top posts"] = queries.top_posts(start, end, scope, 50)
        result[start, end, "peers"] = peers.peer_table(start, end, "")
    return result


def charts(campaign_ids: list[int]) -> dict:
    start, end = RANGES[0]
    drawn = {"office": [c.svg for c in board.build(start, end)["charts"]]}
    for pk in campaign_ids:
        drawn[pk] = [c.svg for c in board.build(start, end, Scope(campaign_id=pk))["charts"]]
    return drawn


@pytest.mark.parametrize("seed_value", [13, 2026, 77])
@pytest.mark.slow
def test_rollups_give_the_samples_figures_for_every_metric(
    seed_value, published_article, monkeypatch
):
    # given random metrics written in batches by the samples' writers
    campaign_ids = seed(random.Random(seed_value), published_article)
    scopes = [OFFICE, *(Scope(campaign_id=pk) for pk in campaign_ids)]
    assert DailyRollup.objects.filter(subject_type="campaign", metric="reach").exists()
    # when everything is read from the rollups, then from the samples (fast path, portable)
    from_rollups, drawn = read_all(scopes), charts(campaign_ids)
    monkeypatch.setattr(queries, "ROLLUPS", False)
    from_samples = read_all(scopes)
    assert charts(campaign_ids) == drawn
    monkeypatch.setattr(queries, "POSTGRES_FAST_PATH", False)
    portable = read_all(scopes)
    # then every figure is the same, and there were figures to compare
    assert from_rollups == from_samples == portable
    assert any(v[0] for k, v in from_rollups.items() if k[-1] == "lifetime")
    assert from_rollups[(*RANGES[0], OFFICE, Metric.MENTIONS), "total"]
    assert all(from_rollups[(*r, OFFICE, "top posts")] for r in RANGES)  # peaks read


def test_the_backfill_rebuilds_what_the_writers_kept(published_article):
    # given rollups kept by the writers, batch by batch
    seed(random.Random(5), published_article)
    fields = ("subject_type", "subject_id", "metric", "day", "value", "subjects")
    kept = set(DailyRollup.objects.values_list(*fields))
    peak_fields = ("subject_id", "metric", "campaign_id", "first_day", "last_day", "peak")
    peaks = set(PostPeak.objects.values_list(*peak_fields))
    # when they are thrown away and rebuilt from the samples at once
    DailyRollup.objects.all().delete()
    PostPeak.objects.all().delete()
    writer.backfill()
    # then the same rows come back
    assert set(DailyRollup.objects.values_list(*fields)) == kept
    assert len(kept) > 100
    assert set(PostPeak.objects.values_list(*peak_fields)) == peaks
    assert len(peaks) > 20
