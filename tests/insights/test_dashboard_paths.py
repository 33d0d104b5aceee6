"""The dashboards' two paths give identical figures: the portable ORM expressions (what
SQLite runs under `make run`) and the PostgreSQL fast path (insights/dashboards/postgres.py).
`make smoke` proves the portable path renders on SQLite; this proves it counts the same."""

import pytest

from insights.dashboards import collection, peers, queries
from insights.dashboards.queries import OFFICE, Scope
from insights.models import Metric, PeerAccount
from tests.insights.metrics_data import END, START, seed_week

pytestmark = pytest.mark.django_db


def figures(scopes: list[Scope], peer_set: str) -> dict:
    """Everything the dashboards and the report read from the metric samples."""
    result = {}
    for scope in scopes:
        for metric in Metric.values:
            result[scope, metric, "series"] = queries.daily_series_counted(
                metric, START, END, scope
            )
            result[scope, metric, "total"] = queries.total(metric, START, END, scope)
            result[scope, metric, "first"] = queries.stock_at(metric, START, END, scope, first=True)
        result[scope, "top_posts"] = queries.top_posts(START, END, scope)
        result[scope, "top_articles"] = queries.top_articles(START, END, scope)
    result["sov"] = queries.share_of_voice_counts(START, END, peer_set)
    result["peers"] = peers.peer_table(START, END, peer_set)
    result["collectors"] = [run.pk for run in collection.collector_status()]
    return result


def test_the_portable_queries_give_the_postgresql_fast_paths_figures(
    users, published_article, monkeypatch
):
    # given the hand-checked week of metrics, two sources for some followers included
    week = seed_week(users["social"], published_article)
    campaign = week["campaign"]
    scopes = [OFFICE, Scope(campaign_id=campaign.pk), Scope(network="instagram")]
    peer_set = PeerAccount.objects.values_list("peer_set", flat=True).first()
    # when the figures are read through the fast path, then through the portable one
    fast = figures(scopes, peer_set)
    monkeypatch.setattr(queries, "POSTGRES_FAST_PATH", False)
    portable = figures(scopes, peer_set)
    # then they are the same, and there was something to compare
    assert portable == fast
    assert fast[OFFICE, Metric.FOLLOWERS, "total"] == 3060
    assert fast[Scope(campaign_id=campaign.pk), "top_posts"]
    assert fast["sov"]["ours_posts"] == 6
