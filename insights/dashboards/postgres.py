"""The dashboards' PostgreSQL fast path: the same figures as ``queries``' portable ORM
expressions, in SQL PostgreSQL plans better (``DISTINCT ON``, ``FILTER``, ``array_agg``,
aggregates over derived tables; `make bench-metrics` measured the portable window functions
3-4x slower over a year). ``queries`` calls these on PostgreSQL only;
tests/insights/test_dashboard_paths.py proves both give identical figures.

Tables and foreign-key columns are named by the models (``core.sql``); what a caller asks
for (metrics, days, ids, a network, a peer set) goes to the database as parameters. The
subject kinds and metric names a query is written for stay literals in its text, so the
planner sees them, as it would in the ORM's SQL.
"""

import datetime

from django.db import connection
from wagtail.models import Page

from campaigns.models import Delivery, Post, SocialAccount
from core.sql import column, table

from ..models import (
    CollectionRun,
    DailyRollup,
    Metric,
    MetricSample,
    PeerAccount,
    PostPeak,
    SubjectKind,
)
from ..models.metrics import POST_FLOWS
from .scope import ENGAGEMENT_PARTS, OFFICE, SINGLE_SOURCE, Scope, is_lifetime

TOP_POST_METRICS = ("reach", "views", "likes", "comments", "shares", "saves")

SAMPLE = table(MetricSample)
ROLLUP = table(DailyRollup)
PEAK = table(PostPeak)
DELIVERY = table(Delivery)
POST = table(Post)
ACCOUNT = table(SocialAccount)
PEER = table(PeerAccount)
PAGE = table(Page)
# A sample's account and campaign (denormalised from its subject), a delivery's post and
# account, a post's campaign and the pages it links to.
SAMPLE_ACCOUNT = column(MetricSample, "account")
SAMPLE_CAMPAIGN = column(MetricSample, "campaign")
DELIVERY_POST = column(Delivery, "post")
DELIVERY_ACCOUNT = column(Delivery, "account")
POST_CAMPAIGN = column(Post, "campaign")
POST_LINK_PAGE = column(Post, "link_page")
POST_SOURCE_ARTICLE = column(Post, "source_article")

CAMPAIGN_ACCOUNTS = (
    f"SELECT d.{DELIVERY_ACCOUNT} FROM {DELIVERY} d "  # noqa: S608 - names from the models
    f"JOIN {POST} p ON p.id = d.{DELIVERY_POST} WHERE p.{POST_CAMPAIGN} = %s"
)
CAMPAIGN_PAGES = (
    f"SELECT {POST_LINK_PAGE} FROM {POST} WHERE {POST_CAMPAIGN} = %s "  # noqa: S608 - names from the models
    f"AND {POST_LINK_PAGE} IS NOT NULL "
    f"UNION SELECT {POST_SOURCE_ARTICLE} FROM {POST} "
    f"WHERE {POST_CAMPAIGN} = %s AND {POST_SOURCE_ARTICLE} IS NOT NULL"
)


def subject_filter(metric: str, scope: Scope, alias: str = "") -> tuple[str, list]:
    """The WHERE fragment choosing the samples of ``metric`` that belong to ``scope`` (their
    columns qualified by ``alias`` when the query joins another table)."""
    s = f"{alias}." if alias else ""
    sql = [f"{s}metric = %s"]
    params: list[object] = [metric]
    if metric == Metric.PAGE_VIEWS:
        sql.append(f"{s}subject_kind = 'page'")
        if scope.campaign_id:
            sql.append(f"{s}subject_id IN ({CAMPAIGN_PAGES})")
            params += [scope.campaign_id, scope.campaign_id]
    elif metric == Metric.LINK_CLICKS:
        sql.append(f"{s}subject_kind = 'link'")
        if scope.campaign_id:
            sql.append(f"{s}{SAMPLE_CAMPAIGN} = %s")
            params.append(scope.campaign_id)
    elif metric == Metric.MENTIONS:
        sql.append(f"{s}subject_kind = 'office'")
    elif scope.campaign_id and metric in POST_FLOWS:
        sql.append(f"{s}subject_kind = 'delivery' AND {s}{SAMPLE_CAMPAIGN} = %s")
        params.append(scope.campaign_id)
    else:
        sql.append(f"{s}subject_kind = 'account'")
        if scope.campaign_id:
            sql.append(f"{s}{SAMPLE_ACCOUNT} IN ({CAMPAIGN_ACCOUNTS})")
            params.append(scope.campaign_id)
    if scope.account_id:
        sql.append(f"{s}{SAMPLE_ACCOUNT} = %s")
        params.append(scope.account_id)
    if scope.network:
        sql.append(f"{s}network = %s")
        params.append(scope.network)
    return " AND ".join(sql), params


