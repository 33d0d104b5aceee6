"""What the browser needs first comes first (issue 13, Lighthouse): the article's hero and the
home page's lead picture are preloaded at high priority, exactly the files their <picture>
offers; the only web fonts are preloaded and swap; the only render-blocking stylesheet is
the site's own."""

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


def test_web_fonts_are_preloaded_and_the_only_blocking_stylesheet_is_the_sites(
    client, published_article
):
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
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert stylesheets == ["/static/css/site.css"]


def test_a_topic_pages_first_picture_is_not_lazy(client, koran_edition):
    # given a pillar with two articles with pictures
    from tests.factories import NewsImageFactory, article

    for title in ("Taman kota baru", "Jalur sepeda baru"):
        article(koran_edition, title, hero_image=NewsImageFactory(), pillar="liveable")

    # then its first card's picture, the page's largest paint on a phone, loads at once
    images = soup_of(client, "/pilar/liveable/").select(".card-grid .card-media img")
    assert [image["loading"] for image in images] == ["eager", "lazy"]
