"""What the dashboards read, aggregated in PostgreSQL (no per-row Python loops).

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
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate

from ..models import (
    Clipping,
    CollectionRun,
    Collector,
    Metric,
    Outlet,
    RunStatus,
    SubjectKind,
)
from ..views.common import WIB

STOCKS = {Metric.FOLLOWERS, Metric.FOLLOWING, Metric.MEDIA_COUNT, Metric.MEMBERS}
POST_FLOWS = {
    Metric.REACH,
    Metric.VIEWS,
    Metric.LIKES,
    Metric.COMMENTS,
    Metric.SHARES,
    Metric.SAVES,
    Metric.REPLIES,
    Metric.TOTAL_INTERACTIONS,
    Metric.VIDEO_VIEWS,
}
# Pages and links are counted by the site alone, mentions by the clippings alone.
SINGLE_SOURCE = {Metric.PAGE_VIEWS, Metric.LINK_CLICKS, Metric.MENTIONS}
ENGAGEMENT_PARTS = (Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.SAVES)
# Which collectors fill a metric: a failed run of one of them explains a missing day.
COLLECTORS = {
    Metric.FOLLOWERS: [
        Collector.INSTAGRAM_PUBLIC,
        Collector.INSTAGRAM_INSIGHTS,
        Collector.FACEBOOK_INSIGHTS,
        Collector.TELEGRAM_MEMBERS,
    ],
    Metric.PAGE_VIEWS: [Collector.SITE_TRAFFIC],
    Metric.LINK_CLICKS: [Collector.SITE_TRAFFIC],
    Metric.MENTIONS: [Collector.NEWS_FEEDS],
}
INSIGHTS = [Collector.INSTAGRAM_INSIGHTS, Collector.FACEBOOK_INSIGHTS, Collector.X_METRICS]
FAILED = (RunStatus.FAILED, RunStatus.RATE_LIMITED)

CAMPAIGN_ACCOUNTS = (
    "SELECT d.account_id FROM campaigns_delivery d JOIN campaigns_post p ON p.id = d.post_id "
    "WHERE p.campaign_id = %s"
)
CAMPAIGN_PAGES = (
    "SELECT link_page_id FROM campaigns_post WHERE campaign_id = %s AND link_page_id IS NOT NULL "
    "UNION SELECT source_article_id FROM campaigns_post "
    "WHERE campaign_id = %s AND source_article_id IS NOT NULL"
)


@dataclass(frozen=True)
class Scope:
    """Whose numbers: the office (all empty), one campaign, one account, one network."""

    campaign_id: int | None = None
    account_id: int | None = None
    network: str = ""


OFFICE = Scope()


def subject_filter(metric: str, scope: Scope) -> tuple[str, list]:
    """The WHERE fragment choosing the samples of ``metric`` that belong to ``scope``."""
    sql, params = ["metric = %s"], [metric]
    if metric == Metric.PAGE_VIEWS:
        sql.append("subject_kind = 'page'")
        if scope.campaign_id:
            sql.append(f"subject_id IN ({CAMPAIGN_PAGES})")
            params += [scope.campaign_id, scope.campaign_id]
    elif metric == Metric.LINK_CLICKS:
        sql.append("subject_kind = 'link'")
        if scope.campaign_id:
            sql.append("campaign_id = %s")
            params.append(scope.campaign_id)
    elif metric == Metric.MENTIONS:
        sql.append("subject_kind = 'office'")
    elif scope.campaign_id and metric in POST_FLOWS:
        sql.append("subject_kind = 'delivery' AND campaign_id = %s")
        params.append(scope.campaign_id)
    else:
        sql.append("subject_kind = 'account'")
        if scope.campaign_id:
            sql.append(f"account_id IN ({CAMPAIGN_ACCOUNTS})")
            params.append(scope.campaign_id)
    if scope.account_id:
        sql.append("account_id = %s")
        params.append(scope.account_id)
    if scope.network:
        sql.append("network = %s")
        params.append(scope.network)
    return " AND ".join(sql), params


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def daily_series_counted(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> tuple[dict[datetime.date, int], dict[datetime.date, int]]:
    """Per day: Σ over subjects of the day's value (the larger one when two sources measured
    the same subject), and how many subjects were measured. Days without any sample are
    absent — a gap, never a zero."""
    where, params = subject_filter(metric, scope)
    if metric in SINGLE_SOURCE:  # one row per subject and day already: one aggregation
        sql = (
            "SELECT day, SUM(value)::bigint, COUNT(*) FROM campaigns_metricsample "  # noqa: S608 - constant fragments; values are parameters
            f"WHERE {where} AND day BETWEEN %s AND %s GROUP BY day ORDER BY day"
        )
    else:
        sql = (
            "SELECT day, SUM(v)::bigint, COUNT(*) FROM (SELECT subject_id, day, MAX(value) AS v "  # noqa: S608 - constant fragments; values are parameters
            f"FROM campaigns_metricsample WHERE {where} AND day BETWEEN %s AND %s "
            "GROUP BY subject_id, day) per_subject GROUP BY day ORDER BY day"
        )
    rows = _rows(sql, [*params, start, end])
    return {day: value for day, value, _ in rows}, {day: n for day, _, n in rows}


def daily_series(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> dict[datetime.date, int]:
    """The per-day values of ``daily_series_counted``."""
    return daily_series_counted(metric, start, end, scope)[0]


def stock_at(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE, *, first=False
) -> int | None:
    """Σ over subjects of each one's latest (or, ``first``, earliest) value in the range."""
    where, params = subject_filter(metric, scope)
    order = "ASC" if first else "DESC"
    sql = (
        "SELECT SUM(v)::bigint FROM (SELECT DISTINCT ON (subject_id) value AS v "  # noqa: S608 - constant fragments; values are parameters
        f"FROM campaigns_metricsample WHERE {where} AND day BETWEEN %s AND %s "
        f"ORDER BY subject_id, day {order}, value DESC) latest"
    )
    return _rows(sql, [*params, start, end])[0][0]


