"""The city API's article listing keeps each article's item and the listing's count in the
cache (``publications.api_items``): it gives what the serializers give, byte for byte, a
published change shows at once, and only the articles that changed are serialised again."""

import collections
import datetime

import pytest
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from core.pagecache import flush_purges
from publications import api_items
from publications.models import Author, Programme
from tests.factories import NewsImageFactory, article, complete_article, newspaper_edition

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/pages/?type=publications.ArticlePage"
FIELDS = [
    "",
    "&fields=*",
    "&fields=headline,authors,hero_thumbnail,related_articles",
    "&fields=_,id,headline",
    "&fields=*,-authors,-related_articles",
    "&fields=hero_image(title,caption)",
    "&fields=*&limit=2&offset=1",
    "&fields=*&pillar=liveable",
    "&fields=*&order=title",
]


@pytest.fixture(autouse=True)
def api_uncached_by_the_page_cache(settings):
    """Every request reaches the API: the page cache (which would answer the second) is off."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.API_ITEM_CACHE_SECONDS = 3600
    flush_purges()  # drop purges other tests' transactions left, which never commit


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` ends the block as a commit would: the purges it queued run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def newsroom(koran_edition, committed):
    """Three articles: one with every relation (authors, photos, programme, tags, a
    correction, a related article), the article it links to, and a bare one."""
    with committed():
        related = article(
            koran_edition,
            title="Pompa lama diganti",
            hero_image=NewsImageFactory(credit="Humas"),
            display_date=datetime.date(2026, 11, 1),
        )
        full = complete_article(
            koran_edition, title="Seribu pohon di Cisadane", related=related, pillar="liveable"
        )
        bare = article(koran_edition, title="Pengumuman", display_date=datetime.date(2026, 10, 1))
    return collections.namedtuple("Newsroom", "full related bare")(full, related, bare)


def fresh_and_kept(client, settings, url: str) -> tuple[bytes, bytes]:
    """``url`` as the serializers make it now (nothing kept), then as the kept items give it."""
    settings.API_ITEM_CACHE_SECONDS = 0
    fresh = client.get(url)
    settings.API_ITEM_CACHE_SECONDS = 3600
    kept = client.get(url)
    assert fresh.status_code == kept.status_code == 200, fresh.content
    return fresh.content, kept.content


@pytest.mark.parametrize("query", FIELDS)
def test_kept_items_give_the_listing_byte_for_byte(client, settings, newsroom, query):
    # given a listing served once, its items and count kept
    first = client.get(ARTICLES + query)
    assert first.status_code == 200

    # when it is served again, then it is what the serializers make, to the byte
    fresh, kept = fresh_and_kept(client, settings, ARTICLES + query)
    assert kept == fresh == first.content


@pytest.mark.parametrize("accept", ["application/json; indent=2", "application/json; indent=0"])
def test_kept_items_give_the_listing_in_any_indent_asked_for(client, settings, newsroom, accept):
    # given a listing served once, its items kept
    url = f"{ARTICLES}&fields=*"
    client.get(url)

    # when a client asks for another indent, then it gets what the serializers make
    settings.API_ITEM_CACHE_SECONDS = 0
    fresh = client.get(url, HTTP_ACCEPT=accept).content
    settings.API_ITEM_CACHE_SECONDS = 3600
    assert client.get(url, HTTP_ACCEPT=accept).content == fresh


def test_a_browser_sees_the_kept_listing_in_html(client, newsroom):
    # given a listing served once, its items kept
    url = f"{ARTICLES}&fields=*"
    client.get(url)

    # when a browser asks for it, then it reads the listing in Django REST framework's page
    response = client.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Seribu pohon di Cisadane" in response.content.decode()


def test_a_kept_item_is_the_articles_detail_without_its_detail_only_fields(client, newsroom):
    # given the listing served once (its items kept)
    client.get(f"{ARTICLES}&fields=*")

    # when it is served again from the kept items, and the article is opened
    items = {item["id"]: item for item in client.get(f"{ARTICLES}&fields=*").json()["items"]}
    detail = client.get(f"/api/v2/pages/{newsroom.full.pk}/").json()

    # then the item is the detail, less the body and parent (detail only) and the locale
    # (listed only: Wagtail shows it in a detail with translations enabled)
    item = items[newsroom.full.pk]
    del detail["body"], detail["meta"]["parent"], item["meta"]["locale"]
    assert item == detail
    assert item["authors"] and item["related_articles"] and item["hero_thumbnail"]


def test_a_listing_serialises_and_fetches_only_the_articles_that_changed(
    client, newsroom, committed, monkeypatch, django_assert_max_num_queries
):
    serialised = []
    serialise = api_items._serialised

    def counting(view, pages, prefetches):
        serialised.append(sorted(page.title for page in pages))
        return serialise(view, pages, prefetches)

    monkeypatch.setattr(api_items, "_serialised", counting)
    url = f"{ARTICLES}&fields=*"

    # given the listing served once: every article serialised
    client.get(url)
    assert serialised == [sorted(newsroom._asdict()[n].title for n in newsroom._fields)]

    # when it is served again, then none is, and only the restrictions and the rows are read
    with django_assert_max_num_queries(2):
        client.get(url)
    assert len(serialised) == 1

    # when one article is published again with a new headline
    with committed():
        page = newsroom.bare.get_latest_revision_as_object()
        page.title = "Pengumuman lelang"
        page.save_revision().publish()

    # then the next listing serialises that one only, and shows it at once
    items = client.get(url).json()["items"]
    assert serialised[1:] == [["Pengumuman lelang"]]
    assert "Pengumuman lelang" in [item["title"] for item in items]


def publish(page, **fields):
    page = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def rename(model, name: str):
    instance = model.objects.order_by("pk").first()
    instance.name = name
    instance.save()


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")


def new_credit(page):
    image = page.hero_image
    image.credit = "Dinas Kominfo"
    image.save()


def new_focal_point(page):
    image = page.hero_image
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 20
    image.save()


# Each change, and what the article listing shows once it is committed.
CHANGES = {
    "headline published": (
        lambda n: publish(n.full, title="Dua ribu pohon"),
        "Dua ribu pohon",
    ),
    "related article retitled": (
        lambda n: publish(n.related, title="Pompa baru dipasang"),
        "Pompa baru dipasang",
    ),
    "related article unpublished": (lambda n: n.related.unpublish(), None),
    "article unpublished": (lambda n: n.bare.unpublish(), None),
    "article published": (
        lambda n: article(n.full.get_parent(), title="Jalan baru di Ciledug"),
        "Jalan baru di Ciledug",
    ),
    "article moved": (
        lambda n: n.bare.move(
            newspaper_edition(n.bare.get_parent().get_parent(), number=9), pos="last-child"
        ),
        "/edisi-9/",
    ),
    "article restricted": (lambda n: restrict(n.bare), None),
    "author renamed": (lambda n: rename(Author, "Siti Rahmawati"), "Siti Rahmawati"),
    "programme renamed": (lambda n: rename(Programme, "Tangerang Rindang"), "Tangerang Rindang"),
    "tag renamed": (lambda n: rename(Tag, "pepohonan"), "pepohonan"),
    "picture credited": (lambda n: new_credit(n.full), "Dinas Kominfo"),
    "picture refocused": (lambda n: new_focal_point(n.related), None),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_committed_change_shows_in_the_listing_at_once(
    client, settings, newsroom, committed, change
):
    make, shown = CHANGES[change]
    url = f"{ARTICLES}&fields=*"
    # given the listing served (its items and its count kept)
    before = client.get(url).content

    # when the change is committed
    with committed():
        make(newsroom)

    # then the listing is what the serializers make now, not what was kept
    fresh, kept = fresh_and_kept(client, settings, url)
    assert kept == fresh != before
    if shown is not None:
        assert shown in kept.decode()


@pytest.mark.parametrize(
    ("change", "count"),
    [
        ("article published", 4),
        ("article unpublished", 2),
        ("article restricted", 2),
        ("headline published", 3),
    ],
)
def test_the_total_count_follows_publishing(client, newsroom, committed, change, count):
    # given the listing counted once (3 articles)
    assert client.get(ARTICLES).json()["meta"]["total_count"] == 3

    # when an article is published, unpublished or restricted
    with committed():
        CHANGES[change][0](newsroom)

    # then the count says so at once
    assert client.get(ARTICLES).json()["meta"]["total_count"] == count


def test_a_tag_filters_count_follows_the_tags_name(client, newsroom, committed):
    # given the articles tagged "pohon" counted once
    assert client.get(f"{ARTICLES}&tags=pohon").json()["meta"]["total_count"] == 1

    # when the tag is renamed (which purges no page)
    with committed():
        tag = Tag.objects.get(name="pohon")
        tag.name = "pepohonan"
        tag.save()

    # then no article is tagged "pohon" any more, and one is tagged "pepohonan"
    assert client.get(f"{ARTICLES}&tags=pohon").json()["meta"]["total_count"] == 0
    assert client.get(f"{ARTICLES}&tags=pepohonan").json()["meta"]["total_count"] == 1


def test_a_page_for_logged_in_readers_is_listed_to_them_only(client, newsroom, django_user_model):
    # given an article only logged-in readers may see
    PageViewRestriction.objects.create(page=newsroom.bare, restriction_type="login")

    def listed():
        return {item["id"] for item in client.get(ARTICLES).json()["items"]}

    # then an anonymous request does not list it (the restrictions read from the cache)
    assert newsroom.bare.pk not in listed()
    # and a logged-in reader's does, as Wagtail's API decides for a request it lets in
    client.force_login(django_user_model.objects.create_user("pembaca", password="rahasia-1"))
    assert newsroom.bare.pk in listed()
