"""The query budget: an article in at most 12 SQL queries (2 for a version seen before),
listings in a constant number.

Measured on a page-cache miss: the page is rendered once (renditions get created, as on
a first view), then dropped from the page cache, then measured.
"""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from core.pagecache import purge_all
from publications.article_parts import forget_article_parts
from publications.models import ArticleCorrection, Programme, RelatedArticle
from tests.factories import (
    AuthorFactory,
    NewsImageFactory,
    article,
    bulletin_issue,
    image_file,
    magazine_issue,
    newspaper_edition,
)

pytestmark = pytest.mark.django_db


def picture():
    """A small library image: renditions of it are quick to make."""
    return NewsImageFactory(file=image_file(320, 200))


ARTICLE_BUDGET = 12
DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"
# A version readers saw before: routing, and the related articles' cards
# (``publications.article_parts``).
ARTICLE_REPEAT_BUDGET = 2
# Results whose cards were shown before: the search's transaction (begin, plan settings,
# commit), the ranked matches, the shown results' key columns, and their excerpts.
SEARCH_REPEAT_BUDGET = 6


def queries_for(client, url) -> int:
    """SQL queries of one anonymous request for ``url`` that the page cache cannot answer."""
    purge_all()  # the test's publishing never commits, so nothing purged the page yet
    assert client.get(url).status_code == 200, url
    purge_all()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss", url
    return len(captured.captured_queries)


def article_with(edition, size: int, title: str):
    """An article with ``size`` authors (with photos), programmes, tags, related articles
    (with pictures) and corrections, and a body of text and a picture."""
    from wagtail.rich_text import RichText

    related = [
        article(edition, title=f"{title} terkait {n}", hero_image=picture()) for n in range(size)
    ]
    body = [
        ("paragraph", RichText("<p>Pemerintah Kota Tangerang mengajak warga ikut menanam.</p>")),
        ("image", {"image": picture(), "alt_text": "Warga menanam", "caption": ""}),
        ("paragraph", RichText("<p>Kegiatan berlangsung sepanjang pekan.</p>")),
    ]
    page = article(
        edition,
        title=title,
        authors=[AuthorFactory(name=f"{title} penulis {n}", photo=picture()) for n in range(size)],
        hero_image=picture(),
        pillar="liveable",
        programmes=list(Programme.objects.order_by("name")[:size]),
        body=body,
    )
    page.tags.add(*[f"tag {n}" for n in range(size)])
    for n, other in enumerate(related):
        RelatedArticle.objects.create(page=page, article=other, sort_order=n)
    for n in range(size):
        ArticleCorrection.objects.create(page=page, note=f"Koreksi {n}", sort_order=n)
    return page


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.slow
def test_article_page_renders_within_the_budget(client, koran_edition, size):
    # given an article with `size` authors, programmes, tags, related articles, corrections
    page = article_with(koran_edition, size, title=f"Artikel ukuran {size}")

    # when a reader opens it and the page cache has no copy
    count = queries_for(client, page.url)

    # then it takes at most the budget of a version seen before
    assert count <= ARTICLE_REPEAT_BUDGET


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.slow
def test_an_article_version_seen_first_renders_within_the_budget(client, koran_edition, size):
    # given an article with `size` authors, programmes, tags, related articles, corrections,
    # viewed once (its renditions made), whose cached parts then no longer apply (as after an
    # author or a picture is edited)
    page = article_with(koran_edition, size, title=f"Artikel ukuran {size}")
    purge_all()
    assert client.get(page.url).status_code == 200
    forget_article_parts()
    purge_all()

    # when a reader opens it and the page cache has no copy
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page.url).status_code == 200

    # then it takes at most the budget
    assert len(captured.captured_queries) <= ARTICLE_BUDGET


@pytest.mark.slow
def test_article_queries_do_not_grow_with_its_authors_topics_and_related(client, koran_edition):
    # given a small and a large article
    small = article_with(koran_edition, 1, title="Artikel kecil")
    large = article_with(koran_edition, 8, title="Artikel besar")

    # then both take the same number of queries
    assert queries_for(client, large.url) == queries_for(client, small.url)


