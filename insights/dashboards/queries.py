"""What the dashboards read, aggregated in the database with ORM expressions (window
functions, filtered aggregates): the same figures on PostgreSQL and on SQLite (`make run`),
no per-row Python loops.

Conventions, shared with the collectors:
- Account-level samples (``subject_kind='account'``) are daily values for flows (reach,
  views, likes, …) and the day's count for stocks (followers, members, …).
- Post-level samples (``'delivery'``) are lifetime totals as collected that day (Graph media
  insights, X public metrics and instaloader counts are all cumulative), so a post's figure
  for a range is its latest (largest) value in it.
- When one subject is measured by two sources on one day (e.g. followers by the Graph API and
  by instaloader) the larger value is used, never the sum.
- Office-wide figures come from our accounts, pages, links and clippings; a campaign's from
  its deliveries, its tracked links, the pages its posts link to, and its accounts.
"""

import datetime
from types import ModuleType

from django.db import connection
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum, Window
from django.db.models.functions import RowNumber, TruncDate
from wagtail.models import Page

from campaigns.models import Delivery, Post
from campaigns.views.common import WIB

from ..models import (
    Clipping,
    Metric,
    MetricSample,
    Outlet,
    PeerAccount,
    SubjectKind,
)
from ..models.metrics import POST_FLOWS
from . import postgres, rollups
from .scope import ENGAGEMENT_PARTS, OFFICE, SINGLE_SOURCE, STOCKS, Scope, is_lifetime

# On PostgreSQL the same figures come from hand-written SQL (postgres.py), 3-4x faster
# there; tests turn this off to compare both paths.
POSTGRES_FAST_PATH = True
# Series and stocks of the office and of whole campaigns come from the daily rollups
# (rollups.py), on every database; tests turn this off to compare them with the samples.
ROLLUPS = True


def _postgres() -> ModuleType | None:
    """The PostgreSQL fast path's module, or None (SQLite, or turned off)."""
    if POSTGRES_FAST_PATH and connection.vendor == "postgresql":
        return postgres
    return None


def _campaign_pages(campaign_id: int) -> Q:
    """The pages a campaign's posts link to or were promoted from."""
    posts = Post.objects.filter(campaign_id=campaign_id)
    return Q(subject_id__in=posts.filter(link_page__isnull=False).values("link_page_id")) | Q(
        subject_id__in=posts.filter(source_article__isnull=False).values("source_article_id")
    )


def subject_filter(metric: str, scope: Scope) -> Q:
    """The condition choosing the samples of ``metric`` that belong to ``scope``."""
    condition = Q(metric=metric)
    if metric == Metric.PAGE_VIEWS:
        condition &= Q(subject_kind=SubjectKind.PAGE)
        if scope.campaign_id:
            condition &= _campaign_pages(scope.campaign_id)
    elif metric == Metric.LINK_CLICKS:
        condition &= Q(subject_kind=SubjectKind.LINK)
        if scope.campaign_id:
            condition &= Q(campaign_id=scope.campaign_id)
    elif metric == Metric.MENTIONS:
        condition &= Q(subject_kind=SubjectKind.OFFICE)
    elif scope.campaign_id and metric in POST_FLOWS:
        condition &= Q(subject_kind=SubjectKind.DELIVERY, campaign_id=scope.campaign_id)
    else:
        condition &= Q(subject_kind=SubjectKind.ACCOUNT)
        if scope.campaign_id:
            accounts = Delivery.objects.filter(post__campaign_id=scope.campaign_id)
            condition &= Q(account_id__in=accounts.values("account_id"))
    if scope.account_id:
        condition &= Q(account_id=scope.account_id)
    if scope.network:
        condition &= Q(network=scope.network)
    return condition


def _samples(metric: str, start: datetime.date, end: datetime.date, scope: Scope):
    return MetricSample.objects.filter(subject_filter(metric, scope), day__range=(start, end))


