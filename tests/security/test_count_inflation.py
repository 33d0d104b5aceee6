"""One client can't inflate the counts that feed the KPI cards and the AMEC report: a page
view or a click counts once per reader, page (or link) and 30 minutes; a beacon posted from
another site's page is not counted; and nothing about the reader is stored in clear."""

import datetime

import pytest
import time_machine

from insights.models import MetricSample, TrafficEvent
from insights.tracking import events, flush
from insights.tracking.links import tracked_link_for
from tests.campaigns.factories import post

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
NOON_WIB = datetime.datetime(2026, 11, 20, 5, 0, tzinfo=datetime.UTC)


pytestmark = pytest.mark.usefixtures("traffic")  # tests/conftest.py: counting from zero


@pytest.fixture
def link(db):
    from tests.campaigns.factories import SocialAccountFactory

    account = SocialAccountFactory(network="webhook")
    return tracked_link_for(post([account], link_url="https://a.id/").deliveries.get())


def counted(kind: str, subject_id: int) -> int:
    flush.flush()
    samples = MetricSample.objects.filter(subject_kind=kind, subject_id=subject_id)
    return sum(samples.values_list("value", flat=True))


def beacon(client, page_id, **headers):
    headers.setdefault("HTTP_USER_AGENT", CHROME)
    response = client.post(f"/v/{page_id}", **headers)
    assert response.status_code == 204
    return response


def test_two_hundred_beacons_from_one_client_count_one_view(client, published_article):
    # when one client posts the beacon 200 times
    with time_machine.travel(NOON_WIB, tick=False):
        for _ in range(200):
            beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.7")
    # then the page has one view
    assert counted("page", published_article.pk) == 1


def test_same_reader_counts_again_after_thirty_minutes(client, published_article):
    # given a reader counted at noon
    with time_machine.travel(NOON_WIB, tick=False):
        beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.7")
    store = events.client()
    seen = store.keys(events.seen_key(events.keys()[0], "v", published_article.pk, "*"))
    assert len(seen) == 1 and 1790 <= store.ttl(seen[0]) <= 1800
    # when the window has passed (Redis expires the key) and they read it again
    store.delete(*seen)
    with time_machine.travel(NOON_WIB + datetime.timedelta(minutes=31), tick=False):
        beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.7")
    # then it is a second view
    assert counted("page", published_article.pk) == 2


def test_other_readers_and_other_pages_still_count(client, published_article, home_page):
    with time_machine.travel(NOON_WIB, tick=False):
        beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.7")
        beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.8")  # another address
        beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT=FIREFOX)
        beacon(client, home_page.pk, REMOTE_ADDR="203.0.113.7")  # another page
    assert counted("page", published_article.pk) == 3
    assert counted("page", home_page.pk) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://penipu.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "https://lain.tangerangkota.go.id"},
    ],
    ids=["foreign-origin", "null-origin", "cross-site", "sibling-site"],
)
def test_beacon_from_another_sites_page_is_not_counted(client, published_article, headers):
    beacon(client, published_article.pk, **headers)
    assert counted("page", published_article.pk) == 0


def test_beacon_from_our_own_page_is_counted(client, published_article, settings):
    # sendBeacon from our page: the browser sends our origin
    beacon(client, published_article.pk, HTTP_ORIGIN="http://testserver")
    beacon(
        client,
        published_article.pk,
        HTTP_ORIGIN=settings.PUBLIC_BASE_URL,
        HTTP_SEC_FETCH_SITE="same-origin",
        REMOTE_ADDR="203.0.113.9",
    )
    assert counted("page", published_article.pk) == 2


def test_fifty_clicks_from_one_client_count_one_click(client, link):
    # when one client follows the short link fifty times, from Instagram's in-app browser
    for _ in range(50):
        response = client.get(
            f"/l/{link.code}",
            HTTP_USER_AGENT=CHROME,
            REMOTE_ADDR="203.0.113.7",
            HTTP_SEC_FETCH_SITE="cross-site",  # a click from another site is normal
        )
        # then every one is redirected
        assert response.status_code == 302
    # and one click is counted
    assert counted("link", link.pk) == 1


def test_without_redis_one_client_still_counts_once(client, link, published_article, settings):
    # given no Redis for traffic (`make run`): events go straight to the database
    settings.TRAFFIC_REDIS_URL = ""
    # when one client clicks and reads ten times each
    for _ in range(10):
        client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="203.0.113.7")
        beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.7")
    # then one of each is written
    assert TrafficEvent.objects.filter(link=link).count() == 1
    assert TrafficEvent.objects.filter(page_id=published_article.pk).count() == 1


def test_behind_the_proxy_readers_are_told_apart_by_the_trusted_header(
    client, published_article, settings
):
    # given a reverse proxy that appends the client's address to X-Forwarded-For
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    # when two readers come through it (everything arrives from the proxy's address), and one
    # of them forges a first X-Forwarded-For entry on every request
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        beacon(
            client,
            published_article.pk,
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"{forged}, 198.51.100.1",
        )
    beacon(
        client, published_article.pk, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    # then the forger counts once, and the other reader once
    assert counted("page", published_article.pk) == 2


def test_the_reader_is_never_stored_in_clear(client, published_article):
    # when a reader is counted
    beacon(client, published_article.pk, REMOTE_ADDR="203.0.113.77")
    flush.flush()
    # then neither their address nor their browser is in Redis or in the database
    store = events.client()
    everything = b" ".join(
        list(store.keys("*"))
        + [store.get(key) or b"" for key in store.keys("*") if store.type(key) == b"string"]
    )
    assert b"203.0.113.77" not in everything and b"Chrome" not in everything
    rows = " ".join(str(row) for row in TrafficEvent.objects.values())
    assert "203.0.113.77" not in rows and "Chrome" not in rows
    # and no cookie was set
    assert not client.cookies


def test_dashboard_method_note_says_how_views_are_counted(client, users):
    client.force_login(users["analyst"])
    page = client.get("/admin/campaigns/dashboards/").content.decode()
    assert "dihitung sekali per halaman tiap 30 menit" in page
    assert "dihitung sekali per tautan tiap 30 menit" in page
