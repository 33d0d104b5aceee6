"""Demo measurements for `make run` (called by ``seed_demo``): the last 60 days of account
figures for the "[Demo]" accounts, so an analyst's dashboards have something to show, and
their default 30 days something to be compared with.

Every sample is stored with the source ``demo`` ("Data demo (contoh)"), never a platform's,
and belongs to a "[Demo]" account. The numbers are made up from a fixed seed per account
(growth and weekly rhythm, nothing measured), written through the collectors' own upsert,
which keeps the daily rollups in step. A database that already holds demo samples is left
alone, so seeding again changes nothing.
"""

import datetime
import random
from collections import Counter

from django.utils import timezone

from campaigns.models import Network, SocialAccount
from insights.collectors.store import Sample, upsert_samples
from insights.models import Metric, MetricSample, Source, SubjectKind

DAYS = 60
# Per network: its stock (and where it starts), and its daily flows as shares of the day's
# reach (reach itself drawn around ``reach``). The persona's account is smaller.
FLOWS = {
    Network.INSTAGRAM: {
        Metric.VIEWS: 1.7,
        Metric.LIKES: 0.045,
        Metric.COMMENTS: 0.004,
        Metric.SHARES: 0.003,
        Metric.SAVES: 0.002,
    },
    Network.FACEBOOK: {Metric.VIEWS: 1.4, Metric.LIKES: 0.02, Metric.SHARES: 0.002},
}
ACCOUNTS = {
    # handle: (stock metric, first day's stock, mean daily reach or 0 for none)
    "@demo.tangerangkota": (Metric.FOLLOWERS, 412_000, 16_000),
    "@demo.abohjasa": (Metric.FOLLOWERS, 23_500, 5_000),
    "demo-pemkot-tangerang": (Metric.FOLLOWERS, 187_000, 7_000),
    "@demo_tangerangkota": (Metric.FOLLOWERS, 96_000, 0),
    "@demo_kotatangerang": (Metric.MEMBERS, 8_400, 0),
}


def seed_metrics(now: datetime.datetime | None = None) -> Counter[str]:
    created: Counter[str] = Counter()
    if MetricSample.objects.filter(source=Source.DEMO).exists():
        return created
    today = timezone.localdate(now or timezone.now())
    days = [today - datetime.timedelta(days=back) for back in range(DAYS, 0, -1)]
    samples = []
    for account in SocialAccount.objects.filter(handle__in=ACCOUNTS, external_id="demo"):
        samples += _account_samples(account, days)
    created["samples"] = upsert_samples(samples)
    return created


def _account_samples(account: SocialAccount, days: list[datetime.date]) -> list[Sample]:
    stock_metric, stock, mean_reach = ACCOUNTS[account.handle]
    rng = random.Random(account.handle)  # noqa: S311 - made-up demo figures, not security
    samples = []
    for day in days:
        weekend = 1.25 if day.weekday() >= 5 else 1.0  # festivals and car-free days
        stock += round(stock * rng.uniform(0.0004, 0.0016))
        figures = {stock_metric: stock}
        if mean_reach:
            reach = round(mean_reach * weekend * rng.uniform(0.7, 1.3))
            figures[Metric.REACH] = reach
            for metric, share in FLOWS[account.network].items():
                figures[metric] = round(reach * share * rng.uniform(0.8, 1.2))
        samples += [
            Sample(
                subject_kind=SubjectKind.ACCOUNT,
                subject_id=account.pk,
                metric=metric,
                day=day,
                source=Source.DEMO,
                value=value,
                account_id=account.pk,
                network=account.network,
            )
            for metric, value in figures.items()
        ]
    return samples
