"""Prometheus metrics on one non-public endpoint: request latency by view, page-cache hits
and misses, deliveries by state, dispatch lag, the heartbeat's age and collector failures."""

import datetime

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from campaigns.models import DeliveryStatus
from insights.models import CollectionRun
from tests.campaigns.factories import SocialAccountFactory, post
from tests.factories import article, newspaper_edition

pytestmark = pytest.mark.django_db

TOKEN = "rahasia-prometheus-uji-0123456789"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client) -> dict[tuple[str, tuple], float]:
    """Every sample of /metrics, keyed by (name, sorted labels)."""
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.mark.parametrize("authorization", [None, "Bearer salah", f"Token {TOKEN}"])
def test_metrics_are_not_public(client, metrics_token, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    assert client.get("/metrics", **headers).status_code == 404


def test_metrics_are_off_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_request_latency_by_view_and_page_cache_hits(client, metrics_token, publications):
    story = article(newspaper_edition(publications["koran"]))
    before = scrape(client)

    # when a reader opens the article twice (rendered, then from the page cache)
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    after = scrape(client)

    def grew(name, **labels):
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    # then each is timed under its view, and the cache's hits and misses are counted
    assert grew("benteng_request_duration_seconds_count", view="wagtail_serve", method="GET") == 1
    assert grew("benteng_request_duration_seconds_count", view="page_cache", method="GET") == 1
    assert grew("benteng_page_cache_requests_total", result="miss") == 1
    assert grew("benteng_page_cache_requests_total", result="hit") == 1
    assert grew("benteng_responses_total", view="wagtail_serve", status="2xx") == 1


def test_deliveries_by_state_dispatch_lag_and_collector_failures(client, metrics_token):
    # given two deliveries due ten minutes ago, one already published, and a failed collector
    now = timezone.now()
    accounts = [SocialAccountFactory(network="webhook") for _ in range(3)]
    deliveries = list(post(accounts, send_now=True).deliveries.order_by("pk"))
    for delivery in deliveries[:2]:
        delivery.status = DeliveryStatus.SCHEDULED
        delivery.due_at = now - datetime.timedelta(minutes=10)
        delivery.save()
    deliveries[2].status = DeliveryStatus.PUBLISHED
    deliveries[2].save()
    CollectionRun.objects.create(
        collector="news_feeds", started_at=now, status="failed", message="HTTP 500"
    )
    CollectionRun.objects.create(
        collector="news_feeds",
        started_at=now - datetime.timedelta(days=2),
        status="failed",
    )

    # when Prometheus scrapes
    samples = scrape(client)

    # then the database's figures are there
    assert samples[("benteng_deliveries", (("state", "scheduled"),))] == 2
    assert samples[("benteng_deliveries", (("state", "published"),))] == 1
    assert samples[("benteng_deliveries", (("state", "failed"),))] == 0
    assert 600 <= samples[("benteng_dispatch_lag_seconds", ())] < 660
    assert samples[("benteng_collector_failures_24h", (("collector", "news_feeds"),))] == 1
    assert samples[("benteng_collector_failures_24h", (("collector", "x_metrics"),))] == 0
    assert ("benteng_scheduler_heartbeat_age_seconds", ()) in samples


def test_no_dispatch_lag_when_nothing_is_due(client, metrics_token):
    assert scrape(client)[("benteng_dispatch_lag_seconds", ())] == 0
