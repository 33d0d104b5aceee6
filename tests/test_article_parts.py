"""An article's parts cached per published version (``publications.article_parts``): the
same page for readers, fewer queries, and every change a reader should see shown at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from core.pagecache import purge_all
from home.models import BrandingSettings
from publications.models import ArticleCorrection, RelatedArticle
from tests.factories import AuthorFactory, NewsImageFactory, ProgrammeFactory, article

pytestmark = pytest.mark.django_db


def uncached(client, url: str) -> tuple[str, int]:
    """The page as a reader gets it when the page cache has no copy, and its queries."""
    purge_all()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(captured.captured_queries)


@pytest.fixture
def story(koran_edition):
    """An article with everything its parts show: authors with photos, a hero and a body
    picture, a programme, tags, a correction and a related article with a picture."""
    other = article(koran_edition, title="Sungai Cisadane bersih", hero_image=NewsImageFactory())
    body = [
        ("paragraph", RichText("<p>Warga menanam pohon di bantaran.</p>")),
        ("image", {"image": NewsImageFactory(), "alt_text": "Warga menanam", "caption": ""}),
    ]
    page = article(
        koran_edition,
        title="Seribu pohon untuk Cisadane",
        authors=[AuthorFactory(name="Siti Rahma", photo=NewsImageFactory())],
        hero_image=NewsImageFactory(caption="Penanaman di bantaran"),
        pillar="liveable",
        body=body,
    )
    draft = page.get_latest_revision_as_object()
    draft.programmes = [ProgrammeFactory(name="Tangerang Hijau")]
    draft.tags.add("penghijauan")
    draft.corrections.add(ArticleCorrection(note="Jumlah pohon diperbaiki."))
    draft.related_links.add(RelatedArticle(article=other))
    draft.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_version_seen_before_reads_its_parts_from_the_cache(client, story):
    # given an article rendered once for a reader
    first, first_queries = uncached(client, story.url)
    assert "Siti Rahma" in first and "Tangerang Hijau" in first and "#penghijauan" in first
    assert "Jumlah pohon diperbaiki." in first and "Sungai Cisadane bersih" in first

    # when it is rendered again without the page cache
    second, second_queries = uncached(client, story.url)

    # then the reader gets the same page, with fewer queries
    assert second == first
    assert second_queries < first_queries


def test_a_new_version_shows_at_once(client, story):
    uncached(client, story.url)

    # when the article is published again with a new correction and without the tag
    # (from the live page: its published correction as saved, with its id)
    draft = type(story).objects.get(pk=story.pk)
    draft.corrections.add(ArticleCorrection(note="Lokasi penanaman diralat."))
    draft.tags.clear()
    draft.save_revision().publish()

    # then readers see the new version at once
    html = uncached(client, story.url)[0]
    assert "Lokasi penanaman diralat." in html and "#penghijauan" not in html


@pytest.mark.parametrize(
    "change, shown",
    [
        ("author", "Siti Rahmawati"),
        ("programme", "Tangerang Hijau Lestari"),
        ("tag", "#penghijauan-kota"),
        ("hero caption", "Bantaran Cisadane pagi hari"),
        ("branding", "Dinas Komunikasi dan Informatika"),
        ("related", "Cisadane kini jernih"),
    ],
)
def test_a_renamed_snippet_picture_or_related_article_shows_at_once(client, story, change, shown):
    # given an article whose parts are cached
    uncached(client, story.url)
    uncached(client, story.url)

    # when something it shows changes without a new version of the article
    if change == "author":
        author = story.authors.get().author
        author.name = shown
        author.save()
    elif change == "programme":
        programme = story.programmes.get()
        programme.name = shown
        programme.save()
    elif change == "tag":
        tag = story.tags.get()
        tag.name = shown.lstrip("#")
        tag.save()
    elif change == "hero caption":
        story.hero_image.caption = shown
        story.hero_image.save()
    elif change == "branding":
        branding = BrandingSettings.load()
        branding.organisation_name = shown
        branding.save()
    else:
        related = story.related_links.get().article.get_latest_revision_as_object()
        related.title = shown
        related.save_revision().publish()

    # then readers see it at once (the branding in the structured data too, not only in
    # the page's header)
    html = uncached(client, story.url)[0]
    if change == "branding":
        html = html[html.index('<script type="application/ld+json">') :]
        html = html[: html.index("</script>")]
    assert shown in html


def test_a_new_focal_point_gives_the_hero_new_renditions(client, story):
    before = uncached(client, story.url)[0]

    image = story.hero_image
    image.focal_point_x = image.focal_point_y = 10
    image.focal_point_width = image.focal_point_height = 20
    image.save()

    after = uncached(client, story.url)[0]
    assert after != before


def test_an_unpublished_related_article_leaves_at_once(client, story):
    related = story.related_links.get().article
    assert "Sungai Cisadane bersih" in uncached(client, story.url)[0]

    related.unpublish()

    assert "Sungai Cisadane bersih" not in uncached(client, story.url)[0]


def test_a_preview_never_uses_the_cached_parts(client, story):
    uncached(client, story.url)

    draft = type(story).objects.get(pk=story.pk)
    draft.lead = "Draf: penanaman ditunda sepekan."
    draft.corrections.add(ArticleCorrection(note="Draf koreksi."))
    preview = draft.make_preview_request().content.decode()

    assert "Draf: penanaman ditunda sepekan." in preview and "Draf koreksi." in preview