def is_lifetime(metric: str, scope: Scope) -> bool:
    """A campaign's post metrics are lifetime totals per post (see the module docstring)."""
    return bool(scope.campaign_id) and metric in POST_FLOWS


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
    if series is not None and not is_lifetime(metric, scope):
        return sum(series.values()) if series else None
    where, params = subject_filter(metric, scope)
    per_subject = "MAX(value)" if is_lifetime(metric, scope) else "SUM(value)"
    sql = (
        f"SELECT SUM(v)::bigint FROM (SELECT subject_id, {per_subject} AS v "  # noqa: S608 - constant fragments; values are parameters
        f"FROM (SELECT subject_id, day, MAX(value) AS value FROM campaigns_metricsample "
        f"WHERE {where} AND day BETWEEN %s AND %s GROUP BY subject_id, day) d "
        "GROUP BY subject_id) s"
    )
    return _rows(sql, [*params, start, end])[0][0]


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
    sql = (
        "SELECT s.subject_id, SUM(s.v) FILTER (WHERE s.metric = ANY(%s))::bigint AS engagements, "  # noqa: S608 - constant fragments; values are parameters
        "MAX(s.v) FILTER (WHERE s.metric = 'reach') AS reach, "
        "MAX(s.v) FILTER (WHERE s.metric = 'views') AS views, "
        "MAX(d.account_id), MAX(p.text), MAX(d.permalink), MAX(a.handle), MAX(a.network) "
        "FROM (SELECT subject_id, metric, MAX(value) AS v FROM campaigns_metricsample "
        "WHERE subject_kind = 'delivery' AND day BETWEEN %s AND %s "
        "AND metric IN ('reach', 'views', 'likes', 'comments', 'shares', 'saves') "
        + ("AND campaign_id = %s " if scope.campaign_id else "")
        + "GROUP BY subject_id, metric) s "
        "JOIN campaigns_delivery d ON d.id = s.subject_id "
        "JOIN campaigns_post p ON p.id = d.post_id "
        "JOIN campaigns_socialaccount a ON a.id = d.account_id "
        "GROUP BY s.subject_id ORDER BY engagements DESC NULLS LAST, reach DESC NULLS LAST "
        "LIMIT %s"
    )
    params = [[str(m) for m in ENGAGEMENT_PARTS], start, end]
    if scope.campaign_id:
        params.append(scope.campaign_id)
    rows = _rows(sql, [*params, limit])
    keys = ("delivery_id", "engagements", "reach", "views", "account_id", "text", "permalink")
    return [{**dict(zip(keys, row, strict=False)), "account": f"{row[8]} {row[7]}"} for row in rows]


