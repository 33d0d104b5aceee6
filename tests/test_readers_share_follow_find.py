"""Readers share, follow and find: share links, Atom with images, "Terpopuler", reading time,
no listing page past the last; and the front page editors choose (lead story, breaking news)."""

import datetime
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import timezone
from wagtail.rich_text import RichText

from home.models import FrontPageSettings
from home.tasks import take_down_expired_breaking_news
from insights.models import TrafficEvent
from tests.factories import AuthorFactory, NewsImageFactory, article, newspaper_edition

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def edition(publications):
    return newspaper_edition(publications["koran"], number=12)


def test_share_links_are_plain_links_whatsapp_first(client, edition):
    # given a live article
    story = article(edition, "Taman baca dibuka", authors=[AuthorFactory()])
    absolute = settings.PUBLIC_BASE_URL + story.url

    # when a reader opens it
    share = soup_of(client.get(story.url)).find("nav", class_="share")

    # then WhatsApp, Facebook, X, Telegram and "copy link" are plain links, in that order
    links = share.find_all("a")
    assert [link.get_text() for link in links] == [
        "WhatsApp",
        "Facebook",
        "X",
        "Telegram",
        "Salin tautan",
    ]
    hosts = [urlsplit(link["href"]).netloc for link in links[:4]]
    assert hosts == ["wa.me", "www.facebook.com", "x.com", "t.me"]
    assert parse_qs(urlsplit(links[0]["href"]).query)["text"] == [f"Taman baca dibuka {absolute}"]
    assert parse_qs(urlsplit(links[1]["href"]).query)["u"] == [absolute]
    assert links[4]["href"] == absolute
    assert all("noopener" in link["rel"] for link in links[:4])


def test_reading_time_is_shown(client, edition):
    words = " ".join(["kata"] * 590)
    story = article(edition, "Panjang", body=[("paragraph", RichText(f"<p>{words}</p>"))])

    meta = soup_of(client.get(story.url)).find(class_="reading-time")

    assert meta.get_text() == "Waktu baca 3 menit"


@pytest.mark.parametrize("path", ["/pilar/liveable/?page=2", "/koran-kota-benteng/?page=9"])
def test_a_page_number_past_the_last_page_is_404(client, edition, path):
    article(edition, "Satu-satunya", pillar="liveable")

    assert client.get(path).status_code == 404
    assert client.get(path.split("=")[0] + "=1").status_code == 200


def test_atom_feed_beside_rss_with_the_hero_image(client, edition):
    # given an article with a hero image and one without
    image = NewsImageFactory()
    image.get_file_size()  # stored on upload by the admin; the factory leaves it out
    article(edition, "Berfoto", hero_image=image)
    article(edition, "Tanpa foto")

    # when a feed reader fetches the Atom and the RSS feeds
    atom = feedparser.parse(client.get("/atom/").content)
    rss = feedparser.parse(client.get("/rss/").content)

    # then both list the articles, and the one with a photo carries it as an enclosure
    assert not atom.bozo and atom.version == "atom10"
    for feed in (atom, rss):
        entries = {entry.title: entry for entry in feed.entries}
        assert set(entries) == {"Berfoto", "Tanpa foto"}
        enclosure = entries["Berfoto"].enclosures[0]
        assert enclosure.href == settings.PUBLIC_BASE_URL + image.file.url
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == image.file_size
        assert entries["Tanpa foto"].enclosures == []
    home = soup_of(client.get("/"))
    assert home.find("link", rel="alternate", type="application/atom+xml")["href"] == "/atom/"


def views(page, count, days_ago=1):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    TrafficEvent.objects.bulk_create(
        TrafficEvent(kind="view", occurred_at=moment, page_id=page.pk) for _ in range(count)
    )


