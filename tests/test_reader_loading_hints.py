"""What the browser needs first comes first (issue 13, Lighthouse): the article's hero and the
home page's lead picture are preloaded at high priority, exactly the files their <picture>
offers; the only web fonts are preloaded and swap; the only render-blocking stylesheet on
every reader page is the site's own, small enough compressed to arrive in the first round
trip of its connection."""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def image_preloads(soup: BeautifulSoup) -> list:
    return soup.head.select('link[rel="preload"][as="image"]')


def assert_preloads_the_pictures_webp(soup: BeautifulSoup, picture) -> None:
    webp = picture.find("source", type="image/webp")
    [preload] = image_preloads(soup)
    assert preload["fetchpriority"] == "high"
    assert preload["type"] == "image/webp"
    assert preload["imagesrcset"] == webp["srcset"]  # the same files: fetched once
    assert preload["imagesizes"] == webp["sizes"]


def test_article_preloads_its_hero_picture(client, published_article):
    soup = soup_of(client, published_article.url)

    assert_preloads_the_pictures_webp(soup, soup.select_one(".article-hero picture"))


def test_home_preloads_the_lead_storys_picture(client, published_article):
    soup = soup_of(client, "/")

    assert_preloads_the_pictures_webp(soup, soup.select_one(".lead-story picture"))


def test_an_article_without_a_hero_preloads_no_picture(client, koran_edition):
    from tests.factories import article

    page = article(koran_edition, "Tanpa foto")

    assert image_preloads(soup_of(client, page.url)) == []


def test_web_fonts_are_preloaded_and_swap(client, published_article):
    soup = soup_of(client, published_article.url)
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")

    faces = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    preloaded = [
        link["href"].rsplit("/", 1)[-1]
        for link in soup.head.select('link[rel="preload"][as="font"]')
    ]
    assert sorted(faces) == sorted(preloaded)
    assert len(faces) == 2  # Source Serif 4 regular and bold; the sans is the system's
    assert css.count("font-display: swap") == len(faces)


def test_a_topic_pages_first_picture_is_not_lazy(client, koran_edition):
    # given a pillar with two articles with pictures
    from tests.factories import NewsImageFactory, article

    for title in ("Taman kota baru", "Jalur sepeda baru"):
        article(koran_edition, title, hero_image=NewsImageFactory(), pillar="liveable")

    # then its first card's picture, the page's largest paint on a phone, loads at once
    images = soup_of(client, "/pilar/liveable/").select(".card-grid .card-media img")
    assert [image["loading"] for image in images] == ["eager", "lazy"]


# TCP's initial congestion window (RFC 6928: 10 segments of 1,460 bytes), less room for the
# answer's headers: a stylesheet this small compressed arrives in one round trip.
CRITICAL_CSS_BUDGET = 10 * 1460 - 600


@pytest.fixture
def reader_pages(publications):
    """One page of each kind Lighthouse scores (`make lighthouse`), with pictures."""
    from tests.factories import NewsImageFactory, article, magazine_issue, newspaper_edition

    edition = newspaper_edition(publications["koran"], cover=NewsImageFactory())
    issue = magazine_issue(publications["majalah"], cover=NewsImageFactory(), theme="Taman")
    story = article(edition, "Taman kota baru", hero_image=NewsImageFactory(), pillar="liveable")
    article(issue, "Jalur sepeda baru", hero_image=NewsImageFactory(), pillar="liveable")
    return {
        "home": "/",
        "publication": publications["koran"].url,
        "edition": edition.url,
        "article": story.url,
        "magazine issue": issue.url,
        "pillar": "/pilar/liveable/",
        "search": "/cari/?q=taman",
    }


def render_blocking_stylesheets(soup: BeautifulSoup) -> list[str]:
    """Stylesheets the first paint waits for: linked in the head for every medium (no media
    attribute, or "all" or "screen"), and any imported or inlined with @import."""
    blocking = [
        link["href"]
        for link in soup.head.select('link[rel~="stylesheet"]')
        if link.get("media", "all").strip().lower() in ("all", "screen")
    ]
    imports = [style.text for style in soup.select("style") if "@import" in style.text]
    return blocking + imports


def test_every_reader_page_waits_for_one_stylesheet_only(client, reader_pages):
    for name, url in reader_pages.items():
        soup = soup_of(client, url)

        assert render_blocking_stylesheets(soup) == ["/static/css/site.css"], name
        # and nothing else is linked as a stylesheet further down the page
        assert len(soup.select('link[rel~="stylesheet"]')) == 1, name


def test_the_render_blocking_stylesheet_arrives_in_one_round_trip():
    css = Path(finders.find("css/site.css")).read_bytes()

    assert b"@import" not in css  # no second stylesheet chained behind it
    assert len(gzip.compress(css, compresslevel=6)) <= CRITICAL_CSS_BUDGET
