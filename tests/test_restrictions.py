"""Private pages stay private: the view restrictions that reader listings leave out are
read once per request (from the cache), and any change to them or to the tree reaches
the next request at once."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from core.pagecache import purge_all
from core.restrictions import public
from publications.models import ArticlePage, PublicationPage
from publications.templatetags.news_tags import publication_nav_items
from tests.factories import article, newspaper_edition

pytestmark = pytest.mark.django_db


def private(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="rahasia"
    )


def titles(queryset) -> set[str]:
    return set(queryset.values_list("title", flat=True))


def test_public_leaves_out_what_wagtails_public_leaves_out(koran_edition):
    # given articles in two editions, one edition private and one article private
    other = newspaper_edition(koran_edition.get_parent(), number=2)
    shown = article(koran_edition, title="Taman kota dibuka")
    hidden_alone = article(koran_edition, title="Rapat internal")
    article(other, title="Edisi tertutup")
    private(other)
    private(hidden_alone)

    # then our public() and Wagtail's agree, for specific and generic querysets
    for queryset in (ArticlePage.objects.live(), Page.objects.live()):
        assert titles(public(queryset)) == titles(queryset.public())
    assert shown.title in titles(public(ArticlePage.objects.live()))
    assert not {"Rapat internal", "Edisi tertutup"} & titles(public(ArticlePage.objects.live()))


def test_the_restrictions_are_read_once_per_request(koran_edition):
    request = RequestFactory().get("/")
    public(Page.objects.live(), request)  # read once (and cached)
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            public(Page.objects.live(), request)
    assert not any("pageviewrestriction" in q["sql"] for q in captured)


def test_a_new_restriction_hides_the_article_from_every_listing_at_once(client, koran_edition):
    # given an article readers see on the home page, its edition and its pillar's page
    article(koran_edition, title="Jadwal vaksin keliling", pillar="liveable")
    urls = ["/", koran_edition.url, "/pilar/liveable/", "/cari/?q=vaksin"]
    for url in urls:
        assert "Jadwal vaksin keliling" in client.get(url).content.decode(), url

    # when its edition is made private
    restriction = private(koran_edition)
    purge_all()  # as publishing does; the restrictions' own cache is dropped by the save

    # then no listing shows it
    for url in urls[:1] + urls[2:]:
        assert "Jadwal vaksin keliling" not in client.get(url).content.decode(), url

    # and when the restriction is lifted, it shows again
    restriction.delete()
    purge_all()
    assert "Jadwal vaksin keliling" in client.get("/").content.decode()


def test_a_page_moved_under_a_private_page_is_private(client, koran_edition):
    # given a private edition and a public one with an article
    koran = koran_edition.get_parent()
    closed = newspaper_edition(koran, number=2)
    private(closed)
    page = article(koran_edition, title="Laporan keuangan triwulan")
    assert "Laporan keuangan triwulan" in titles(public(ArticlePage.objects.live()))

    # when the article is moved into the private edition, it is no longer public
    page.move(closed, pos="last-child")
    assert "Laporan keuangan triwulan" not in titles(public(ArticlePage.objects.live()))

    # and a private edition moved elsewhere stays private, its articles too
    closed.refresh_from_db()
    closed.move(koran, pos="first-child")
    assert "Laporan keuangan triwulan" not in titles(public(ArticlePage.objects.live()))


def test_the_navigation_leaves_out_a_private_publication_in_one_query(publications):
    # given a publication under a view restriction (and the sites' root paths known)
    private(publications["majalah"])
    Site.get_site_root_paths()

    # when the navigation is read afresh
    with CaptureQueriesContext(connection) as captured:
        items = publication_nav_items()

    # then it lists what Wagtail's public() lists, read in one query
    assert [item.title for item in items] == list(
        PublicationPage.objects.live().public().order_by("path").values_list("title", flat=True)
    )
    assert publications["majalah"].title not in [item.title for item in items]
    assert len(captured.captured_queries) == 1


def test_the_front_page_asks_no_restriction_query_until_a_restriction_covers_it(
    client, home_page, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every request reaches the page
    client.get("/")  # the restricted paths are read once (and kept)
    # given nothing restricts the front page, it is served without asking for restrictions
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    assert not any("pageviewrestriction" in q["sql"] for q in captured)
    assert "rahasia" not in response.content.decode()

    # when the front page becomes private, the next reader is asked for the password
    restriction = private(home_page)
    asked = client.get("/")
    assert asked.status_code == 200
    assert 'name="password"' in asked.content.decode()

    # and so is the next when the restriction sits on the tree's root
    restriction.delete()
    assert 'name="password"' not in client.get("/").content.decode()
    private(Page.get_first_root_node())
    assert 'name="password"' in client.get("/").content.decode()
