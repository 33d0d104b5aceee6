"""Peer cities side by side: per Instagram account (ours and each active peer of the set),
follower growth, posting frequency and engagement over the range, from the instaloader
samples (the only source that reads other cities' accounts). Portable ORM, a few thousand
rows at most: a year of days for a handful of accounts."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q

from campaigns.models import Network, SocialAccount

from ..models import Metric, MetricSample, PeerAccount, SubjectKind
from . import formulas

METRICS = (Metric.FOLLOWERS, Metric.MEDIA_COUNT, Metric.LIKES, Metric.COMMENTS)
PEER_METHOD = (
    "Pertumbuhan = pengikut akhir - awal rentang; frekuensi = (jumlah unggahan akhir - awal) "
    "÷ jumlah minggu; interaksi = (suka + komentar unggahan terbaru yang terbaca) ÷ pengikut "
    "x 100, hari terakhir yang terbaca. Sumber: instaloader (profil publik)."
)


@dataclass
class PeerRow:
    name: str
    ours: bool
    followers: int | None
    growth: int | None
    growth_rate: float | None
    posts_per_week: float | None
    engagement_rate: float | None

    @property
    def cells(self) -> list[str]:
        return [
            formulas.format_count(self.followers),
            formulas.format_count(self.growth),
            formulas.format_rate(self.growth_rate),
            "—" if self.posts_per_week is None else formulas.format_number(self.posts_per_week, 1),
            formulas.format_rate(self.engagement_rate),
        ]


def _by_day(start, end, accounts: list[int], peers: list[int]) -> dict[tuple, dict]:
    """Per subject, per metric, per day: the value (the larger of two sources). On
    PostgreSQL only the days ``_row`` reads (the same table; see test_dashboard_paths)."""
    from . import queries

    if fast := queries._postgres():
        rows = fast.peer_edges(start, end, accounts, peers, METRICS, rollups=queries.ROLLUPS)
    else:
        subjects = Q(subject_kind=SubjectKind.ACCOUNT, subject_id__in=accounts) | Q(
            subject_kind=SubjectKind.PEER, subject_id__in=peers
        )
        rows = (
            MetricSample.objects.filter(subjects, metric__in=METRICS, day__gte=start, day__lte=end)
            .values_list("subject_kind", "subject_id", "metric", "day")
            .annotate(value=Max("value"))  # two sources of one account: the larger reading
        )
    series: dict[tuple, dict[str, dict[datetime.date, int]]] = {}
    for kind, subject_id, metric, day, value in rows:
        series.setdefault((kind, subject_id), {}).setdefault(metric, {})[day] = value
    return series


def _row(name: str, ours: bool, metrics: dict, weeks: float) -> PeerRow:
    followers = metrics.get(Metric.FOLLOWERS, {})
    media = metrics.get(Metric.MEDIA_COUNT, {})
    last = followers[max(followers)] if followers else None
    growth = followers[max(followers)] - followers[min(followers)] if len(followers) > 1 else None
    posts = media[max(media)] - media[min(media)] if len(media) > 1 else None
    likes, comments = metrics.get(Metric.LIKES, {}), metrics.get(Metric.COMMENTS, {})
    engagement_day = max(set(likes) | set(comments), default=None)
    engagement = None
    if engagement_day is not None and engagement_day in followers:
        engagement = formulas.engagement_rate_by_followers(
            likes.get(engagement_day), comments.get(engagement_day), followers[engagement_day]
        )
    first = followers[min(followers)] if len(followers) > 1 else None
    return PeerRow(
        name=name,
        ours=ours,
        followers=last,
        growth=growth,
        growth_rate=formulas.follower_growth_rate(first, last) if first is not None else None,
        posts_per_week=None if posts is None else posts / weeks,
        engagement_rate=engagement,
    )


def peer_table(start: datetime.date, end: datetime.date, peer_set: str) -> list[PeerRow]:
    """Our Instagram accounts first, then the peers of ``peer_set`` by name."""
    ours = list(
        SocialAccount.objects.filter(network=Network.INSTAGRAM, is_active=True).order_by("handle")
    )
    peers = list(PeerAccount.objects.filter(is_active=True, peer_set=peer_set).order_by("handle"))
    series = _by_day(start, end, [a.pk for a in ours], [p.pk for p in peers])
    weeks = max(((end - start).days + 1) / 7, 1 / 7)
    rows = [
        _row(account.handle, True, series.get((SubjectKind.ACCOUNT, account.pk), {}), weeks)
        for account in ours
    ]
    rows += [
        _row(
            f"{peer.display_name} (@{peer.handle})",
            False,
            series[(SubjectKind.PEER, peer.pk)],
            weeks,
        )
        for peer in peers
        if (SubjectKind.PEER, peer.pk) in series
    ]
    return [row for row in rows if row.followers is not None or not row.ours]
