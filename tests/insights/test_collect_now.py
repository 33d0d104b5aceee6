""" "Kumpulkan sekarang": an analyst runs one collector now instead of waiting for its schedule.
The click enqueues the collector's own task on the real broker; a real worker runs it and its
run appears on the status page. A flood of clicks is one run."""

import json

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from pytest_httpserver import HTTPServer

from insights.models import CollectionRun, Collector, Outlet, RunStatus
from tests.campaigns.worker import Broker, Worker, database_url, wait_until

STATUS = "campaigns_collector_status:index"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title>
<item><title>Kota Tangerang menanam 1.000 pohon</title><link>https://warta.example/a</link>
<pubDate>Mon, 30 Nov 2026 08:00:00 +0700</pubDate></item></channel></rss>"""


def run_now_url(collector: str) -> str:
    return reverse("campaigns_collector_status:run_now", args=[collector])


def queued_tasks(queue: str = "celery") -> list[str]:
    """Names of the tasks waiting on the test broker's queue."""
    broker = Broker(django_settings.CELERY_BROKER_URL)
    with broker.client() as client:
        messages = client.lrange(broker.key(queue), 0, -1)
    return [json.loads(raw)["headers"]["task"] for raw in messages]


def empty(broker: Broker) -> None:
    broker.purge()
    with broker.client() as client:
        client.delete(broker.key("instaloader"))


@pytest.fixture
def broker():
    broker = Broker(django_settings.CELERY_BROKER_URL)
    empty(broker)
    for collector in Collector:
        cache.delete(f"collector-run-now:{collector}")
    yield broker
    empty(broker)


def test_an_analyst_sees_a_button_per_collector_and_a_manager_none(client, users, db):
    client.force_login(users["analyst"])
    soup = BeautifulSoup(client.get(reverse(STATUS)).content, "html.parser")
    buttons = {b["data-collector"] for b in soup.select("[data-collect-now] button")}
    assert {Collector.NEWS_FEEDS, Collector.INSTAGRAM_INSIGHTS, Collector.SITE_TRAFFIC} <= buttons
    client.force_login(users["social"])
    response = client.get(reverse(STATUS))
    assert response.status_code in (302, 403) or b"data-collect-now" not in response.content


def test_a_click_enqueues_the_collector_once_however_often_it_is_clicked(client, users, broker):
    # given an analyst on the status page
    client.force_login(users["analyst"])
    # when they click "Umpan berita" twenty times
    responses = [client.post(run_now_url(Collector.NEWS_FEEDS)) for _ in range(20)]
    # then the news-feed poll is enqueued once, and each click is told what happened
    assert queued_tasks() == ["insights.poll_news_feeds"]
    assert all(r.status_code == 302 and r.url == reverse(STATUS) for r in responses)
    first = client.get(reverse(STATUS))  # the first click's message was shown by now
    assert "sudah diminta" in first.content.decode()


def test_instaloader_collectors_go_to_their_single_queue(client, users, broker):
    client.force_login(users["head"])
    client.post(run_now_url(Collector.INSTAGRAM_PUBLIC))
    assert queued_tasks("instaloader") == ["insights.collect_instagram_public"]


@pytest.mark.parametrize("role", ["social", "editor_koran"])
def test_other_roles_cannot_run_a_collector(client, users, broker, role):
    client.force_login(users[role])
    assert client.post(run_now_url(Collector.NEWS_FEEDS)).status_code in (302, 403)
    assert queued_tasks() == []


def test_unknown_collector_and_get_are_refused(client, users, broker):
    client.force_login(users["analyst"])
    assert client.post(run_now_url("alerts")).status_code == 404
    assert client.post(run_now_url("news_feeds<script>")).status_code == 404
    assert client.get(run_now_url(Collector.NEWS_FEEDS)).status_code == 405
    assert queued_tasks() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("leave_database_as_migrated")
def test_a_real_worker_polls_the_feeds_right_after_the_click(
    client, users, broker, settings, tmp_path
):
    # given an outlet whose feed a local server serves, and a worker
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    server.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    host = f"127.0.0.1:{server.port}"
    Outlet.objects.create(name="Warta Kota", feed_url=server.url_for("/rss"))
    worker = Worker(
        database_url=database_url(connection.settings_dict),
        broker_url=broker.url,
        log_path=tmp_path / "worker.log",
        env={"OUTBOUND_ALLOW_PRIVATE_HOSTS": host},
    ).start()
    try:
        # when an analyst clicks "Umpan berita (kliping)"
        client.force_login(users["analyst"])
        client.post(run_now_url(Collector.NEWS_FEEDS))
        # then the feed is read within seconds, not at the next half hour
        run = wait_until(
            lambda: CollectionRun.objects.filter(
                collector=Collector.NEWS_FEEDS, status=RunStatus.OK
            ).first(),
            timeout=60,
            what="the news-feed run",
        )
        assert run.subject == "Warta Kota"
    finally:
        worker.kill()
        server.stop()