def _first_of(samples, partition: list[str], order: list) -> "QuerySet[MetricSample]":
    """The samples that come first in their partition by ``order`` (one each; ties go to
    the lowest id). A window function: PostgreSQL and SQLite alike."""
    ranked = samples.annotate(
        _rank=Window(
            RowNumber(), partition_by=[F(name) for name in partition], order_by=[*order, "pk"]
        )
    ).filter(_rank=1)
    return samples.filter(pk__in=ranked.values("pk"))


def _one_per_subject_day(samples) -> "QuerySet[MetricSample]":
    """The larger value when two sources measured one subject on one day, never the sum."""
    return _first_of(samples, ["subject_kind", "subject_id", "day"], [F("value").desc()])


def _sum(samples, field: str = "value") -> int | None:
    return samples.aggregate(total=Sum(field))["total"]


def daily_series_counted(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> tuple[dict[datetime.date, int], dict[datetime.date, int]]:
    """Per day: Σ over subjects of the day's value (the larger one when two sources measured
    the same subject), and how many subjects were measured. Days without any sample are
    absent — a gap, never a zero."""
    if ROLLUPS and (found := rollups.daily_series_counted(metric, start, end, scope)):
        return found
    if fast := _postgres():
        return fast.daily_series_counted(metric, start, end, scope)
    samples = _samples(metric, start, end, scope)
    if metric not in SINGLE_SOURCE:  # pages, links and mentions: one row per subject and day
        samples = _one_per_subject_day(samples)
    rows = samples.values("day").annotate(value=Sum("value"), n=Count("pk")).order_by("day")
    return {r["day"]: r["value"] for r in rows}, {r["day"]: r["n"] for r in rows}


def daily_series(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> dict[datetime.date, int]:
    """The per-day values of ``daily_series_counted``."""
    return daily_series_counted(metric, start, end, scope)[0]


def _latest_per_subject(samples, *, first: bool = False) -> "QuerySet[MetricSample]":
    """Each subject's latest (or, ``first``, earliest) sample; the larger value on that day."""
    day = F("day").asc() if first else F("day").desc()
    return _first_of(samples, ["subject_kind", "subject_id"], [day, F("value").desc()])


def stock_at(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE, *, first=False
) -> int | None:
    """Σ over subjects of each one's latest (or, ``first``, earliest) value in the range."""
    if ROLLUPS:
        covered, value = rollups.stock_at(metric, start, end, scope, first=first)
        if covered:
            return value
    if fast := _postgres():
        return fast.stock_at(metric, start, end, scope, first=first)
    return _sum(_latest_per_subject(_samples(metric, start, end, scope), first=first))


def lifetime_series(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope
) -> tuple[dict[datetime.date, int], dict[datetime.date, int]]:
    """A campaign's post metric as what it is, a lifetime total: per day, Σ over its posts of
    each one's latest value known by that day (carried forward, so a post not re-read today
    still counts), and how many posts were read that day. Summing these days would count a
    post again every day: the growth is the difference between days. Portable ORM."""
    if ROLLUPS and (found := rollups.lifetime_series(metric, start, end, scope)):
        return found
    rows = (
        MetricSample.objects.filter(subject_filter(metric, scope), day__lte=end)
        .values("subject_id", "day")
        .annotate(value=Max("value"))
        .order_by("day")
    )
    readings: dict[datetime.date, list[tuple[int, int]]] = {}
    for row in rows:
        readings.setdefault(row["day"], []).append((row["subject_id"], row["value"]))
    latest: dict[int, int] = {}
    totals, counts = {}, {}
    day = min(readings, default=start)
    while day <= end:
        for subject, value in readings.get(day, ()):
            latest[subject] = value
        if day >= start and latest:
            totals[day] = sum(latest.values())
            counts[day] = len(readings.get(day, ()))
        day += datetime.timedelta(days=1)
    return totals, counts


def total(
    metric: str,
    start: datetime.date,
    end: datetime.date,
    scope: Scope = OFFICE,
    series: dict[datetime.date, int] | None = None,
) -> int | None:
    """A range's figure: latest value for stocks and for a campaign's posts (lifetime totals),
    Σ of daily values otherwise (taken from ``series`` when the caller has it). None when
    nothing was collected."""
    if metric in STOCKS:
        return stock_at(metric, start, end, scope)
    if series is None and ROLLUPS and not is_lifetime(metric, scope):
        found = rollups.daily_series_counted(metric, start, end, scope)
        series = found[0] if found else None
    if series is not None and not is_lifetime(metric, scope):
        return sum(series.values()) if series else None
    if fast := _postgres():
        return fast.total_sql(metric, start, end, scope)
    samples = _samples(metric, start, end, scope)
    if is_lifetime(metric, scope):  # each subject's largest lifetime total in the range
        return _sum(_first_of(samples, ["subject_kind", "subject_id"], [F("value").desc()]))
    return _sum(_one_per_subject_day(samples))


def engagements(start: datetime.date, end: datetime.date, scope: Scope = OFFICE) -> int | None:
    """Likes + comments + shares + saves (parts never collected count as absent)."""
    parts = [total(metric, start, end, scope) for metric in ENGAGEMENT_PARTS]
    known = [part for part in parts if part is not None]
    return sum(known) if known else None


def top_posts(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE, limit: int = 10
) -> list[dict]:
    """Our posts by engagements (likes+comments+shares+saves), then reach; each post's latest
    lifetime figures in the range."""
    if fast := _postgres():
        return fast.top_posts(start, end, scope, limit)
    samples = MetricSample.objects.filter(
        subject_kind=SubjectKind.DELIVERY,
        day__range=(start, end),
        metric__in=[Metric.REACH, Metric.VIEWS, *ENGAGEMENT_PARTS],
    )
    if scope.campaign_id:
        samples = samples.filter(campaign_id=scope.campaign_id)
    # Lifetime totals: each post's largest value of each metric in the range.
    largest = _first_of(samples, ["subject_id", "metric"], [F("value").desc()])
    rows = list(
        largest.values("subject_id")
        .annotate(
            engagements=Sum("value", filter=Q(metric__in=ENGAGEMENT_PARTS)),
            reach=Max("value", filter=Q(metric=Metric.REACH)),
            views=Max("value", filter=Q(metric=Metric.VIEWS)),
        )
        .filter(subject_id__in=Delivery.objects.values("pk"))
        .order_by(F("engagements").desc(nulls_last=True), F("reach").desc(nulls_last=True))[:limit]
    )
    deliveries = Delivery.objects.select_related("post", "account").in_bulk(
        [row["subject_id"] for row in rows]
    )
    result = []
    for row in rows:  # at most ``limit``
        delivery = deliveries[row["subject_id"]]
        result.append(
            {
                "delivery_id": delivery.pk,
                "engagements": row["engagements"],
                "reach": row["reach"],
                "views": row["views"],
                "account_id": delivery.account_id,
                "text": delivery.post.text,
                "permalink": delivery.permalink,
                "account": f"{delivery.account.network} {delivery.account.handle}",
            }
        )
    return result


def top_articles(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE, limit: int = 10
) -> list[dict]:
    """Pages of the site by page views in the range, with their titles."""
    if fast := _postgres():
        return fast.top_articles(start, end, scope, limit)
    page = Page.objects.filter(pk=OuterRef("subject_id"))
    rows = (
        _samples(Metric.PAGE_VIEWS, start, end, scope)
        .filter(subject_id__in=Page.objects.values("pk"))
        .values("subject_id")
        .annotate(page_views=Sum("value"))
        .annotate(
            title=Subquery(page.values("title")[:1]),
            url_path=Subquery(page.values("url_path")[:1]),
        )
        .order_by("-page_views")[:limit]
    )
    keys = ("page_id", "title", "url_path", "page_views")
    return [
        dict(zip(keys, (r["subject_id"], r["title"], r["url_path"], r["page_views"]), strict=True))
        for r in rows
    ]


def _clippings(start: datetime.date, end: datetime.date, scope: Scope):
    queryset = Clipping.objects.annotate(day=TruncDate("published_at", tzinfo=WIB)).filter(
        day__gte=start, day__lte=end
    )
    if scope.campaign_id:
        queryset = queryset.filter(campaign_id=scope.campaign_id)
    return queryset


def mentions_by_tone(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> dict[str, dict[datetime.date, int]]:
    """Clippings per WIB day, per tone ('' = not rated yet)."""
    rows = (
        _clippings(start, end, scope)
        .values("day", "tone")
        .annotate(n=Count("pk"))
        .order_by("day", "tone")
    )
    result: dict[str, dict[datetime.date, int]] = {}
    for row in rows:  # one row per (day, tone): at most 4 per day, not per clipping
        result.setdefault(row["tone"], {})[row["day"]] = row["n"]
    return result


def clipping_totals(start: datetime.date, end: datetime.date, scope: Scope = OFFICE) -> dict:
    """Clippings in the range: count per tone, and potential reach (Σ audience of the outlets
    that mentioned us, each outlet once)."""
    queryset = _clippings(start, end, scope)
    counts = queryset.aggregate(
        total=Count("pk"),
        positive=Count("pk", filter=Q(tone="positive")),
        neutral=Count("pk", filter=Q(tone="neutral")),
        negative=Count("pk", filter=Q(tone="negative")),
        unrated=Count("pk", filter=Q(tone="")),
    )
    outlets = Outlet.objects.filter(pk__in=queryset.values("outlet_id"))
    counts["potential_reach"] = outlets.aggregate(total=Sum("audience_estimate"))["total"] or 0
    return counts


def active_peer_set() -> str:
    """The peer set with most active peers (the set share of voice is computed against)."""
    found = (
        PeerAccount.objects.filter(is_active=True)
        .values("peer_set")
        .annotate(n=Count("pk"))
        .order_by("-n", "peer_set")
        .first()
    )
    return found["peer_set"] if found else ""


def share_of_voice_counts(start: datetime.date, end: datetime.date, peer_set: str) -> dict:
    """Instagram posts published in the range (media_count at the end - at the start, per
    account) and followers at the end: our Instagram accounts vs the active peers of
    ``peer_set``. Subjects with fewer than two samples in the range count no posts."""
    if fast := _postgres():
        return fast.share_of_voice_counts(start, end, peer_set)
    peers = PeerAccount.objects.filter(is_active=True, peer_set=peer_set).values("pk")
    result: dict[str, int | None] = {"ours_posts": None, "peer_posts": None, "ours_followers": None}
    result["peer_followers"] = None
    for metric, label in ((Metric.MEDIA_COUNT, "posts"), (Metric.FOLLOWERS, "followers")):
        samples = MetricSample.objects.filter(
            Q(subject_kind=SubjectKind.ACCOUNT, network="instagram")
            | Q(subject_kind=SubjectKind.PEER, subject_id__in=peers),
            metric=metric,
            day__range=(start, end),
        )
        last = _per_kind(_latest_per_subject(samples))
        first = _per_kind(_latest_per_subject(samples, first=True))
        for kind, value in last.items():
            who = "ours" if kind == SubjectKind.ACCOUNT else "peer"
            result[f"{who}_{label}"] = value - first[kind] if label == "posts" else value
    return result


def _per_kind(samples) -> dict[str, int]:
    rows = samples.values("subject_kind").annotate(total=Sum("value")).order_by()
    return {row["subject_kind"]: row["total"] for row in rows}


def published_posts(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> dict[str, int]:
    """Deliveries published in the range (WIB days), per network."""
    from campaigns.models import DeliveryStatus

    queryset = Delivery.objects.annotate(day=TruncDate("published_at", tzinfo=WIB)).filter(
        status=DeliveryStatus.PUBLISHED, day__gte=start, day__lte=end
    )
    if scope.campaign_id:
        queryset = queryset.filter(post__campaign_id=scope.campaign_id)
    if scope.network:
        queryset = queryset.filter(account__network=scope.network)
    rows = queryset.values("account__network").annotate(n=Count("pk")).order_by()
    return {row["account__network"]: row["n"] for row in rows}