def grow(publications, editions: int, articles: int, start: int = 0):
    """Editions of all three publications, each with articles that have authors and pictures."""
    author = AuthorFactory(name="Penulis tetap", photo=picture())
    programme = Programme.objects.get(slug="usir-banjir")
    made = []
    for n in range(start, start + editions):
        made += [
            newspaper_edition(publications["koran"], number=100 + n, cover=picture()),
            magazine_issue(publications["majalah"], volume=1, number=n + 1),
            bulletin_issue(publications["buletin"], date=FIRST_FRIDAY + 7 * n * DAY),
        ]
    for edition in made:
        for n in range(articles):
            article(
                edition,
                title=f"{edition.title} artikel {n}",
                authors=[author],
                hero_image=picture(),
                programmes=[programme],
                pillar="liveable",
                display_date=datetime.date(2026, 3, 1 + n),
            )
    return made


DAY = datetime.timedelta(days=1)
FIRST_FRIDAY = datetime.date(2026, 1, 2)

LISTINGS = {
    "home": lambda made: "/",
    "publication": lambda made: made[0].get_parent().url,
    "newspaper edition": lambda made: made[0].url,
    "magazine issue": lambda made: made[1].url,
    "bulletin issue": lambda made: made[2].url,
    "bulletin print view": lambda made: made[2].url + "cetak/",
    "programme topic": lambda made: "/program/usir-banjir/",
    "pillar topic": lambda made: "/pilar/liveable/",
    "author topic": lambda made: "/penulis/penulis-tetap/",
    "archive": lambda made: "/arsip/2026/3/",
    "search": lambda made: "/cari/?q=artikel",
    "site feed": lambda made: "/rss/",
}


@pytest.mark.slow
def test_listing_queries_stay_constant_as_content_grows(client, publications):
    # given a little content, and the queries each listing takes
    made = grow(publications, editions=1, articles=2)
    few = {name: queries_for(client, url(made)) for name, url in LISTINGS.items()}

    # when much more is published
    grow(publications, editions=2, articles=4, start=1)
    many = {name: queries_for(client, url(made)) for name, url in LISTINGS.items()}

    # then every listing takes as many queries as before
    assert many == few


def test_search_results_shown_before_load_no_page_in_full_and_no_rendition(client, koran_edition):
    # given articles with pictures that a search showed before
    for n in range(3):
        article(koran_edition, title=f"Pompa banjir {n}", hero_image=picture())
    queries_for(client, "/cari/?q=banjir")

    # when another search finds them (the page cache has no copy)
    purge_all()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cari/?q=pompa")

    # then their cards come from the cache: no rendition is looked up, and only the columns
    # the cards' keys and the excerpts read are fetched
    assert len(response.context["result_cards"]) == 3
    sql = [query["sql"] for query in captured.captured_queries]
    assert len(sql) == SEARCH_REPEAT_BUDGET
    assert not any("rendition" in statement for statement in sql)
    assert not any('"publications_articlepage"."kicker"' in statement for statement in sql)


# An article with nothing cached at all (CACHE_URL=dummy://): the site, the home page, the
# sites' root paths, routing, the navigation, bylines, related links, the related articles,
# the body's pictures, every picture's renditions, programmes, tags, corrections, the
# branding and the front page settings, one query each.
NO_CACHE_ARTICLE_QUERIES = 15


@pytest.mark.slow
def test_an_article_with_nothing_cached_reads_each_thing_once(client, koran_edition):
    # given an article with authors, topics, related articles and pictures, viewed once
    # (its renditions made)
    page = article_with(koran_edition, 3, title="Artikel tanpa cache")
    assert client.get(page.url).status_code == 200

    # when a reader opens it with no cache at all
    with (
        override_settings(CACHES={"default": {"BACKEND": DUMMY_CACHE}}),
        CaptureQueriesContext(connection) as captured,
    ):
        response = client.get(page.url)

    # then each thing is read once: the related articles with what their cards show, and
    # their pictures' renditions with those of the article's own pictures
    assert response.status_code == 200
    assert response.content.decode().count('class="card-title"') == 3
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum("newsrendition" in statement for statement in sql) == 1
    assert len(sql) == NO_CACHE_ARTICLE_QUERIES
