"""An e-paper is public once its edition is: not before, through the API or a download.

Before, an e-paper uploaded ahead of its edition (embargoed until publication day) was listed
by ``/api/v2/documents/`` and downloadable by anyone at ``/documents/<id>/<file>``. Now a
document is public only while a live page without view restrictions uses it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from publications.collections import publication_collection
from publications.models import NewspaperEditionPage
from tests.factories import (
    NewsImageFactory,
    article,
    article_body,
    newspaper_edition,
    pdf_document,
)

pytestmark = pytest.mark.django_db

API = "/api/v2/documents/"


@pytest.fixture
def embargoed(publications):
    """A Koran edition saved as a draft, its e-paper uploaded and chosen."""
    epaper = pdf_document("E-paper Koran Edisi 9", collection=publication_collection("koran"))
    edition = NewspaperEditionPage(
        title="Edisi 9", slug="edisi-9", number=9, date="2026-11-09", epaper=epaper
    )
    edition.live = False
    publications["koran"].add_child(instance=edition)
    edition.save_revision()
    return edition, epaper


def listed(client, query: str = "") -> list[int]:
    response = client.get(API + query)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def test_embargoed_epaper_is_neither_listed_nor_downloadable(client, embargoed):
    # given an e-paper whose edition is not published yet
    _edition, epaper = embargoed

    # when an anonymous reader asks the API for it and tries to download it
    # then the API does not know it and the download is not found
    assert epaper.pk not in listed(client)
    assert epaper.pk not in listed(client, "?search=Koran")
    assert client.get(f"{API}{epaper.pk}/").status_code == 404
    download = client.get(epaper.url)
    assert download.status_code == 404
    assert "no-store" in download["Cache-Control"]  # no CDN keeps the refusal


@pytest.mark.usefixtures("wagtail_search_index")
def test_epaper_is_public_once_its_edition_goes_live(client, embargoed):
    # given the embargoed edition, when Kepala Humas publishes it
    edition, epaper = embargoed
    edition.get_latest_revision().publish()

    # then the API lists (and finds) it and readers download it
    assert epaper.pk in listed(client)
    assert epaper.pk in listed(client, "?search=Koran")
    assert client.get(f"{API}{epaper.pk}/").status_code == 200
    download = client.get(epaper.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_unpublishing_the_edition_withdraws_its_epaper(client, embargoed):
    edition, epaper = embargoed
    edition.get_latest_revision().publish()

    NewspaperEditionPage.objects.get(pk=edition.pk).unpublish()

    assert epaper.pk not in listed(client)
    assert client.get(epaper.url).status_code == 404


def test_new_epaper_in_a_live_editions_draft_stays_embargoed(client, publications):
    # given a live edition with its e-paper, and a corrected e-paper chosen in a draft
    koran = publication_collection("koran")
    published = pdf_document("E-paper terbit", collection=koran)
    edition = newspaper_edition(publications["koran"], epaper=published)
    correction = pdf_document("E-paper ralat", collection=koran)
    edition.epaper = correction
    edition.save_revision()

    # then readers get the published one only, until the draft is published
    assert client.get(published.url).status_code == 200
    assert client.get(correction.url).status_code == 404
    assert set(listed(client)) == {published.pk}


def test_document_linked_from_a_live_article_is_public(client, koran_edition):
    report = pdf_document("Laporan kinerja", collection=publication_collection("koran"))
    article(koran_edition, body=article_body(NewsImageFactory(), document=report))

    assert report.pk in listed(client)
    assert client.get(report.url).status_code == 200


def test_document_linked_in_a_live_articles_text_is_public(client, koran_edition):
    report = pdf_document("Laporan keuangan", collection=publication_collection("koran"))
    link = f'<p>Unduh <a linktype="document" id="{report.pk}">laporan</a>.</p>'
    article(koran_edition, body=[("paragraph", RichText(link))])

    assert report.pk in listed(client)
    assert client.get(report.url).status_code == 200


def test_epaper_of_a_password_protected_edition_is_not_public(client, koran_edition):
    epaper = pdf_document("E-paper terbatas", collection=publication_collection("koran"))
    koran_edition.epaper = epaper
    koran_edition.save_revision().publish()
    PageViewRestriction.objects.create(
        page=koran_edition, restriction_type="password", password="rahasia"
    )

    assert epaper.pk not in listed(client)
    assert client.get(epaper.url).status_code == 404


def test_editors_of_the_edition_may_check_the_embargoed_epaper(client, users, embargoed):
    _edition, epaper = embargoed

    client.force_login(users["editor_koran"])
    own = client.get(epaper.url)
    client.force_login(users["editor_majalah"])
    other = client.get(epaper.url)

    assert own.status_code == 200
    assert other.status_code == 404


def test_published_filter_costs_the_same_queries_for_many_documents(client, publications):
    # (Wagtail's own serializer reads each document's tags with a query of its own: left out)
    without_tags = "?fields=-tags"
    # given one live edition with its e-paper
    koran = publication_collection("koran")
    newspaper_edition(publications["koran"], epaper=pdf_document("E-paper 1", collection=koran))
    with CaptureQueriesContext(connection) as one:
        assert len(listed(client, without_tags)) == 1

    # when nine more editions are live
    for number in range(2, 11):
        newspaper_edition(
            publications["koran"],
            number=number,
            epaper=pdf_document(f"E-paper {number}", collection=koran),
        )
    with CaptureQueriesContext(connection) as ten:
        assert len(listed(client, without_tags)) == 10

    # then listing ten costs no more queries than listing one
    assert len(ten) == len(one)
