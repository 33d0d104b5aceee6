"""The dashboards' series read from the daily rollups (``DailyRollup``) instead of every
subject's samples: a year is 365 rows per metric (or per metric and account), on PostgreSQL
and SQLite alike. The figures are the samples' own (tests/insights/test_rollups.py compares
them over random data); ``queries`` falls back to the samples for the scopes no rollup
covers (one network, one account, a campaign's pages).
"""

import datetime

from django.db import connection
from django.db.models import Count, F, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber

from campaigns.models import Delivery

from ..models import DailyRollup, Metric, RollupSubject
from ..models.metrics import POST_FLOWS

# The campaign's figure of a metric is the office's (mentions are the office's coverage).
OFFICE_WIDE = {Metric.MENTIONS}


def plain(scope) -> bool:
    """The office or a whole campaign: the scopes the rollups are kept for."""
    return not scope.account_id and not scope.network


def _campaign_accounts(campaign_id: int):
    return Delivery.objects.filter(post__campaign_id=campaign_id).values("account_id")


def _rows(metric: str, start: datetime.date, end: datetime.date, scope):
    """The rollup rows whose per-day Σ is the scope's daily series, or None when no rollup
    covers it (``queries`` then reads the samples)."""
    if not plain(scope):
        return None
    rows = DailyRollup.objects.filter(metric=metric, day__gte=start, day__lte=end)
    if not scope.campaign_id or metric in OFFICE_WIDE:
        return rows.filter(subject_type=RollupSubject.OFFICE, subject_id=0)
    if metric == Metric.LINK_CLICKS:
        return rows.filter(subject_type=RollupSubject.CAMPAIGN, subject_id=scope.campaign_id)
    if metric in (Metric.PAGE_VIEWS, *POST_FLOWS):
        return None  # pages by link, posts as lifetime totals (``lifetime_series``)
    accounts = _campaign_accounts(scope.campaign_id)
    return rows.filter(subject_type=RollupSubject.ACCOUNT, subject_id__in=accounts)


def daily_series_counted(metric, start, end, scope):
    """``queries.daily_series_counted`` from the rollups, or None when none covers it."""
    rows = _rows(metric, start, end, scope)
    if rows is None:
        return None
    if _per_account(metric, scope):
        rows = rows.values("day").annotate(v=Sum("value"), n=Count("pk")).order_by("day")
        found = list(rows.values_list("day", "v", "n"))
    else:
        found = list(rows.order_by("day").values_list("day", "value", "subjects"))
    return {day: value for day, value, _ in found}, {day: n for day, _, n in found}


def _per_account(metric: str, scope) -> bool:
    return bool(scope.campaign_id) and metric not in (Metric.LINK_CLICKS, *OFFICE_WIDE)


def stock_at(metric, start, end, scope, *, first=False):
    """``queries.stock_at`` from the accounts' rollups: Σ over accounts of each one's latest
    (``first``: earliest) day in the range. Returns (covered, value)."""
    if not plain(scope) or metric in (Metric.PAGE_VIEWS, Metric.LINK_CLICKS, Metric.MENTIONS):
        return False, None
    if scope.campaign_id and metric in POST_FLOWS:
        return False, None
    rows = DailyRollup.objects.filter(
        subject_type=RollupSubject.ACCOUNT, metric=metric, day__gte=start, day__lte=end
    )
    if scope.campaign_id:
        rows = rows.filter(subject_id__in=_campaign_accounts(scope.campaign_id))
    order = F("day").asc() if first else F("day").desc()  # one row per account and day
    if connection.vendor == "postgresql":  # DISTINCT ON: no window over every row
        edge = rows.order_by("subject_id", order).distinct("subject_id")
    else:
        edge = rows.annotate(
            _rank=Window(RowNumber(), partition_by=[F("subject_id")], order_by=[order])
        ).filter(_rank=1)
    values = list(edge.values_list("value", flat=True))
    return True, (sum(values) if values else None)


def lifetime_series(metric, start, end, scope):
    """``queries.lifetime_series`` from the campaign's rows (one per day from its posts'
    first reading to their last; later days carry the last one forward)."""
    if not plain(scope) or not scope.campaign_id or metric not in POST_FLOWS:
        return None
    rows = DailyRollup.objects.filter(
        subject_type=RollupSubject.CAMPAIGN, subject_id=scope.campaign_id, metric=metric
    )
    carried = rows.filter(day__lt=start).order_by("-day").values("day")[:1]
    found, before = {}, None
    in_range = Q(day__gte=start, day__lte=end)
    for day, value, n in rows.filter(in_range | Q(day=Subquery(carried))).values_list(
        "day", "value", "subjects"
    ):
        if day < start:
            before = value  # the last day before the range, carried into it
        else:
            found[day] = (value, n)
    totals, counts = {}, {}
    day = start
    while day <= end:
        if day in found:
            before, counts[day] = found[day]
        elif before is not None:
            counts[day] = 0
        if before is not None:
            totals[day] = before
        day += datetime.timedelta(days=1)
    return totals, counts