def _rows(sql: str, params: list | dict) -> list[tuple]:
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
            f"SELECT day, SUM(value)::bigint, COUNT(*) FROM {SAMPLE} "  # noqa: S608 - constant fragments; values are parameters
            f"WHERE {where} AND day BETWEEN %s AND %s GROUP BY day ORDER BY day"
        )
    else:
        sql = (
            "SELECT day, SUM(v)::bigint, COUNT(*) FROM (SELECT subject_id, day, MAX(value) AS v "  # noqa: S608 - constant fragments; values are parameters
            f"FROM {SAMPLE} WHERE {where} AND day BETWEEN %s AND %s "
            "GROUP BY subject_id, day) per_subject GROUP BY day ORDER BY day"
        )
    rows = _rows(sql, [*params, start, end])
    return {day: value for day, value, _ in rows}, {day: n for day, _, n in rows}


def stock_at(
    metric: str, start: datetime.date, end: datetime.date, scope: Scope = OFFICE, *, first=False
) -> int | None:
    """Σ over subjects of each one's latest (or, ``first``, earliest) value in the range."""
    where, params = subject_filter(metric, scope)
    order = "ASC" if first else "DESC"
    sql = (
        "SELECT SUM(v)::bigint FROM (SELECT DISTINCT ON (subject_id) value AS v "  # noqa: S608 - constant fragments; values are parameters
        f"FROM {SAMPLE} WHERE {where} AND day BETWEEN %s AND %s "
        f"ORDER BY subject_id, day {order}, value DESC) latest"
    )
    return _rows(sql, [*params, start, end])[0][0]


def total_sql(metric: str, start: datetime.date, end: datetime.date, scope: Scope) -> int | None:
    """``queries.total`` for flows: Σ of daily values, or of each post's lifetime total."""
    if is_lifetime(metric, scope) and not scope.account_id and not scope.network:
        maxima, params = post_maxima([metric], start, end, scope.campaign_id)
        return _rows(f"SELECT SUM(v)::bigint FROM ({maxima}) s", params)[0][0]  # noqa: S608
    where, params = subject_filter(metric, scope)
    per_subject = "MAX(value)" if is_lifetime(metric, scope) else "SUM(value)"
    sql = (
        f"SELECT SUM(v)::bigint FROM (SELECT subject_id, {per_subject} AS v "  # noqa: S608 - constant fragments; values are parameters
        f"FROM (SELECT subject_id, day, MAX(value) AS value FROM {SAMPLE} "
        f"WHERE {where} AND day BETWEEN %s AND %s GROUP BY subject_id, day) d "
        "GROUP BY subject_id) s"
    )
    return _rows(sql, [*params, start, end])[0][0]


def post_maxima(metrics, start: datetime.date, end: datetime.date, campaign_id=None):
    """SQL for each post's largest reading of each metric in the range (a lifetime total's
    figure), as rows (subject_id, metric, v), and its parameters. A post read only within
    the range has its ``PostPeak`` row as that figure; the samples are read only for posts
    also read outside it (a year: hundreds of rows, not every daily reading)."""
    peak_campaign = "AND campaign_id = %s " if campaign_id else ""
    sample_campaign = f"AND m.{SAMPLE_CAMPAIGN} = %s " if campaign_id else ""
    sql = (
        "WITH p AS (SELECT subject_id, metric, MIN(first_day) AS f, MAX(last_day) AS l, "  # noqa: S608 - constant fragments; values are parameters
        f"MAX(peak) AS v FROM {PEAK} WHERE metric = ANY(%s) "
        + peak_campaign
        + "GROUP BY subject_id, metric HAVING MIN(first_day) <= %s AND MAX(last_day) >= %s) "
        "SELECT subject_id, metric, v FROM p WHERE f >= %s AND l <= %s "
        # A post read outside the range too: its own readings (a few dozen), found by the
        # post's key alone and filtered by day, so even the generic plan of a prepared
        # statement (dates unknown) probes per post instead of scanning the range's samples.
        "UNION ALL SELECT p.subject_id, p.metric, x.v FROM p CROSS JOIN LATERAL "
        "(SELECT MAX(m.value) FILTER (WHERE m.day BETWEEN %s AND %s "
        + sample_campaign
        + f") AS v FROM {SAMPLE} m WHERE m.subject_kind = 'delivery' "
        "AND m.subject_id = p.subject_id AND m.metric = p.metric) x "
        "WHERE (p.f < %s OR p.l > %s) AND x.v IS NOT NULL"
    )
    by_campaign = [campaign_id] if campaign_id else []
    params = [[str(m) for m in metrics], *by_campaign, end, start, start, end, start, end]
    return sql, [*params, *by_campaign, start, end]


