"""Topic pages (programme, pillar, author), the date archive, and pagination everywhere."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.pagecache import purge_all
from tests.factories import (
    AuthorFactory,
    NewsImageFactory,
    ProgrammeFactory,
    article,
    bulletin_issue,
    draft_article,
    magazine_issue,
    newspaper_edition,
)

pytestmark = pytest.mark.django_db


def listed(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [page.title for page in response.context["articles"]]


@pytest.fixture
def editions(publications):
    return {
        "koran": newspaper_edition(publications["koran"]),
        "majalah": magazine_issue(publications["majalah"]),
        "buletin": bulletin_issue(publications["buletin"]),
    }


@pytest.fixture
def hijau(editions):
    """Tangerang Hijau articles in all three publications, plus ones that must not show."""
    programme = ProgrammeFactory(name="Tangerang Hijau")
    author = AuthorFactory(name="Siti Rahma")
    pages = {
        kind: article(
            edition,
            title=f"Hijau di {kind}",
            display_date=datetime.date(2026, 10, day),
            programmes=[programme],
            authors=[author],
            pillar="liveable",
        )
        for day, (kind, edition) in enumerate(editions.items(), start=1)
    }
    article(
        editions["koran"],
        title="Soal lain",
        pillar="e-city",
        display_date=datetime.date(2026, 11, 2),
    )
    draft_article(editions["koran"], title="Draf hijau", programmes=[programme], pillar="liveable")
    private = article(
        editions["majalah"], title="Hijau rahasia", programmes=[programme], pillar="liveable"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return pages


NEWEST_FIRST = ["Hijau di buletin", "Hijau di majalah", "Hijau di koran"]


@pytest.mark.parametrize(
    "url", ["/program/tangerang-hijau/", "/pilar/liveable/", "/penulis/siti-rahma/"]
)
def test_topic_pages_gather_live_articles_from_all_three_publications(client, hijau, url):
    # when a reader opens a topic page
    # then it lists that topic's live, public articles from every publication, newest first
    assert listed(client, url) == NEWEST_FIRST


@pytest.mark.parametrize(
    "url",
    [
        "/program/tidak-ada/",
        "/pilar/tidak-ada/",
        "/penulis/tidak-ada/",
        "/arsip/1999/",
        "/arsip/2101/",
        "/arsip/2026/0/",
        "/arsip/2026/13/",
    ],
)
def test_unknown_topics_and_impossible_dates_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_topic_pages_tell_the_template_what_they_are_about(client, hijau):
    programme_page = client.get("/program/tangerang-hijau/").context
    author_page = client.get("/penulis/siti-rahma/").context
    pillar_page = client.get("/pilar/liveable/").context

    assert (programme_page["topic_kind"], programme_page["programme"].slug) == (
        "programme",
        "tangerang-hijau",
    )
    assert (author_page["topic_kind"], author_page["author"].name) == ("author", "Siti Rahma")
    assert pillar_page["topic_title"] == "Pilar Liveable"
    assert "tangerang-hijau" in {p.slug for p in pillar_page["programmes"]}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/arsip/2026/", ["Soal lain", *NEWEST_FIRST]),
        ("/arsip/2026/10/", NEWEST_FIRST),
        ("/arsip/2026/9/", []),
        ("/arsip/2025/", []),
    ],
)
def test_date_archive_lists_articles_by_display_date(client, hijau, url, expected):
    # when a reader opens an archive page
    # then it lists the articles displayed in that year or month, newest first
    assert listed(client, url) == expected


@pytest.mark.slow
def test_archive_offers_the_months_that_have_articles(client, hijau):
    months = list(client.get("/arsip/2026/").context["archive_months"])

    assert datetime.date(2026, 10, 1) in months
    assert months == sorted(months, reverse=True)


@pytest.mark.slow
def test_topic_pages_are_paginated_in_sql(client, editions):
    # given 30 articles in one programme
    programme = ProgrammeFactory(name="BRT")
    for number in range(30):
        article(editions["koran"], title=f"BRT {number:02d}", programmes=[programme])

    # when the third page is read
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/program/brt/?page=3")

    # then it shows the last 6, and only a slice was fetched
    page = response.context["articles"]
    assert (page.number, len(page.object_list), page.paginator.count) == (3, 6, 30)
    assert any("LIMIT 6 OFFSET 24" in q["sql"] for q in queries.captured_queries)


def render_uncached(client, url):
    """Render ``url`` bypassing the page cache (publishing's purge waits for a commit)."""
    purge_all()
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return response


@pytest.mark.parametrize(
    "url",
    [
        "/program/usir-banjir/",
        "/pilar/liveable/",
        "/penulis/budi-santoso/",
        "/arsip/2026/",
        "/arsip/2026/11/",
        "/cari/?q=banjir",
    ],
)
@pytest.mark.slow
def test_listings_take_the_same_number_of_queries_for_2_or_12_articles(
    client, editions, url, django_assert_max_num_queries
):
    programme = ProgrammeFactory(name="Usir Banjir")
    author = AuthorFactory(name="Budi Santoso", photo=NewsImageFactory())

    def publish_articles(count, start):
        for number in range(start, start + count):
            article(
                editions["koran" if number % 2 else "majalah"],
                title=f"Banjir surut {number}",
                lead="Banjir surut di Periuk.",
                display_date=datetime.date(2026, 11, 1 + number),
                hero_image=NewsImageFactory(),
                pillar="liveable",
                programmes=[programme],
                authors=[author],
            )

    # given two articles with a hero image, an author and a programme
    publish_articles(2, start=0)
    render_uncached(client, url)  # the first render makes the image renditions
    with CaptureQueriesContext(connection) as queries:
        render_uncached(client, url)
    queries_for_two = len(queries)

    # when ten more are published
    publish_articles(10, start=2)
    render_uncached(client, url)

    # then a full page of twelve costs no more queries than two did
    with django_assert_max_num_queries(queries_for_two):
        response = render_uncached(client, url)
    listing = response.context["results" if url.startswith("/cari/") else "articles"]
    assert len(listing) == 12


BAD_PAGES = ["abc", "0", "-1", "", "1.5", "2abc", "%00"]
# Past the last page: a 404 (issue 12), not the last page again under another URL.
PAST_THE_LAST_PAGE = ["3", "99999", "9" * 40]


@pytest.mark.parametrize(
    ("url", "context_name"),
    [
        ("/program/tangerang-hijau/", "articles"),
        ("/pilar/liveable/", "articles"),
        ("/penulis/siti-rahma/", "articles"),
        ("/arsip/2026/", "articles"),
        ("/cari/?q=hijau", "results"),
        ("/koran-kota-benteng/", "editions"),
    ],
)
@pytest.mark.slow
def test_a_bad_page_number_gives_the_first_page_and_one_past_the_last_a_404(
    client, editions, url, context_name
):
    # given two pages of articles on the topic, and of editions in Koran
    programme = ProgrammeFactory(name="Tangerang Hijau")
    author = AuthorFactory(name="Siti Rahma")
    koran = editions["koran"].get_parent()
    for number in range(13):
        article(
            editions["buletin"],
            title=f"Hijau {number}",
            lead="Kota makin hijau.",
            display_date=datetime.date(2026, 5, 1),
            programmes=[programme],
            authors=[author],
            pillar="liveable",
        )
        if "koran" in url:
            newspaper_edition(koran, number=100 + number)

    for page in BAD_PAGES:
        # when a reader asks for a page that cannot exist
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}page={page}")

        # then they see the first page
        assert response.status_code == 200, page
        paginated = response.context[context_name]
        assert paginated.paginator.num_pages == 2
        assert paginated.number == 1, page

    for page in PAST_THE_LAST_PAGE:
        # when a reader asks for a page past the last one, the page is not found
        separator = "&" if "?" in url else "?"
        assert client.get(f"{url}{separator}page={page}").status_code == 404, page
    assert client.get(f"{url}{separator}page=2").status_code == 200