def top_articles(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE, limit: int = 10
) -> list[dict]:
    """Pages of the site by page views in the range, with their titles."""
    where, params = subject_filter(Metric.PAGE_VIEWS, scope)
    sql = (
        "SELECT s.subject_id, pg.title, pg.url_path, SUM(s.value)::bigint AS views "  # noqa: S608 - constant fragments; values are parameters
        f"FROM campaigns_metricsample s JOIN wagtailcore_page pg ON pg.id = s.subject_id "
        f"WHERE {where.replace('subject_', 's.subject_')} AND s.day BETWEEN %s AND %s "
        "GROUP BY s.subject_id, pg.title, pg.url_path ORDER BY views DESC LIMIT %s"
    )
    rows = _rows(sql, [*params, start, end, limit])
    return [dict(zip(("page_id", "title", "url_path", "page_views"), r, strict=True)) for r in rows]


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
    rows = _rows(
        "SELECT peer_set FROM campaigns_peeraccount WHERE is_active GROUP BY peer_set "
        "ORDER BY COUNT(*) DESC, peer_set LIMIT 1",
        [],
    )
    return rows[0][0] if rows else ""


def share_of_voice_counts(start: datetime.date, end: datetime.date, peer_set: str) -> dict:
    """Instagram posts published in the range (media_count at the end - at the start, per
    account) and followers at the end: our Instagram accounts vs the active peers of
    ``peer_set``. Subjects with fewer than two samples in the range count no posts."""
    sql = (
        "WITH s AS (SELECT subject_kind, subject_id, day, MAX(value) AS value "
        "FROM campaigns_metricsample WHERE metric = %s AND day BETWEEN %s AND %s AND ("
        "(subject_kind = 'account' AND network = 'instagram') OR (subject_kind = 'peer' AND "
        "subject_id IN (SELECT id FROM campaigns_peeraccount WHERE is_active AND peer_set = %s)))"
        " GROUP BY subject_kind, subject_id, day), "
        "b AS (SELECT subject_kind, subject_id, (array_agg(value ORDER BY day DESC))[1] AS last, "
        "(array_agg(value ORDER BY day ASC))[1] AS first FROM s GROUP BY subject_kind, subject_id)"
        " SELECT subject_kind, SUM(last - first)::bigint, SUM(last)::bigint, COUNT(*) "
        "FROM b GROUP BY subject_kind"
    )
    result = {"ours_posts": None, "peer_posts": None, "ours_followers": None}
    result["peer_followers"] = None
    for metric, label in ((Metric.MEDIA_COUNT, "posts"), (Metric.FOLLOWERS, "followers")):
        for kind, delta, last, _n in _rows(sql, [metric, start, end, peer_set]):
            who = "ours" if kind == SubjectKind.ACCOUNT else "peer"
            result[f"{who}_{label}"] = delta if label == "posts" else last
    return result


def published_posts(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE
) -> dict[str, int]:
    """Deliveries published in the range (WIB days), per network."""
    from ..models import Delivery, DeliveryStatus

    queryset = Delivery.objects.annotate(day=TruncDate("published_at", tzinfo=WIB)).filter(
        status=DeliveryStatus.PUBLISHED, day__gte=start, day__lte=end
    )
    if scope.campaign_id:
        queryset = queryset.filter(post__campaign_id=scope.campaign_id)
    if scope.network:
        queryset = queryset.filter(account__network=scope.network)
    rows = queryset.values("account__network").annotate(n=Count("pk")).order_by()
    return {row["account__network"]: row["n"] for row in rows}


def failed_runs(start: datetime.date, end: datetime.date) -> dict[str, dict[datetime.date, int]]:
    """Per collector, the WIB days on which it failed or was rate limited (one query)."""
    rows = (
        CollectionRun.objects.filter(status__in=FAILED)
        .annotate(day=TruncDate("started_at", tzinfo=WIB))
        .filter(day__gte=start, day__lte=end)
        .values("collector", "day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[str, dict[datetime.date, int]] = {}
    for row in rows:  # one row per (collector, day)
        result.setdefault(row["collector"], {})[row["day"]] = row["n"]
    return result


def gaps(
    metric: str,
    series: dict[datetime.date, object],
    failures: dict[str, dict],
    counts: dict[datetime.date, int] | None = None,
) -> dict[datetime.date, str]:
    """Days on which a collector of the metric failed and the day has no sample, or fewer
    subjects than the range's other days (a partial sum would draw a false dip)."""
    full = max(counts.values(), default=0) if counts else 0
    result: dict[datetime.date, str] = {}
    for collector in COLLECTORS.get(metric, INSIGHTS):
        for day, count in failures.get(collector, {}).items():
            if day in series and (counts or {}).get(day, full) >= full:
                continue
            label = Collector(collector).label
            result[day] = f"{result[day]}; " if day in result else ""
            result[day] += f"{label}: {count} kali gagal"
    return dict(sorted(result.items()))


def collector_status() -> list[CollectionRun]:
    """The latest run of each collector (one query, DISTINCT ON)."""
    runs = CollectionRun.objects.order_by("collector", "-started_at", "-pk").distinct("collector")
    return list(runs)