def top_posts(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE, limit: int = 10
) -> list[dict]:
    """Our posts by engagements (likes+comments+shares+saves), then reach; each post's latest
    lifetime figures in the range (``post_maxima``)."""
    maxima, params = post_maxima(TOP_POST_METRICS, start, end, scope.campaign_id)
    sql = (
        f"WITH s AS ({maxima}) "  # noqa: S608 - constant fragments; values are parameters
        "SELECT s.subject_id, SUM(s.v) FILTER (WHERE s.metric = ANY(%s))::bigint AS engagements, "
        "MAX(s.v) FILTER (WHERE s.metric = 'reach') AS reach, "
        "MAX(s.v) FILTER (WHERE s.metric = 'views') AS views, "
        f"MAX(d.{DELIVERY_ACCOUNT}), MAX(p.text), MAX(d.permalink), MAX(a.handle), "
        f"MAX(a.network) FROM s JOIN {DELIVERY} d ON d.id = s.subject_id "
        f"JOIN {POST} p ON p.id = d.{DELIVERY_POST} "
        f"JOIN {ACCOUNT} a ON a.id = d.{DELIVERY_ACCOUNT} "
        "GROUP BY s.subject_id ORDER BY engagements DESC NULLS LAST, reach DESC NULLS LAST "
        "LIMIT %s"
    )
    params += [[str(m) for m in ENGAGEMENT_PARTS], limit]
    rows = _rows(sql, params)
    keys = ("delivery_id", "engagements", "reach", "views", "account_id", "text", "permalink")
    return [{**dict(zip(keys, row, strict=False)), "account": f"{row[8]} {row[7]}"} for row in rows]


def top_articles(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE, limit: int = 10
) -> list[dict]:
    """Pages of the site by page views in the range, with their titles."""
    where, params = subject_filter(Metric.PAGE_VIEWS, scope, alias="s")
    sql = (
        "SELECT s.subject_id, pg.title, pg.url_path, SUM(s.value)::bigint AS views "  # noqa: S608 - constant fragments; values are parameters
        f"FROM {SAMPLE} s JOIN {PAGE} pg ON pg.id = s.subject_id "
        f"WHERE {where} AND s.day BETWEEN %s AND %s "
        "GROUP BY s.subject_id, pg.title, pg.url_path ORDER BY views DESC LIMIT %s"
    )
    rows = _rows(sql, [*params, start, end, limit])
    return [dict(zip(("page_id", "title", "url_path", "page_views"), r, strict=True)) for r in rows]


def share_of_voice_counts(start: datetime.date, end: datetime.date, peer_set: str) -> dict:
    """Instagram posts published in the range (media_count at the end - at the start, per
    account) and followers at the end: our Instagram accounts vs the active peers of
    ``peer_set``. Subjects with fewer than two samples in the range count no posts. Each
    subject's first and last day are index probes (its samples carry its own network, as
    the collectors write them), not a scan of the year's samples."""
    ours = "(r.subject_kind = 'peer' OR r.network = 'instagram')"

    def at(pick: str, on: str) -> str:
        """``pick`` over the samples of the metric of the subject ``x`` that match ``on``."""
        return (
            f"(SELECT {pick} FROM {SAMPLE} r WHERE r.subject_kind = x.kind "  # noqa: S608 - constant fragments
            f"AND r.subject_id = x.id AND r.metric = %(metric)s AND {ours} AND {on})"
        )

    first_day = "r.day BETWEEN %(start)s AND %(end)s ORDER BY r.day ASC LIMIT 1"
    last_day = "r.day BETWEEN %(start)s AND %(end)s ORDER BY r.day DESC LIMIT 1"
    sql = (
        f"WITH x AS (SELECT 'account'::varchar AS kind, id FROM {ACCOUNT} "  # noqa: S608 - constant fragments; values are parameters
        f"WHERE network = 'instagram' UNION ALL SELECT 'peer', id FROM {PEER} "
        "WHERE is_active AND peer_set = %(peer_set)s), "
        f"b AS (SELECT kind, id, {at('r.day', first_day)} AS f, "
        f"{at('r.day', last_day)} AS l FROM x), "
        f"v AS (SELECT kind, {at('MAX(r.value)', 'r.day = x.l')} AS last, "
        f"{at('MAX(r.value)', 'r.day = x.f')} AS first "
        "FROM b x WHERE f IS NOT NULL) "
        "SELECT kind, SUM(last - first)::bigint, SUM(last)::bigint, COUNT(*) "
        "FROM v GROUP BY kind"
    )
    result = {"ours_posts": None, "peer_posts": None, "ours_followers": None}
    result["peer_followers"] = None
    for metric, label in ((Metric.MEDIA_COUNT, "posts"), (Metric.FOLLOWERS, "followers")):
        params = {"metric": metric, "start": start, "end": end, "peer_set": peer_set}
        for kind, delta, last, _n in _rows(sql, params):
            who = "ours" if kind == SubjectKind.ACCOUNT else "peer"
            result[f"{who}_{label}"] = delta if label == "posts" else last
    return result