@pytest.mark.parametrize(
    ("url", "leaves"),
    [
        ("/program/brt/", "unpublished"),
        ("/pilar/liveable/", "moved to another pillar"),
        ("/arsip/2026/", "unpublished"),
    ],
)
def test_a_topics_total_is_counted_once_until_an_article_joins_or_leaves_it(
    client, editions, settings, django_capture_on_commit_callbacks, url, leaves
):
    # given a topic page with three articles, rendered every time (page cache off)
    settings.PAGE_CACHE_SECONDS = 0
    programme = ProgrammeFactory(name="BRT")

    def published(title):
        with django_capture_on_commit_callbacks(execute=True):  # its purges run
            return article(
                editions["koran"],
                title=title,
                programmes=[programme],
                pillar="liveable",
                display_date=datetime.date(2026, 11, 3),
            )

    pages = [published(f"BRT {number}") for number in range(3)]
    assert client.get(url).context["articles"].paginator.count == 3

    # when it is read again, the total is not counted again
    with CaptureQueriesContext(connection) as again:
        response = client.get(url)
    assert response.context["articles"].paginator.count == 3
    assert not any("COUNT(" in q["sql"] for q in again)

    # when an article joins the topic, the total says so at once
    published("BRT baru")
    assert client.get(url).context["articles"].paginator.count == 4

    # and when one leaves it
    with django_capture_on_commit_callbacks(execute=True):
        if leaves == "unpublished":
            pages[0].unpublish()
        else:
            page = pages[0].get_latest_revision_as_object()
            page.pillar = "e-city"
            page.save_revision().publish()
    response = client.get(url)
    assert response.context["articles"].paginator.count == 3
    assert "BRT 0" not in [page.title for page in response.context["articles"]]
