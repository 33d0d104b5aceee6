"""Cached fragments of uncached pages: a listing re-renders only the teasers that changed,
an article its body only when a new version is published, and never in a preview."""

import pytest
from wagtail.rich_text import RichText

from core.pagecache import purge_all
from tests.factories import NewsImageFactory, article

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