# The rows of the subject ``x`` (kind, id, metric) in each table ``peer_edges`` reads: our
# accounts' rollups or samples, and the peers' samples.
EDGE_ROWS = {
    "rollup": (
        f"{ROLLUP} r WHERE r.subject_type = 'account' AND r.metric = x.metric "
        "AND r.subject_id = x.id"
    ),
    "account": (
        f"{SAMPLE} r WHERE r.subject_kind = 'account' AND r.subject_id = x.id "
        "AND r.metric = x.metric"
    ),
    "peer": (
        f"{SAMPLE} r WHERE r.subject_kind = 'peer' AND r.subject_id = x.id AND r.metric = x.metric"
    ),
}


def _edge_sql(rows: str, pick: str, on: str) -> str:
    """A scalar subquery on the subject ``x``'s ``EDGE_ROWS``: ``pick`` over the rows
    matching ``on`` (one index probe each, never a year of rows)."""
    return f"(SELECT {pick} FROM {EDGE_ROWS[rows]} AND {on})"  # noqa: S608 - constant fragments


def peer_edges(
    start, end, accounts: list[int], peers: list[int], metrics, *, rollups: bool
) -> list[tuple]:
    """``peers._by_day``'s rows, but only those its table reads: each series' first and last
    day, and each subject's latest day with likes or comments (tens of rows, not a year's),
    each found by an index probe. Our accounts' days come from their rollups (already the
    larger of two sources; ``rollups`` False reads their samples instead)."""
    ours = "rollup" if rollups else "account"
    in_range = "r.day BETWEEN %(start)s AND %(end)s"

    def edge(rows, order):
        return _edge_sql(rows, "r.day", f"{in_range} ORDER BY r.day {order} LIMIT 1")

    def value(rows):
        return _edge_sql(rows, "MAX(r.value)", "r.day = x.day")

    sql = (
        "WITH x AS (SELECT 'account'::varchar AS kind, id, metric "  # noqa: S608 - constant fragments; values are parameters
        "FROM unnest(%(accounts)s::bigint[]) id, unnest(%(metrics)s::varchar[]) metric "
        "UNION ALL SELECT 'peer', id, metric "
        "FROM unnest(%(peers)s::bigint[]) id, unnest(%(metrics)s::varchar[]) metric), "
        f"b AS (SELECT kind, id, metric, CASE WHEN kind = 'account' "
        f"THEN {edge(ours, 'ASC')} ELSE {edge('peer', 'ASC')} END AS f, "
        f"CASE WHEN kind = 'account' THEN {edge(ours, 'DESC')} "
        f"ELSE {edge('peer', 'DESC')} END AS l FROM x), "
        "e AS (SELECT kind, id, MAX(l) AS e FROM b "
        "WHERE metric IN ('likes', 'comments') GROUP BY 1, 2), "
        "d AS (SELECT kind, id, metric, f AS day FROM b WHERE f IS NOT NULL "
        "UNION SELECT kind, id, metric, l FROM b WHERE l IS NOT NULL "
        "UNION SELECT b.kind, b.id, b.metric, e.e FROM b JOIN e USING (kind, id) "
        "WHERE b.f IS NOT NULL AND e.e IS NOT NULL), "
        f"v AS (SELECT kind, id, metric, day, CASE WHEN kind = 'account' "
        f"THEN {value(ours)} ELSE {value('peer')} END AS value FROM d x) "
        "SELECT kind, id, metric, day, value FROM v WHERE value IS NOT NULL"
    )
    params = {
        "accounts": accounts,
        "peers": peers,
        "metrics": [str(m) for m in metrics],
        "start": start,
        "end": end,
    }
    return _rows(sql, params)


def collector_status() -> list[CollectionRun]:
    """The latest run of each collector (one query, DISTINCT ON)."""
    runs = CollectionRun.objects.order_by("collector", "-started_at", "-pk").distinct("collector")
    return list(runs)