def test_most_read_of_the_week_from_our_own_page_views(
    client, edition, django_capture_on_commit_callbacks
):
    # given three articles: read 3 times, once, and 9 times but last month
    often = article(edition, "Sering dibaca")
    once = article(edition, "Sekali dibaca")
    old = article(edition, "Dulu ramai")
    views(often, 3)
    views(once, 1)
    views(old, 9, days_ago=30)

    # when a reader opens the home page
    popular = soup_of(client.get("/")).find("section", class_="popular")

    # then "Terpopuler" lists the week's most read, most first
    assert popular.find("h2").get_text() == "Terpopuler"
    assert [a.get_text() for a in popular.find_all("a")] == ["Sering dibaca", "Sekali dibaca"]

    # and an unpublished article leaves the list at once
    with django_capture_on_commit_callbacks(execute=True):
        often.unpublish()
    popular = soup_of(client.get("/")).find("section", class_="popular")
    assert [a.get_text() for a in popular.find_all("a")] == ["Sekali dibaca"]


def test_most_read_is_cached(client, edition, django_assert_num_queries):
    from publications.popular import most_read

    views(article(edition, "Dibaca"), 2)
    assert [item.title for item in most_read()] == ["Dibaca"]

    with django_assert_num_queries(0):
        assert [item.title for item in most_read()] == ["Dibaca"]


def lead_title(client) -> str:
    return soup_of(client.get("/")).find(class_="lead-story-title").get_text(strip=True)


def test_lead_story_is_the_newest_article_with_a_photo(client, edition):
    article(edition, "Berfoto lebih lama", hero_image=NewsImageFactory())
    article(edition, "Terbaru tanpa foto")

    assert lead_title(client) == "Berfoto lebih lama"


def test_editor_pins_the_lead_story(client, edition, django_capture_on_commit_callbacks):
    pinned = article(edition, "Disematkan", hero_image=NewsImageFactory())
    article(edition, "Terbaru berfoto", hero_image=NewsImageFactory())
    assert lead_title(client) == "Terbaru berfoto"
    front = FrontPageSettings.load()
    front.lead_article = pinned
    with django_capture_on_commit_callbacks(execute=True):
        front.save()

    assert lead_title(client) == "Disematkan"

    # an unpublished pinned article gives way to the newest with a photo
    with django_capture_on_commit_callbacks(execute=True):
        pinned.unpublish()
    assert lead_title(client) == "Terbaru berfoto"


def test_breaking_news_bar_shows_until_it_expires(
    client, edition, django_capture_on_commit_callbacks
):
    # given a breaking-news bar set for the next two hours
    story = article(edition, "Biasa")
    front = FrontPageSettings.load()
    front.breaking_text = "Banjir di Periuk: jalur dialihkan"
    front.breaking_url = "/koran-kota-benteng/"
    front.breaking_until = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        front.save()

    # then every page shows it, linked
    bar = soup_of(client.get(story.url)).find(class_="breaking-bar")
    assert bar.find("a").get_text() == "Banjir di Periuk: jalur dialihkan"
    assert bar.find("a")["href"] == "/koran-kota-benteng/"
    assert soup_of(client.get("/")).find(class_="breaking-bar") is not None

    # when its time is over and beat's minute task runs
    later = timezone.now() + datetime.timedelta(hours=2, minutes=1)
    with time_machine.travel(later):
        with django_capture_on_commit_callbacks(execute=True):
            assert take_down_expired_breaking_news()

        # then no page shows it any more, cached or not
        assert soup_of(client.get(story.url)).find(class_="breaking-bar") is None
        assert soup_of(client.get("/")).find(class_="breaking-bar") is None


def test_breaking_news_needs_an_expiry_and_a_safe_link(db):
    from django.core.exceptions import ValidationError

    front = FrontPageSettings(breaking_text="Terkini", breaking_url="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        front.full_clean()
    assert set(error.value.message_dict) == {"breaking_url"} or "breaking_until" in str(error.value)


def test_article_breadcrumb_includes_the_edition(client, edition):
    story = article(edition, "Di edisi", pillar="liveable")

    crumbs = soup_of(client.get(story.url)).find("nav", class_="breadcrumb").find_all("a")

    assert [(a.get_text(), a["href"]) for a in crumbs] == [
        ("Beranda", "/"),
        ("Koran Kota Benteng", "/koran-kota-benteng/"),
        ("Edisi 12", "/koran-kota-benteng/edisi-12/"),
        ("Pilar Liveable", "/pilar/liveable/"),
    ]
