"""Routing a reader's URL: sites and branding come from the cache, but a change to either
shows at once, and a view restriction is honoured whichever way an article is reached."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from core.pagecache import purge_all
from tests.factories import NewsImageFactory, article, image_file

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def fresh_get(client, url, **headers):
    """A request the page cache cannot answer."""
    purge_all()
    return client.get(url, **headers)


def queries_of(client, url, **headers) -> list[str]:
    purge_all()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **headers).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_site_of_a_request_is_looked_up_once_then_remembered(client, published_article):
    # given a reader opened an article once
    first = queries_of(client, published_article.url)

    # when the page is rendered again
    second = queries_of(client, published_article.url)

    # then the site and its home page were read the first time only
    assert any('FROM "wagtailcore_site"' in sql for sql in first)
    assert not any('FROM "wagtailcore_site"' in sql for sql in second)
    assert not any('FROM "home_homepage"' in sql for sql in second)


def test_a_new_site_and_a_changed_hostname_are_used_at_once(client, publications, home_page):
    # given readers of the default site, whatever address they use
    assert fresh_get(client, "/", HTTP_HOST="berita.example").context["page"] == home_page
    koran = publications["koran"]

    # when the office gives the newspaper its own address
    site = Site.objects.create(hostname="koran.example", port=80, root_page=koran)

    # then that address serves the newspaper at its root at once
    assert fresh_get(client, "/", HTTP_HOST="koran.example").context["page"] == koran

    # and when the address changes, the old one falls back to the default site
    site.hostname = "koranbenteng.example"
    site.save()
    assert fresh_get(client, "/", HTTP_HOST="koran.example").context["page"] == home_page
    new = fresh_get(client, "/", HTTP_HOST="koranbenteng.example")
    assert new.context["page"] == koran


def test_an_edited_home_page_is_served_at_once(client, home_page):
    # given a reader saw the home page
    fresh_get(client, "/")

    # when an editor publishes a new introduction
    home_page.intro = "<p>Selamat datang di kanal berita resmi Kota Benteng.</p>"
    home_page.save_revision().publish()

    # then the next reader sees it
    assert "kanal berita resmi Kota Benteng" in fresh_get(client, "/").text


def test_changed_branding_shows_at_once(
    client, published_article, django_capture_on_commit_callbacks
):
    # given a reader saw an article with the office's name in the header
    from home.models import BrandingSettings

    fresh_get(client, published_article.url)

    # when the office renames itself
    with django_capture_on_commit_callbacks(execute=True):
        branding = BrandingSettings.load()
        branding.organisation_name = "Diskominfo Kota Tangerang"
        branding.save()

    # then the next page shows the new name
    header = soup_of(client.get(published_article.url)).find("header")
    assert "Diskominfo Kota Tangerang" in header.text


def test_a_replaced_logo_reaches_the_structured_data_at_once(client, published_article):
    # given the office's logo (800 x 500) was shown in an article's structured data
    from home.models import BrandingSettings

    branding = BrandingSettings.load()
    branding.logo = NewsImageFactory(title="Logo lama")
    branding.save()
    fresh_get(client, published_article.url)

    # when the logo image's file is replaced in the library
    logo = branding.logo
    logo.renditions.all().delete()
    logo.file = image_file(640, 640, color="#9f1f17", fmt="PNG")
    logo.width = logo.height = 640
    logo.save()

    # then the structured data shows the new file's shape (was 800 x 500, now square)
    soup = soup_of(fresh_get(client, published_article.url))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert (data["publisher"]["logo"]["width"], data["publisher"]["logo"]["height"]) == (600, 600)


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )


@pytest.mark.parametrize("restricted", ["article", "edition", "publication"])
def test_a_restricted_article_asks_for_the_password(
    client, publications, koran_edition, restricted
):
    # given an article, and a password on it or on a page above it
    story = article(koran_edition, title="Rapat tertutup dewan kota")
    restrict(
        {"article": story, "edition": koran_edition, "publication": publications["koran"]}[
            restricted
        ]
    )

    # when a reader opens it
    response = fresh_get(client, story.url)

    # then the password form is shown instead of the story
    assert response.status_code == 200
    assert "Rapat tertutup dewan kota" not in response.text.split("<form")[-1]
    assert soup_of(response).find("input", attrs={"name": "password"})
    assert story.lead not in response.text


def test_an_article_under_an_alias_of_a_restricted_edition_asks_for_the_password(
    client, publications, koran_edition
):
    # given a restricted edition with an article, and an alias of that edition elsewhere
    story = article(koran_edition, title="Anggaran rahasia")
    restrict(koran_edition)
    alias = koran_edition.create_alias(
        parent=publications["koran"], update_slug="edisi-salinan", recursive=True
    )
    alias_story = alias.get_children().get().specific

    # when a reader opens the article through the alias
    response = fresh_get(client, alias_story.url)

    # then the restriction of the original applies
    assert soup_of(response).find("input", attrs={"name": "password"})
    assert story.lead not in response.text


def test_a_restriction_elsewhere_does_not_hide_an_article(client, publications, koran_edition):
    # given a password on another publication
    story = article(koran_edition, title="Pasar murah di Karawaci")
    restrict(publications["majalah"])

    # when a reader opens the article
    response = fresh_get(client, story.url)

    # then the story is shown
    assert story.lead in response.text
    assert not soup_of(response).find("input", attrs={"name": "password"})


def test_page_links_follow_a_new_site_at_once(client, publications, koran_edition):
    # given an edition page linking its article by its path on the one site
    article(koran_edition, title="Jembatan baru di Cisadane")
    links = {a["href"] for a in soup_of(fresh_get(client, koran_edition.url)).find_all("a")}
    assert "/koran-kota-benteng/edisi-1/jembatan-baru-di-cisadane/" in links

    # when the newspaper gets its own address
    Site.objects.create(hostname="koran.example", port=80, root_page=publications["koran"])

    # then, at that address, the edition links the article by its path there
    edition = fresh_get(client, "/edisi-1/", HTTP_HOST="koran.example")
    links = {a["href"] for a in soup_of(edition).find_all("a")}
    assert "/edisi-1/jembatan-baru-di-cisadane/" in links
