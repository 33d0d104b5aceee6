"""Cached fragments of uncached pages: a listing re-renders only the teasers that changed,
an article its body only when a new version is published, and never in a preview."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from core.pagecache import purge_all
from tests.factories import NewsImageFactory, article, newspaper_edition

pytestmark = pytest.mark.django_db

CARD = "components/article_card_body.html"


def rendered(client, url: str, template: str) -> tuple[int, str]:
    """How many times ``template`` was rendered for ``url`` (the page cache emptied first)."""
    purge_all()
    response = client.get(url)
    assert response.status_code == 200
    return [t.name for t in response.templates].count(template), response.content.decode()


def test_a_listing_renders_again_only_the_teasers_that_changed(client, koran_edition):
    # given a home page listing a few articles with pictures
    pictures = NewsImageFactory.create_batch(2)
    pages = [
        article(koran_edition, title=f"Taman kota {n}", hero_image=pictures[n % 2])
        for n in range(5)
    ]
    first, _html = rendered(client, "/", CARD)
    assert first >= 3

    # when it is rendered again, no teaser is rendered: each comes from the cache
    assert rendered(client, "/", CARD)[0] == 0

    # when one article is published again with a new headline, only its teaser is
    page = pages[1].get_latest_revision_as_object()
    page.title = "Taman kota diresmikan wali kota"
    page.save_revision().publish()
    count, html = rendered(client, "/", CARD)
    assert (count, "Taman kota diresmikan wali kota" in html) == (1, True)

    # and a new focal point on a picture renders again the teasers that show it
    pictures[0].focal_point_x, pictures[0].focal_point_y = 10, 10
    pictures[0].focal_point_width = pictures[0].focal_point_height = 20
    pictures[0].save()
    # (pages 0 and 2: page 4, the newest with a picture, is the lead story, not a teaser)
    assert rendered(client, "/", CARD)[0] == 2


def test_the_home_pages_first_view_loads_its_articles_once(client, koran_edition):
    # given a home page whose lead story shows in two places (its picture's preload in the
    # head, the story itself) beside teasers, and no card in the cache
    picture = NewsImageFactory()
    for n in range(6):
        article(koran_edition, title=f"Taman kota {n}", hero_image=picture)
    purge_all()
    from django.core.cache import cache

    cache.clear()
    reads = []
    real_get_many = cache.get_many
    with CaptureQueriesContext(connection) as first:
        cache.get_many = lambda keys, **kw: reads.append(list(keys)) or real_get_many(keys, **kw)
        try:
            response = client.get("/")
        finally:
            del cache.get_many
    assert response.status_code == 200
    # then the articles behind the lead story and every teaser are loaded in one query
    full_loads = [
        q for q in first if 'FROM "publications_articlepage"' in q["sql"] and " IN (" in q["sql"]
    ]
    assert len(full_loads) == 1
    # and the article cards were looked for in one cache round trip (the editions' in another)
    assert len([keys for keys in reads if any(".lead" in key for key in keys)]) == 1


def test_an_article_body_is_cached_per_published_version_and_never_in_a_preview(
    client, koran_edition
):
    # given a published article, rendered once
    body = [("paragraph", RichText("<p>Bibit mangga dibagikan di Cipondoh.</p>"))]
    page = article(koran_edition, title="Bibit gratis", body=body)
    url = page.url
    assert "Bibit mangga" in rendered(client, url, "")[1]

    # when its body is changed in the database without a new version, the cached body
    # is what readers see: it was not rendered again
    type(page).objects.filter(pk=page.pk).update(
        body=[{"type": "paragraph", "value": "<p>Tanpa versi baru.</p>"}]
    )
    assert "Bibit mangga" in rendered(client, url, "")[1]

    # a preview of a draft always shows the draft's body
    draft = page.get_latest_revision_as_object()
    draft.body = [("paragraph", RichText("<p>Draf: bibit rambutan.</p>"))]
    preview = draft.make_preview_request()
    assert "Draf: bibit rambutan." in preview.content.decode()

    # and publishing a new version shows the new body at once
    draft.save_revision().publish()
    html = rendered(client, url, "")[1]
    assert "Draf: bibit rambutan." in html and "Bibit mangga" not in html


def republished(page, title: str) -> None:
    page = page.get_latest_revision_as_object()
    page.title = title
    page.save_revision().publish()


LISTINGS = {
    # listing: (its URL, the card template, what each of its cards shows)
    "topic": ("/pilar/liveable/", CARD, "article"),
    "edition": ("/koran-kota-benteng/edisi-1/", "publications/toc_item.html", "article"),
    "publication": ("/koran-kota-benteng/", "publications/edition_card.html", "edition"),
    "home editions": ("/", "home/edition_card.html", "edition"),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_renders_again_only_the_cards_that_changed(client, koran_edition, listing):
    url, template, shows = LISTINGS[listing]
    # given a listing of a few pages with pictures
    pictures = NewsImageFactory.create_batch(2)
    if shows == "article":
        pages = [
            article(
                koran_edition,
                title=f"Taman kota {n}",
                hero_image=pictures[n % 2],
                pillar="liveable",
            )
            for n in range(4)
        ]
    else:
        koran = koran_edition.get_parent()
        pages = [koran_edition] + [
            newspaper_edition(koran, number=n, cover=pictures[n % 2]) for n in range(2, 4)
        ]
    first, _html = rendered(client, url, template)
    assert first >= 1

    # when it is rendered again, every card comes from the cache, and no page is loaded
    # beyond what the cards' keys read
    purge_all()
    with CaptureQueriesContext(connection) as again:
        response = client.get(url)
    assert [t.name for t in response.templates].count(template) == 0
    assert not any(
        "wagtailimages_rendition" in q["sql"] or "newsrendition" in q["sql"] for q in again
    )

    # when the newest page is published again with a new title, only its card is rendered
    newest = pages[-1]
    republished(newest, "Judul baru diresmikan wali kota")
    count, html = rendered(client, url, template)
    assert (count, "Judul baru diresmikan wali kota" in html) == (1, True)


def test_a_search_results_card_is_rendered_again_only_when_its_article_changes(
    client, koran_edition
):
    # given search results with pictures, searched once
    pictures = NewsImageFactory.create_batch(2)
    pages = [
        article(koran_edition, title=f"Pompa {n}", lead="Banjir surut.", hero_image=pictures[0])
        for n in range(3)
    ]
    first, html = rendered(client, "/cari/?q=banjir", CARD)
    assert first == 3 and html.count("<mark>Banjir</mark> surut.") == 3

    # when searched again with other words, every card comes from the cache, and each
    # shows the excerpt of the new words
    count, html = rendered(client, "/cari/?q=surut", CARD)
    assert count == 0 and html.count('class="card-media"') == 3
    assert html.count("Banjir <mark>surut</mark>.") == 3

    # and an article published with another picture shows it at once: only its card is
    # rendered again
    page = pages[1].get_latest_revision_as_object()
    page.hero_image = pictures[1]
    page.save_revision().publish()
    count, html = rendered(client, "/cari/?q=banjir", CARD)
    assert count == 1
    assert pictures[1].file.name.rsplit("/", 1)[-1].split(".")[0] in html
