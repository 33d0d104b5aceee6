"""RSS feeds, the sitemap and robots.txt: what feed readers and search engines see."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    AuthorFactory,
    ProgrammeFactory,
    article,
    draft_article,
    magazine_issue,
    newspaper_edition,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def articles(publications):
    """A live article in Koran and in Majalah, a draft, and a password-protected article."""
    koran_edition = newspaper_edition(publications["koran"])
    koran = article(
        koran_edition,
        title="Pompa baru usir banjir",
        lead="Genangan di Periuk surut dalam dua jam.",
        pillar="liveable",
        programmes=[ProgrammeFactory(name="Usir Banjir")],
        authors=[AuthorFactory(name="Siti Rahma"), AuthorFactory(name="Budi Santoso")],
    )
    majalah = article(
        magazine_issue(publications["majalah"]),
        title="Investasi di Tangerang naik",
        lead="Realisasi investasi tumbuh dua digit.",
        pillar="investable",
    )
    draft = draft_article(koran_edition, title="Draf rahasia redaksi")
    private = article(koran_edition, title="Catatan internal Humas")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {"koran": koran, "majalah": majalah, "draft": draft, "private": private}


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "rss20"
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_site_feed_lists_every_live_public_article_and_nothing_else(client, articles):
    # when a feed reader fetches the site-wide feed
    feed = parse_feed(client, "/rss/")

    # then it lists the live articles of every publication, no draft and nothing private
    titles = {entry.title for entry in feed.entries}
    assert titles == {articles["koran"].title, articles["majalah"].title}


def test_feed_items_carry_link_lead_date_guid_authors_and_categories(client, articles):
    # when the feed is read
    feed = parse_feed(client, "/rss/")
    [entry] = [e for e in feed.entries if e.title == articles["koran"].title]

    # then each item says where it lives, what it says, when, who wrote it and about what
    page = articles["koran"]
    assert entry.link == f"{settings.PUBLIC_BASE_URL}{page.url}"  # not the request's host
    assert entry.description == "Genangan di Periuk surut dalam dua jam."
    assert entry.published_parsed is not None
    assert entry.id == f"urn:uuid:{page.translation_key}"
    assert entry.guidislink is False
    assert entry.author == "Siti Rahma, Budi Santoso"
    assert {tag.term for tag in entry.tags} == {"Liveable", "Usir Banjir"}


@pytest.mark.parametrize(
    ("slug", "kind"), [("koran-kota-benteng", "koran"), ("majalah-live", "majalah")]
)
def test_publication_feed_only_has_that_publications_articles(client, articles, slug, kind):
    # when the feed of one publication is read
    feed = parse_feed(client, f"/rss/{slug}/")

    # then it carries that publication's title and only its live articles
    assert [entry.title for entry in feed.entries] == [articles[kind].title]
    assert feed.feed.title in {"Koran Kota Benteng", "Majalah LIVE"}


def test_buletin_feed_is_valid_while_it_has_no_article(client, publications):
    feed = parse_feed(client, "/rss/buletin-jumat/")

    assert feed.entries == []


def test_markup_in_a_lead_reaches_feed_readers_as_text(client, publications):
    # given a lead with markup in it
    article(
        newspaper_edition(publications["koran"]),
        title="Uji",
        lead='Skor <b>3 & 1</b> <script>alert("x")</script>',
    )

    # when a feed reader renders the description
    [entry] = parse_feed(client, "/rss/").entries

    # then the markup is shown as text, never run
    assert entry.description == (
        "Skor &lt;b&gt;3 &amp; 1&lt;/b&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    )


def test_feed_of_an_unknown_publication_is_404(client, db):
    assert client.get("/rss/koran-lain/").status_code == 404


@pytest.mark.slow
def test_site_feed_is_built_in_a_fixed_number_of_queries(
    client, publications, django_assert_max_num_queries
):
    # given fifteen articles with two authors and two programmes each
    edition = newspaper_edition(publications["koran"])
    authors = [AuthorFactory(), AuthorFactory()]
    programmes = [ProgrammeFactory(name="BRT"), ProgrammeFactory(name="Air Bersih")]
    for number in range(15):
        article(
            edition,
            title=f"Berita {number}",
            pillar="liveable",
            authors=authors,
            programmes=programmes,
        )

    # when the feed is fetched
    with django_assert_max_num_queries(6):
        feed = parse_feed(client, "/rss/")

    # then every article is there with its authors
    assert len(feed.entries) == 15
    assert all(entry.author == f"{authors[0].name}, {authors[1].name}" for entry in feed.entries)


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_lists_live_articles_with_lastmod_and_no_drafts(client, articles):
    # when a search engine reads the sitemap
    entries = sitemap_entries(client)

    # then live, public articles are there with their last modification date
    paths = {loc.split("//", 1)[1].split("/", 1)[1]: lastmod for loc, lastmod in entries.items()}
    for kind in ("koran", "majalah"):
        page = articles[kind]
        published_in_jakarta = timezone.localtime(page.last_published_at).date()
        assert paths[page.url.lstrip("/")] == published_in_jakarta.isoformat()
    # and drafts and private articles are not
    listed = "\n".join(entries)
    assert articles["draft"].slug not in listed
    assert articles["private"].slug not in listed


def test_sitemap_lists_the_topic_pages(client, articles):
    # when the sitemap is read
    locations = set(sitemap_entries(client))

    # then the pillar, programme and author pages are in it too
    assert f"{settings.PUBLIC_BASE_URL}/pilar/liveable/" in locations
    assert f"{settings.PUBLIC_BASE_URL}/program/usir-banjir/" in locations
    assert f"{settings.PUBLIC_BASE_URL}/penulis/siti-rahma/" in locations


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    # when a crawler reads robots.txt
    response = client.get("/robots.txt")

    # then it is plain text, disallows the admin and names the sitemap
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {settings.PUBLIC_BASE_URL}/sitemap.xml" in lines
