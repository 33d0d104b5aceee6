"""Mainstream media: keyword matching, URL dedup, and polling real feeds served from a local
HTTP server, with the faults a newsroom's feed really has (broken XML, an HTML error page,
an HTTP error, no answer in time)."""

import datetime
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from insights.clippings.matching import KeywordMatcher, normalise_url
from insights.clippings.poll import poll_news_feeds
from insights.models import (
    Clipping,
    CollectionRun,
    KeywordRule,
    Metric,
    MetricSample,
    Outlet,
    Source,
    SubjectKind,
)
from tests.fakes.outbound import allow

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"
WIB = ZoneInfo("Asia/Jakarta")
RSS = "application/rss+xml; charset=utf-8"


def feed(name: str) -> str:
    return (FEEDS / name).read_text(encoding="utf-8")


@pytest.fixture
def feeds_server(settings):
    """A threaded server, so one feed that never answers does not hold up the others; the
    guarded outbound client may reach it."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    allow(settings, server.url_for("/"))
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def keywords(db):
    for phrase in ("Kota Tangerang", "Tangerang LIVE"):
        KeywordRule.objects.create(phrase=phrase)
    KeywordRule.objects.create(phrase="Adipura", is_active=False)


def outlet(server: HTTPServer, name: str, path: str, **fields) -> Outlet:
    return Outlet.objects.create(name=name, feed_url=server.url_for(path), **fields)


def serve(server: HTTPServer, path: str, body: str, content_type: str = RSS) -> None:
    server.expect_request(path).respond_with_data(body, content_type=content_type)


def office_mentions() -> dict[datetime.date, int]:
    return dict(
        MetricSample.objects.filter(
            subject_kind=SubjectKind.OFFICE,
            subject_id=0,
            metric=Metric.MENTIONS,
            source=Source.CLIPPINGS,
        ).values_list("day", "value")
    )


# --- Matching and URLs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "title", "summary", "matches"),
    [
        ("Kota Tangerang", "Pemkot Kota Tangerang resmikan taman", "", True),
        ("Kota Tangerang", "KOTA   tangerang raih penghargaan", "", True),
        ("Kota Tangerang", "Wali Kota-Tangerang, Sachrudin, hadir", "", True),
        ("Kota Tangerang", "Banjir surut", "<p>Pemerintah <b>Kota</b> Tangerang</p>", True),
        ("Festival Cisadane", "FÉSTIVAL Cisádane dibuka", "", True),
        ("Tangerang LIVE", "Konser TangerangLIVEly di Serpong", "", False),
        ("Tangerang LIVE", "Tangerang LIVEly", "", False),
        ("Kota Tangerang", "Kabupaten Tangerang menanam pohon", "", False),
    ],
)
def test_keyword_rules_match_whole_phrases_whatever_the_typography(phrase, title, summary, matches):
    # given one rule
    matcher = KeywordMatcher([phrase])

    # when a title and summary are checked
    found = matcher.matches(title, summary)

    # then the phrase is found only as a whole phrase
    assert found == ([phrase] if matches else [])


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        (
            "https://Radar.Example/berita/1/?utm_source=rss&id=5&utm_medium=x#komentar",
            "https://radar.example/berita/1?id=5",
        ),
        ("https://radar.example/berita/1?fbclid=IwAR0abc", "https://radar.example/berita/1"),
        ("HTTPS://radar.example/", "https://radar.example"),
        ("http://radar.example/berita/1/", "https://radar.example/berita/1"),
        (
            "https://radar.example/Berita/ABC?Halaman=2",
            "https://radar.example/Berita/ABC?Halaman=2",
        ),
    ],
)
def test_urls_are_normalised_so_tracking_variants_are_one_article(url, normalised):
    assert normalise_url(url) == normalised


# --- Polling ------------------------------------------------------------------------------


def test_matching_items_become_clippings_with_their_time_and_keywords(feeds_server, keywords):
    # given an outlet whose RSS feed has five items, three of which mention us
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    radar = outlet(feeds_server, "Radar Cisadane", "/radar.xml", audience_estimate=150_000)

    # when the feeds are polled
    poll_news_feeds()

    # then the three matching items are clippings, URLs normalised, times from the feed (UTC)
    clippings = {c.url: c for c in Clipping.objects.all()}
    assert set(clippings) == {
        "https://radar.example/berita/taman-cisadane",
        "https://radar.example/berita/layanan-baru",
        "https://radar.example/berita/adipura",
    }
    taman = clippings["https://radar.example/berita/taman-cisadane"]
    assert taman.outlet == radar
    assert taman.published_at == datetime.datetime(2025, 6, 10, 3, 0, tzinfo=datetime.UTC)
    assert taman.matched_keywords == "Kota Tangerang"
    assert taman.summary == "Wali kota meresmikan taman baru di tepi sungai."
    assert taman.tone == ""
    assert not taman.is_manual
    assert clippings["https://radar.example/berita/layanan-baru"].matched_keywords == (
        "Tangerang LIVE"
    )
    # and the outlet and its run say so
    radar.refresh_from_db()
    assert (radar.last_status, radar.last_error) == ("ok", "")
    assert radar.last_polled_at is not None
    run = CollectionRun.objects.get(collector="news_feeds")
    assert (run.subject, run.status, run.samples_written) == ("Radar Cisadane", "ok", 3)
    assert run.message == "5 entri dibaca, 3 cocok, 3 baru."


def test_second_poll_with_utm_variants_adds_only_the_new_item_and_keeps_the_tone(
    feeds_server, keywords, users
):
    # given a first poll, and an analyst who rated one clipping
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    outlet(feeds_server, "Radar Cisadane", "/radar.xml")
    poll_news_feeds()
    rated = Clipping.objects.get(url="https://radar.example/berita/taman-cisadane")
    Clipping.objects.filter(pk=rated.pk).update(tone="positive", tone_set_by=users["analyst"])

    # when the feed is polled again, now listing the same articles with other tracking
    # parameters, a fbclid, a trailing slash, http for https and a new title, plus one new
    # article
    feeds_server.clear()
    serve(feeds_server, "/radar.xml", feed("radar_again.xml"))
    poll_news_feeds()

    # then only the new article is added, and the rated one is untouched
    assert Clipping.objects.count() == 4
    assert Clipping.objects.filter(url="https://radar.example/berita/festival").exists()
    rated.refresh_from_db()
    assert rated.title == "Pemkot Kota Tangerang resmikan Taman Cisadane"
    assert (rated.tone, rated.tone_set_by) == ("positive", users["analyst"])
    latest = CollectionRun.objects.filter(collector="news_feeds").first()
    assert latest.message == "3 entri dibaca, 3 cocok, 1 baru."


def test_daily_mentions_are_counted_per_wib_day_and_never_doubled(feeds_server, keywords):
    # given an RSS outlet and an Atom outlet; one RSS item is 18:30 UTC on 10 June,
    # which is 01:30 WIB on 11 June
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    serve(feeds_server, "/warta.atom", feed("warta.atom"), "application/atom+xml")
    outlet(feeds_server, "Radar Cisadane", "/radar.xml")
    outlet(feeds_server, "Warta Banten", "/warta.atom")

    # when the feeds are polled twice
    poll_news_feeds()
    first = office_mentions()
    poll_news_feeds()

    # then 10 June WIB has 3 clippings (taman, adipura, banjir) and 11 June has 1, both times
    assert first == {datetime.date(2025, 6, 10): 3, datetime.date(2025, 6, 11): 1}
    assert office_mentions() == first


def test_later_poll_recounts_the_day_it_adds_to(feeds_server, keywords):
    # given a first poll: 10 June WIB has 2 clippings, 11 June has 1
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    outlet(feeds_server, "Radar Cisadane", "/radar.xml")
    poll_news_feeds()
    assert office_mentions() == {datetime.date(2025, 6, 10): 2, datetime.date(2025, 6, 11): 1}

    # when a second poll adds the festival item (02:00 UTC 11 June = 09:00 WIB 11 June)
    feeds_server.clear()
    serve(feeds_server, "/radar.xml", feed("radar_again.xml"))
    poll_news_feeds()

    # then 11 June counts 2
    assert office_mentions() == {datetime.date(2025, 6, 10): 2, datetime.date(2025, 6, 11): 2}


def test_item_without_a_date_is_dated_when_it_was_found(feeds_server, keywords):
    # given a feed item with no publication date
    body = feed("radar.xml").replace("<pubDate>Tue, 10 Jun 2025 03:00:00 +0000</pubDate>", "")
    serve(feeds_server, "/radar.xml", body)
    outlet(feeds_server, "Radar Cisadane", "/radar.xml")
    before = datetime.datetime.now(datetime.UTC)

    # when polled
    poll_news_feeds()

    # then its time is the poll's
    taman = Clipping.objects.get(url="https://radar.example/berita/taman-cisadane")
    assert before <= taman.published_at <= datetime.datetime.now(datetime.UTC)


def slow_feed(request):
    time.sleep(1.5)
    return Response(feed("warta.atom"), content_type="application/atom+xml")


FAULTS = [
    pytest.param(
        lambda server: serve(server, "/a", feed("malformed.xml")),
        "Umpan rusak (XML tidak sah) dan tidak ada berita yang terbaca.",
        id="malformed-xml",
    ),
    pytest.param(
        lambda server: serve(server, "/a", feed("not_a_feed.html"), "text/html"),
        "Umpan tidak dapat dibaca: bukan RSS/Atom.",
        id="html-error-page",
    ),
    pytest.param(
        lambda server: server.expect_request("/a").respond_with_data("sibuk", status=503),
        "Umpan menjawab HTTP 503.",
        id="http-503",
    ),
    pytest.param(
        lambda server: server.expect_request("/a").respond_with_handler(slow_feed),
        "Umpan tidak menjawab dalam 0.5 detik.",
        id="timeout",
    ),
]


@pytest.mark.parametrize(("break_feed", "message"), FAULTS)
def test_broken_feed_marks_its_outlet_and_run_failed_and_the_others_are_polled(
    feeds_server, keywords, settings, break_feed, message
):
    # given a broken feed polled first (outlets go by name), whose earlier clipping was
    # rated, and a healthy outlet after it; the feed timeout is half a second
    settings.FEED_TIMEOUT_SECONDS = 0.5
    break_feed(feeds_server)
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    broken = outlet(feeds_server, "Antara Banten", "/a")
    healthy = outlet(feeds_server, "Radar Cisadane", "/radar.xml")
    earlier = Clipping.objects.create(
        outlet=broken,
        url="https://antara.example/berita/lama",
        title="Kota Tangerang kemarin",
        published_at=datetime.datetime(2025, 6, 9, 5, 0, tzinfo=datetime.UTC),
        tone="neutral",
    )

    # when the feeds are polled
    result = poll_news_feeds()

    # then the broken outlet and its run carry the reason
    broken.refresh_from_db()
    assert (broken.last_status, broken.last_error) == ("failed", message)
    run = CollectionRun.objects.get(subject="Antara Banten")
    assert (run.status, run.message) == ("failed", message)
    # and the healthy outlet was polled all the same
    healthy.refresh_from_db()
    assert healthy.last_status == "ok"
    assert Clipping.objects.filter(outlet=healthy).count() == 3
    assert result == {"outlets_ok": 1, "outlets_failed": 1, "clippings_created": 3}
    # and nothing collected before was lost or changed
    earlier.refresh_from_db()
    assert (earlier.title, earlier.tone) == ("Kota Tangerang kemarin", "neutral")


def test_unreachable_feed_is_reported_without_its_address(keywords, settings):
    # given an outlet whose feed host refuses connections (a closed port; token in the URL)
    closed = HTTPServer(host="127.0.0.1", port=0)
    closed.start()
    url = closed.url_for("/rss?token=rahasia")
    closed.stop()
    allow(settings, url)
    Outlet.objects.create(name="Banten Hari Ini", feed_url=url)

    # when polled
    poll_news_feeds()

    # then the error says what happened, and not where
    run = CollectionRun.objects.get(subject="Banten Hari Ini")
    assert (run.status, run.message) == ("failed", "Tidak dapat terhubung ke umpan.")
    assert "rahasia" not in Outlet.objects.get().last_error


def test_damaged_feed_keeps_what_could_be_read_and_says_so(feeds_server, keywords):
    # given a feed cut off in its second item
    serve(feeds_server, "/radar.xml", feed("damaged.xml"))
    radar = outlet(feeds_server, "Radar Cisadane", "/radar.xml")

    # when polled
    poll_news_feeds()

    # then the complete item is a clipping, and the run and outlet say the feed was damaged
    assert list(Clipping.objects.values_list("url", flat=True)) == [
        "https://radar.example/berita/posko-mudik"
    ]
    run = CollectionRun.objects.get()
    assert run.status == "partial"
    assert run.message.startswith("Umpan tidak sepenuhnya sah")
    radar.refresh_from_db()
    assert radar.last_status == "partial"


def test_inactive_outlets_and_outlets_without_feed_are_not_polled(feeds_server, keywords):
    # given an inactive outlet and an outlet entered for manual clippings only
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    outlet(feeds_server, "Radar Cisadane", "/radar.xml", is_active=False)
    Outlet.objects.create(name="Tangerang Ekspres (cetak)")

    # when the feeds are polled
    poll_news_feeds()

    # then no request was made and no run recorded
    assert feeds_server.log == []
    assert not CollectionRun.objects.exists()
    assert not Clipping.objects.exists()


def test_tasks_are_registered_under_the_names_beat_sends():
    # given the worker's task modules, as autodiscovery imports them
    import insights.tasks  # noqa: F401
    from cms.celery import app

    # then the beat schedule's names resolve to our tasks
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"insights.poll_news_feeds", "insights.check_alerts"} <= scheduled
    assert "insights.poll_news_feeds" in app.tasks
    assert "insights.check_alerts" in app.tasks


@pytest.mark.parametrize(
    ("title", "matches"),
    [
        ("Kota Tangerang Selatan gelar bazar", False),
        ("Kota Tangerang dan Kota Tangerang Selatan kerja sama", True),
        ("Wali Kota Tangerang hadir", True),
        ("Kota Tangerang selatan? Bukan, utara", False),
    ],
)
def test_a_neighbouring_city_does_not_count_as_a_mention(title, matches):
    # given "Kota Tangerang" not followed by "Selatan" (South Tangerang is another city)
    matcher = KeywordMatcher([("Kota Tangerang", "Selatan, Sel")])
    # then only a mention of our city counts
    assert bool(matcher.matches(title)) is matches


def test_only_mainstream_outlets_count_as_coverage(feeds_server, keywords):
    # given the same articles from a mainstream outlet and from an aggregator that isn't
    serve(feeds_server, "/radar.xml", feed("radar.xml"))
    serve(feeds_server, "/warta.atom", feed("warta.atom"), "application/atom+xml")
    outlet(feeds_server, "Radar Cisadane", "/radar.xml")
    outlet(feeds_server, "Agregator", "/warta.atom", is_mainstream=False)

    # when both are polled
    poll_news_feeds()

    # then both are clippings, but the day's coverage counts the mainstream outlet's only
    assert Clipping.objects.filter(outlet__name="Agregator").exists()
    radar_days = {}
    for clipping in Clipping.objects.filter(outlet__name="Radar Cisadane"):
        day = clipping.published_at.astimezone(WIB).date()
        radar_days[day] = radar_days.get(day, 0) + 1
    assert office_mentions() == radar_days
