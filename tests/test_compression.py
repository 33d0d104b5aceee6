"""`make run` sends text gzipped (core/compression.py): pages, whether rendered or replayed by
the page cache, and the stylesheet and scripts WhiteNoise serves; never pictures, fonts or
a partial answer, and identity to a client that does not ask for gzip."""

import gzip
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from core.compression import compressible

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def compressing(settings):
    """The middleware as cms.settings.dev places it: outermost."""
    settings.MIDDLEWARE = ["core.compression.TextCompressionMiddleware", *settings.MIDDLEWARE]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_page_is_gzipped_when_rendered_and_when_replayed_from_the_page_cache(
    client, published_article
):
    # given a reader whose browser accepts gzip
    first = client.get(published_article.url, **GZIP)
    second = client.get(published_article.url, **GZIP)

    # then the page comes gzipped, rendered and from the cache alike, with what it was
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        html = gzip.decompress(body(response)).decode()
        assert published_article.title in html
        assert len(body(response)) < len(html.encode()) / 2

    # and a client that does not ask for gzip gets the same cached page as it is
    plain = client.get(published_article.url)
    assert plain["X-Page-Cache"] == "hit"
    assert not plain.has_header("Content-Encoding")
    assert plain.content == gzip.decompress(body(second))


def test_the_stylesheet_and_scripts_are_gzipped(client):
    for name in ("css/site.css", "js/beacon.js"):
        response = client.get(f"/static/{name}", **GZIP)

        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip", name
        assert gzip.decompress(body(response)) == Path(finders.find(name)).read_bytes()


def test_pictures_fonts_and_partial_answers_stay_as_they_are(client):
    for name in ("img/favicon.png", "fonts/source-serif-4-latin-400-normal.woff2"):
        response = client.get(f"/static/{name}", **GZIP)

        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), name
        assert body(response) == Path(finders.find(name)).read_bytes()

    partial = client.get("/static/css/site.css", HTTP_RANGE="bytes=0-499", **GZIP)
    assert partial.status_code == 206
    assert not partial.has_header("Content-Encoding")
    assert body(partial) == Path(finders.find("css/site.css")).read_bytes()[:500]


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("text/html; charset=utf-8", True),
        ("application/rss+xml; charset=utf-8", True),
        ("application/json", True),
        ("image/svg+xml", True),
        ("text/event-stream", False),
        ("image/webp", False),
        ("font/woff2", False),
        ("application/pdf", False),
        ("", False),
    ],
)
def test_only_text_is_compressible(content_type, expected):
    assert compressible(content_type) is expected
