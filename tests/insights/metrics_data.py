"""A small, hand-checkable week of metrics (1-7 Nov 2026) for the dashboard and report tests.

Worked numbers (office, 1-7 Nov):
- Instagram @kota: followers by the Graph API 1000 + 10 x (day - 1), and by instaloader 10
  fewer (the larger is used); nothing on 4 Nov, when instaloader and insights failed.
  Reach 500, likes 40, comments 10 a day (6 days) -> reach 3,000, engagements 300, ER 10 %.
- Facebook @kotapage: 2,000 followers every day.
  -> followers 3,060 at the end, 3,000 at the start: growth 60, growth rate 2 %.
- Campaign "Festival Cisadane": one post published on 2 Nov to @kota, linking the article;
  its lifetime reach 300 (2 Nov) then 800 (3 Nov), likes 50, comments 10 (3 Nov);
  its tracked link 12 + 8 clicks; the article 100 + 50 page views.
- Clippings: 2 Nov positive (Kompas, audience 1,000,000), 3 Nov negative (Kompas) and
  neutral (Radar Banten, 200,000) -> 3 mentions, potential reach 1,200,000, net sentiment 0.
- Peers (set "kota-pembanding-2026"): @bekasi media_count 100 -> 104, followers 5,000 -> 5,000;
  ours media_count 50 -> 56 -> share of voice by posts 6 / (6 + 4) = 60 %.
"""

import datetime

from django.utils import timezone

from campaigns.models import CampaignTarget, DeliveryStatus
from campaigns.views.common import WIB
from insights.collectors.store import Sample, upsert_samples
from insights.models import Clipping, CollectionRun, OutcomeFigure, Outlet, PeerAccount, TrackedLink
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post

START = datetime.date(2026, 11, 1)
END = datetime.date(2026, 11, 7)
GAP = datetime.date(2026, 11, 4)
DAYS = [START + datetime.timedelta(days=n) for n in range(7)]


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), WIB)


def seed_week(owner, article) -> dict:
    ig = SocialAccountFactory(network="instagram", handle="@kota")
    fb = SocialAccountFactory(network="facebook", handle="@kotapage")
    campaign = CampaignFactory(
        name="Festival Cisadane",
        owner=owner,
        starts_on=START,
        ends_on=datetime.date(2026, 11, 30),
    )
    CampaignTarget.objects.create(campaign=campaign, metric="reach", target_value=1000)
    CampaignTarget.objects.create(campaign=campaign, metric="link_clicks", target_value=10)
    promoted = post([ig], campaign=campaign, link_page=article, scheduled_at=at(DAYS[1], 9))
    delivery = promoted.deliveries.get()
    delivery.status = DeliveryStatus.PUBLISHED
    delivery.published_at = at(DAYS[1], 9)
    delivery.permalink = "https://www.instagram.com/p/festival/"
    delivery.save()
    link = TrackedLink.objects.create(
        code="fest1", target_url="https://kota.example/festival", campaign=campaign
    )

    samples = []
    for n, day in enumerate(DAYS):
        samples.append(Sample("account", fb.pk, "followers", day, "graph", 2000, account_id=fb.pk))
        if day == GAP:
            continue
        ig_dims = {"account_id": ig.pk, "network": "instagram"}
        samples += [
            Sample("account", ig.pk, "followers", day, "graph", 1000 + 10 * n, **ig_dims),
            Sample("account", ig.pk, "followers", day, "instaloader", 990 + 10 * n, **ig_dims),
            Sample("account", ig.pk, "media_count", day, "instaloader", 50 + n, **ig_dims),
            Sample("account", ig.pk, "reach", day, "graph", 500, **ig_dims),
            Sample("account", ig.pk, "likes", day, "graph", 40, **ig_dims),
            Sample("account", ig.pk, "comments", day, "graph", 10, **ig_dims),
        ]
    on_post = {"account_id": ig.pk, "campaign_id": campaign.pk, "network": "instagram"}
    samples += [
        Sample("delivery", delivery.pk, "reach", DAYS[1], "graph", 300, **on_post),
        Sample("delivery", delivery.pk, "reach", DAYS[2], "graph", 800, **on_post),
        Sample("delivery", delivery.pk, "likes", DAYS[2], "graph", 50, **on_post),
        Sample("delivery", delivery.pk, "comments", DAYS[2], "graph", 10, **on_post),
        Sample("link", link.pk, "link_clicks", DAYS[1], "links", 12, campaign_id=campaign.pk),
        Sample("link", link.pk, "link_clicks", DAYS[2], "links", 8, campaign_id=campaign.pk),
        Sample("page", article.pk, "page_views", DAYS[0], "site", 100),
        Sample("page", article.pk, "page_views", DAYS[1], "site", 50),
    ]
    peer = PeerAccount.objects.create(handle="bekasi", display_name="Kota Bekasi")
    samples += [
        Sample("peer", peer.pk, "media_count", START, "instaloader", 100),
        Sample("peer", peer.pk, "media_count", END, "instaloader", 104),
        Sample("peer", peer.pk, "followers", END, "instaloader", 5000),
    ]
    upsert_samples(samples)

    for collector in ("instagram_public", "instagram_insights"):
        CollectionRun.objects.create(
            collector=collector,
            subject="@kota",
            account=ig,
            started_at=at(GAP, 6),
            finished_at=at(GAP, 6),
            status="failed",
            message="HTTP 401: Please wait a few minutes",
        )
    CollectionRun.objects.create(
        collector="news_feeds", started_at=timezone.now(), finished_at=timezone.now(), status="ok"
    )

    kompas = Outlet.objects.create(name="Kompas", audience_estimate=1_000_000)
    radar = Outlet.objects.create(name="Radar Banten", audience_estimate=200_000)
    for number, (outlet, day, tone) in enumerate(
        [(kompas, DAYS[1], "positive"), (kompas, DAYS[2], "negative"), (radar, DAYS[2], "neutral")]
    ):
        Clipping.objects.create(
            outlet=outlet,
            url=f"https://berita.example/{number}",
            title=f"Festival Cisadane {number}",
            published_at=at(day),
            tone=tone,
            campaign=campaign,
        )
    OutcomeFigure.objects.create(
        name="Kunjungan wisatawan",
        level="impact",
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2018, 12, 31),
        value=1_230_000,
        unit="kunjungan",
        source="BPS Kota Tangerang",
        method="Hitungan hotel dan objek wisata",
        campaign=campaign,
    )
    return {"ig": ig, "fb": fb, "campaign": campaign, "delivery": delivery, "link": link}
