"""Counted traffic becomes daily numbers: page views per page and clicks per link per WIB day,
the same numbers however often the flush runs, nothing lost when a worker dies midway, and
still counted when there is no Redis."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from insights.models import CollectionRun, MetricSample, RunStatus, TrafficEvent
from insights.tracking import events, flush
from insights.tracking.links import tracked_link_for
from tests.campaigns.factories import CampaignFactory, post

WIB = ZoneInfo("Asia/Jakarta")
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


pytestmark = pytest.mark.usefixtures("traffic")  # tests/conftest.py: counting from zero


@pytest.fixture
def link(webhook_account):
    campaign = CampaignFactory()
    delivery = post([webhook_account], link_url="https://a.id/", campaign=campaign)
    return tracked_link_for(delivery.deliveries.get())


def daily(kind: str, subject_id: int) -> dict[datetime.date, int]:
    rows = MetricSample.objects.filter(subject_kind=kind, subject_id=subject_id)
    return dict(rows.values_list("day", "value"))


# A reader counts once per link or page in 30 minutes: each click or view here is another
# reader (another address).
readers = itertools.count(1)


def another_reader() -> str:
    number = next(readers)
    return f"10.1.{number // 250}.{number % 250 + 1}"


def click(client, link, times=1):
    for _ in range(times):
        response = client.get(
            f"/l/{link.code}", HTTP_USER_AGENT=CHROME, REMOTE_ADDR=another_reader()
        )
        assert response.status_code == 302


def view(client, page_id, **headers):
    headers.setdefault("REMOTE_ADDR", another_reader())
    response = client.post(f"/v/{page_id}", HTTP_USER_AGENT=CHROME, **headers)
    assert response.status_code == 204
    return response


def today():
    return datetime.datetime.now(WIB).date()


def test_flushing_twice_gives_the_same_numbers_and_new_clicks_add_up(client, link):
    # given three clicks
    click(client, link, 3)
    # when the flush runs twice
    flush.flush()
    flush.flush()
    # then today's number is 3, with the link's campaign, network and account
    assert daily("link", link.pk) == {today(): 3}
    sample = MetricSample.objects.get(subject_kind="link", subject_id=link.pk)
    assert (sample.metric, sample.source) == ("link_clicks", "links")
    assert (sample.campaign_id, sample.network) == (link.campaign_id, "webhook")
    assert sample.account_id == link.delivery.account_id
    # and two more clicks flushed later add to it rather than replace it
    click(client, link, 2)
    flush.flush()
    assert daily("link", link.pk) == {today(): 5}
    assert TrafficEvent.objects.filter(link=link).count() == 5
    # and the three runs are the day's one row on the status page
    assert CollectionRun.objects.filter(collector="site_traffic", status="ok").count() == 1


def test_events_taken_by_a_worker_that_died_are_counted_by_the_next_run(client, link, traffic):
    # given two clicks taken for processing by a flush that then died
    click(client, link, 2)
    waiting, processing = events.keys()
    traffic.rename(waiting, processing)
    # and a click arriving afterwards
    click(client, link)
    # when the next flush runs
    flush.flush()
    # then all three count, and nothing waits any more
    assert daily("link", link.pk) == {today(): 3}
    assert not traffic.exists(waiting) and not traffic.exists(processing)


def test_a_worker_dying_after_inserting_does_not_count_twice(client, link, traffic):
    # given clicks flushed into the database, whose processing list was never deleted
    click(client, link, 4)
    waiting, processing = events.keys()
    taken = traffic.lrange(waiting, 0, -1)
    flush.flush()
    traffic.rpush(processing, *taken)
    # when the next flush processes that list again
    flush.flush()
    # then the clicks are still counted once
    assert daily("link", link.pk) == {today(): 4}
    assert TrafficEvent.objects.filter(link=link).count() == 4


def test_page_views_are_counted_per_page_per_wib_day(client, home_page, published_article):
    # given views just before and just after midnight WIB (17:00 UTC)
    before_midnight = datetime.datetime(2026, 11, 20, 16, 59, 59, tzinfo=datetime.UTC)
    after_midnight = datetime.datetime(2026, 11, 20, 17, 0, 1, tzinfo=datetime.UTC)
    with time_machine.travel(before_midnight, tick=False):
        view(client, published_article.pk)
        view(client, home_page.pk)
    with time_machine.travel(after_midnight, tick=False):
        view(client, published_article.pk)
        view(client, published_article.pk)
    # when the flush runs
    flush.flush()
    # then each page has its own number for each WIB day
    assert daily("page", published_article.pk) == {
        datetime.date(2026, 11, 20): 1,
        datetime.date(2026, 11, 21): 2,
    }
    assert daily("page", home_page.pk) == {datetime.date(2026, 11, 20): 1}
    sample = MetricSample.objects.filter(subject_kind="page").first()
    assert (sample.metric, sample.source) == ("page_views", "site")


@pytest.mark.parametrize(
    ("agent", "headers"),
    [
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", {}),
        ("", {}),
        (CHROME, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        (CHROME, {"HTTP_SEC_FETCH_SITE": "cross-site"}),  # another site's page posting to us
    ],
    ids=["crawler", "no-agent", "prerender", "cross-site"],
)
def test_beacon_from_bots_prefetch_or_other_sites_is_not_counted(
    client, published_article, agent, headers
):
    response = client.post(f"/v/{published_article.pk}", HTTP_USER_AGENT=agent, **headers)
    assert response.status_code == 204
    flush.flush()
    assert daily("page", published_article.pk) == {}


def test_beacon_for_a_page_that_does_not_exist_or_is_not_live_is_not_counted(
    client, published_article
):
    # given an unpublished page
    published_article.unpublish()
    # when views of it and of a page that never existed arrive
    view(client, published_article.pk)
    view(client, 987_654)
    flush.flush()
    # then nothing is counted
    assert not MetricSample.objects.exists()


def test_beacon_answers_204_without_cookie_or_cache_and_needs_post(client, published_article):
    response = view(client, published_article.pk, HTTP_SEC_FETCH_SITE="same-origin")
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert client.get(f"/v/{published_article.pk}").status_code == 405
    flush.flush()
    assert daily("page", published_article.pk) == {today(): 1}


def test_pages_carry_the_beacon_and_other_views_do_not(client, published_article):
    # when a reader opens an article, and the search page
    article = client.get(published_article.url).content.decode()
    search = client.get(reverse("search") + "?q=banjir").content.decode()
    # then the article loads the beacon for its own id; the search page has none
    assert f'src="/static/js/beacon.js" data-page="{published_article.pk}"' in article
    assert "beacon.js" not in search


def test_without_redis_events_go_to_the_database_and_still_count(client, link, settings):
    # given no Redis for traffic (as in `make run`)
    settings.TRAFFIC_REDIS_URL = ""
    # when a person clicks twice and the flush runs
    click(client, link, 2)
    assert TrafficEvent.objects.filter(link=link).count() == 2
    flush.flush()
    flush.flush()
    # then the day's number is 2
    assert daily("link", link.pk) == {today(): 2}


def test_redis_down_still_redirects_counts_and_shows_a_partial_run(client, link, settings):
    # given Redis unreachable (nothing listens on port 9)
    settings.TRAFFIC_REDIS_URL = "redis://127.0.0.1:9/0"
    # when a person clicks: the redirect works, and the click is written to the database
    click(client, link)
    flush.flush()
    # then it is counted, and the run says Redis could not be reached
    assert daily("link", link.pk) == {today(): 1}
    run = CollectionRun.objects.get(collector="site_traffic")
    assert run.status == RunStatus.PARTIAL and "Redis" in run.message


def test_malformed_events_are_skipped(client, link, traffic):
    traffic.rpush(events.keys()[0], b"x1:2", b"c:", b"vabc:1")
    click(client, link)
    flush.flush()
    assert daily("link", link.pk) == {today(): 1}


def test_a_day_of_minute_flushes_is_one_row_and_failures_keep_their_own(client, link, settings):
    # given a flush every minute for a day: 3 successful ones, then Redis down, then one more
    day = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    written = 0
    for minute in range(3):
        with time_machine.travel(day + datetime.timedelta(minutes=minute), tick=False):
            click(client, link)
            written += flush.flush()
    working_redis = settings.TRAFFIC_REDIS_URL
    settings.TRAFFIC_REDIS_URL = "redis://127.0.0.1:9/0"
    with time_machine.travel(day + datetime.timedelta(minutes=3), tick=False):
        click(client, link)
        flush.flush()
    settings.TRAFFIC_REDIS_URL = working_redis
    # then the successful runs are one row for the day, and the partial run has its own
    runs = CollectionRun.objects.filter(collector="site_traffic").order_by("started_at")
    assert [run.status for run in runs] == [RunStatus.OK, RunStatus.PARTIAL]
    ok = runs[0]
    assert written > 0 and ok.samples_written == written
    assert ok.message.startswith("Terakhir 09.02 WIB:")
    # and the next day starts a new row
    with time_machine.travel(day + datetime.timedelta(days=1), tick=False):
        flush.flush()
    assert CollectionRun.objects.filter(status=RunStatus.OK).count() == 2


def test_old_successful_days_are_pruned_but_failures_are_kept(db):
    # given flush rows from 100 days ago (one success, one failure) and yesterday
    from django.utils import timezone

    from insights.models import Collector

    now = timezone.now()
    for days_ago, status in ((1, RunStatus.OK), (100, RunStatus.OK), (100, RunStatus.FAILED)):
        CollectionRun.objects.create(
            collector=Collector.SITE_TRAFFIC,
            started_at=now - datetime.timedelta(days=days_ago),
            finished_at=now - datetime.timedelta(days=days_ago),
            status=status,
        )
    # when the flush runs
    flush.flush()
    # then the success older than 90 days is gone; the failure and recent days stay
    kept = CollectionRun.objects.filter(started_at__lt=now - datetime.timedelta(days=90))
    assert list(kept.values_list("status", flat=True)) == [RunStatus.FAILED]
    assert CollectionRun.objects.filter(status=RunStatus.OK).count() == 2  # yesterday + today
