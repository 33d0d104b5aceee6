"""Demo campaigns for `make run` (called by ``seed_demo``): a persona, one account per
network, a campaign with KPI targets and a few posts in different states.

Everything is labelled demo. The accounts have no credentials, so nothing can leave the
machine: a demo post that falls due is held until someone enters real tokens.
"""

import datetime
from collections import Counter

from django.contrib.auth.models import User
from django.utils import timezone

from campaigns import approvals
from campaigns.models import Campaign, CampaignTarget, Network, Persona, Post, SocialAccount
from campaigns.models.deliveries import Delivery
from publications.models import Programme

DEMO_MARK = "[Demo]"
ABOH_JASA_NOTES = (
    "[Demo] Aboh Jasa: bapak-bapak Tangerang asli, ceplas-ceplos, logat Betawi-Sunda "
    "Tangerang (\u201cnyak\u201d, \u201caye\u201d, \u201cente\u201d). Bercanda boleh, "
    "menyindir warga tidak. Kalimat pendek, satu ajakan per unggahan."
)
ACCOUNTS = (
    (Network.INSTAGRAM, "@demo.tangerangkota", "[Demo] Instagram Kota Tangerang", False),
    (Network.INSTAGRAM, "@demo.abohjasa", "[Demo] Aboh Jasa", True),
    (Network.FACEBOOK, "demo-pemkot-tangerang", "[Demo] Facebook Pemkot Tangerang", False),
    (Network.X, "@demo_tangerangkota", "[Demo] X Kota Tangerang", False),
    (Network.TELEGRAM, "@demo_kotatangerang", "[Demo] Kanal Telegram", False),
    (Network.WEBHOOK, "aplikasi-tangerang-live", "[Demo] Aplikasi Tangerang LIVE", False),
)
TARGETS = (
    ("reach", "instagram", 500_000),
    ("engagement_rate", "instagram", 4),
    ("link_clicks", "", 10_000),
    ("mentions", "", 25),
)
POSTS = (
    # (text, accounts by handle, days ahead, hour WIB, submit?)
    (
        "[Demo] Festival Budaya Cisadane dibuka Sabtu pagi di Taman Elektrik. Ajak keluarga, "
        "parkir di Pusat Pemerintahan. #TangerangLIVE #FestivalCisadane",
        ("@demo_kotatangerang", "aplikasi-tangerang-live"),
        3,
        9,
        True,
    ),
    (
        "[Demo] Nyak, aye kasih tau ye: lomba perahu naga mulai jam 8. Jangan telat, "
        "ntar cuma kebagian liat airnye doang! #TangerangLIVE",
        ("@demo.abohjasa",),
        4,
        7,
        False,
    ),
)


def seed_campaigns(users: dict[str, User], now: datetime.datetime | None = None) -> Counter[str]:
    now = now or timezone.now()
    created: Counter[str] = Counter()
    # Posts are left for the demo Kepala Humas to approve, as in real life.
    manager = users.get("demo-medsos")
    persona, made = Persona.objects.get_or_create(
        name="Aboh Jasa (demo)", defaults={"voice_notes": ABOH_JASA_NOTES}
    )
    created["accounts"] += made
    accounts = {}
    for network, handle, name, speaks_as_persona in ACCOUNTS:
        account, made = SocialAccount.objects.get_or_create(
            network=network,
            handle=handle,
            defaults={
                "display_name": name,
                "external_id": "demo",
                "persona": persona if speaks_as_persona else None,
                "owner": manager,
            },
        )
        accounts[handle] = account
        created["accounts"] += made
    campaign, made = Campaign.objects.get_or_create(
        name="[Demo] Festival Budaya Cisadane",
        defaults={
            "objective": "[Demo] Warga tahu jadwal, lokasi dan akses festival; 500 ribu "
            "jangkauan di Instagram.",
            "pillar": "visitable",
            "programme": Programme.objects.order_by("name").first(),
            "starts_on": timezone.localdate(now),
            "ends_on": timezone.localdate(now) + datetime.timedelta(days=30),
            "hashtags": "#TangerangLIVE #FestivalCisadane",
            "owner": manager,
        },
    )
    created["campaigns"] += made
    if made:
        for order, (metric, target_network, value) in enumerate(TARGETS):
            CampaignTarget.objects.create(
                campaign=campaign,
                metric=metric,
                network=target_network,
                target_value=value,
                sort_order=order,
            )
    for text, handles, days, hour, submit in POSTS:
        if Post.objects.filter(text=text).exists():
            continue
        day = timezone.localdate(now) + datetime.timedelta(days=days)
        post = Post.objects.create(
            text=text,
            campaign=campaign,
            author=manager,
            scheduled_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))),
        )
        for handle in handles:
            Delivery.objects.create(post=post, account=accounts[handle])
        if submit and manager is not None:
            approvals.submit(post, manager)
        created["posts"] += 1
    return created
