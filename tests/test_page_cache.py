"""The page cache for anonymous readers, and the purges that keep every listing fresh.

Real Redis, real HTTP requests through the test client: a page counts as refreshed only
if it was served from the cache before the change and shows the change right after.
"""

import collections
import datetime
import http.server
import threading
import time

import pytest
from django.conf import settings
from django.core.cache import cache

from core.pagecache import (
    SITE_TOKEN_KEY,
    _path_token_key,
    flush_purges,
    hot_copies,
    purge_paths,
    schedule_purge,
)
from publications.models import Programme
from publications.templatetags.news_tags import NAV_CACHE_KEY
from tests.factories import AuthorFactory, article, bulletin_issue, newspaper_edition

pytestmark = pytest.mark.django_db

ARTICLE_LISTING = "/api/v2/pages/?type=publications.ArticlePage&fields=*"


@pytest.fixture(autouse=True)
def no_hot_copies_left():
    """Tests that turn hot copies on must not leave any to the next test."""
    yield
    hot_copies.clear()


def cached(client, url):
    """Fetch ``url`` twice as a reader; the second answer must come from the cache."""
    first = client.get(url)
    second = client.get(url)
    assert first["X-Page-Cache"] == "miss", url
    assert second["X-Page-Cache"] == "hit", url
    return second.content.decode()


# --- serving -----------------------------------------------------------------------------


def test_second_anonymous_request_is_a_cache_hit_without_queries(
    client, published_article, django_assert_num_queries
):
    # given a reader has seen the article
    first = client.get(published_article.url)

    # when another reader asks for it
    with django_assert_num_queries(0):
        second = client.get(published_article.url)

    # then the same page comes from the cache, without touching the database
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_pages_carry_cache_control_fit_for_a_cdn(client, published_article):
    # when a reader asks twice
    miss = client.get(published_article.url)
    hit = client.get(published_article.url)

    # then both answers may be shared: browsers a minute, the CDN until purged
    for response in (miss, hit):
        directives = {item.strip() for item in response["Cache-Control"].split(",")}
        assert directives == {
            "public",
            f"max-age={settings.PAGE_CACHE_BROWSER_SECONDS}",
            f"s-maxage={settings.PAGE_CACHE_SECONDS}",
        }
    assert int(hit["Age"]) >= 0


def test_not_found_pages_are_cached_briefly(client, db):
    # when a reader asks twice for a page that does not exist
    client.get("/tidak-ada/")
    response = client.get("/tidak-ada/")

    # then the 404 comes from the cache, kept only for the short lifetime
    assert response.status_code == 404
    assert response["X-Page-Cache"] == "hit"
    assert f"s-maxage={settings.PAGE_CACHE_SHORT_SECONDS}" in response["Cache-Control"]


def test_head_request_is_answered_from_a_cached_get(client, published_article):
    # given a reader has loaded the article
    page = client.get(published_article.url)

    # when a HEAD request comes for it
    head = client.head(published_article.url)

    # then it is a hit with the page's headers and no body
    assert head.status_code == 200
    assert head["X-Page-Cache"] == "hit"
    assert head["Content-Length"] == page["Content-Length"]
    assert head.content == b""


def test_head_request_does_not_fill_the_cache(client, published_article):
    # when the first request for a page is a HEAD
    head = client.head(published_article.url)

    # then it is answered, but the next GET renders the page
    assert head["X-Page-Cache"] == "miss"
    assert client.get(published_article.url)["X-Page-Cache"] == "miss"


def test_purge_by_another_process_reaches_this_one_within_the_hot_moment(
    client, published_article, settings
):
    # given a page this process has just served from the shared cache
    settings.PAGE_CACHE_HOT_MS = 200
    client.get(published_article.url)
    assert client.get(published_article.url)["X-Page-Cache"] == "hit"

    # when another web process purges it (it writes the purge token straight into Redis)
    cache.set(_path_token_key(published_article.url), "purged elsewhere", timeout=None)

    # then this process may serve its copy for that moment only, then renders afresh
    assert client.get(published_article.url)["X-Page-Cache"] == "hit"
    time.sleep(0.25)
    assert client.get(published_article.url)["X-Page-Cache"] == "miss"


def test_purge_in_this_process_takes_effect_at_once(client, published_article, settings):
    # given a page this process has just served from the shared cache
    settings.PAGE_CACHE_HOT_MS = 60_000
    client.get(published_article.url)
    assert client.get(published_article.url)["X-Page-Cache"] == "hit"

    # when this process purges it
    purge_paths([published_article.url])

    # then the next request renders it
    assert client.get(published_article.url)["X-Page-Cache"] == "miss"


def test_page_cache_can_be_turned_off(client, published_article, settings):
    # given the page cache is configured off
    settings.PAGE_CACHE_SECONDS = 0

    # when a reader asks twice
    responses = [client.get(published_article.url), client.get(published_article.url)]

    # then each answer is rendered, and no CDN may keep it
    for response in responses:
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_tracking_parameters_share_the_cached_page(client, published_article):
    # given a reader has loaded the article
    client.get(published_article.url)

    # when a reader arrives from a campaign link
    response = client.get(published_article.url + "?utm_source=instagram&fbclid=abc123")

    # then the cached page serves them
    assert response["X-Page-Cache"] == "hit"


def test_page_variants_are_cached_separately(client, koran_edition):
    # given two listing pages of the same path
    client.get("/cari/?q=banjir")

    # when another query is searched
    response = client.get("/cari/?q=pohon")

    # then it is rendered for that query, not served from the first one
    assert response["X-Page-Cache"] == "miss"


def test_api_answers_in_html_and_json_are_cached_apart(client, published_article):
    # given a browser has looked at the API listing (answered in HTML)
    browser = client.get(ARTICLE_LISTING, HTTP_ACCEPT="text/html")
    assert browser["Content-Type"].startswith("text/html")

    # when the city app asks for the same listing
    app = client.get(ARTICLE_LISTING, HTTP_ACCEPT="application/json")

    # then it gets JSON, then from the cache
    assert app["Content-Type"] == "application/json"
    assert app.json()["meta"]["total_count"] == 1
    again = client.get(ARTICLE_LISTING, HTTP_ACCEPT="application/json")
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Type"] == "application/json"


@pytest.mark.parametrize("role", ["editor_koran", "head"])
def test_logged_in_editor_is_never_served_from_the_cache(client, users, published_article, role):
    # given the article is in the cache for readers
    cached(client, published_article.url)

    # when an editor opens it
    client.force_login(users[role])
    response = client.get(published_article.url)

    # then the editor gets a fresh, private page
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_page_rendered_for_an_editor_is_never_stored(client, users, published_article):
    # given an editor opened the article first
    client.force_login(users["editor_koran"])
    client.get(published_article.url)

    # when a reader opens it
    client.logout()
    response = client.get(published_article.url)

    # then the reader's page is rendered for them
    assert response["X-Page-Cache"] == "miss"


def test_preview_is_never_cached(client, users, published_article):
    # given the head of Humas views a draft of the article
    client.force_login(users["head"])
    published_article.title = "Judul draf yang belum terbit"
    published_article.save_revision(user=users["head"])

    # when the draft is viewed twice
    url = f"/admin/pages/{published_article.pk}/view_draft/"
    responses = [client.get(url), client.get(url)]

    # then it is rendered each time and never marked as shareable
    for response in responses:
        assert response.status_code == 200
        assert "Judul draf yang belum terbit" in response.content.decode()
        assert "X-Page-Cache" not in response
        assert "public" not in response.get("Cache-Control", "")


def test_the_admin_is_never_cached_for_anonymous_visitors(client, db):
    # when an anonymous visitor opens the admin twice
    responses = [client.get("/admin/"), client.get("/admin/")]

    # then both go to the login page, none from the cache
    for response in responses:
        assert response.status_code == 302
        assert "X-Page-Cache" not in response


# --- purging -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def nothing_left_to_purge(db):
    """Start clean: drop purges left by other tests' transactions, which never commit."""
    flush_purges()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed():`` ends the block as a commit would: the purges it queued run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def newsroom(publications, committed):
    """Two Koran editions, a programme, an author and one article already on the site."""
    programme = Programme.objects.get(slug="usir-banjir")
    author = AuthorFactory(name="Dewi Lestari")
    with committed():
        edition = newspaper_edition(publications["koran"], number=1)
        other_edition = newspaper_edition(publications["koran"], number=2)
        existing = article(
            edition,
            title="Pasar Anyar dibenahi",
            authors=[author],
            programmes=[programme],
            pillar="liveable",
            display_date=datetime.date(2026, 3, 9),
        )
    return collections.namedtuple(
        "Newsroom", "publication edition other_edition programme author existing"
    )(publications["koran"], edition, other_edition, programme, author, existing)


def listing_urls(newsroom):
    """Every page that lists an article of the newsroom fixture, and the marker to look for."""
    return {
        "home": "/",
        "edition": newsroom.edition.url,
        "programme": f"/program/{newsroom.programme.slug}/",
        "pillar": "/pilar/liveable/",
        "author": f"/penulis/{newsroom.author.slug}/",
        "archive year": "/arsip/2026/",
        "archive month": "/arsip/2026/3/",
        "site feed": "/rss/",
        "publication feed": f"/rss/{newsroom.publication.slug}/",
        "sitemap": "/sitemap.xml",
        "search": "/cari/?q=ciledug",
        "api": ARTICLE_LISTING,
    }


LISTINGS = [
    "home",
    "edition",
    "programme",
    "pillar",
    "author",
    "archive year",
    "archive month",
    "site feed",
    "publication feed",
    "sitemap",
    "search",
    "api",
]


def publish_ciledug_article(newsroom, **fields):
    fields.setdefault("authors", [newsroom.author])
    fields.setdefault("programmes", [newsroom.programme])
    return article(
        newsroom.edition,
        title="Banjir surut di Ciledug",
        pillar="liveable",
        display_date=datetime.date(2026, 3, 10),
        **fields,
    )


@pytest.mark.parametrize("listing", LISTINGS)
def test_publishing_an_article_refreshes_every_listing(client, newsroom, listing, committed):
    # given a listing in the cache, from before the article existed
    url = listing_urls(newsroom)[listing]
    assert "banjir-surut-di-ciledug" not in cached(client, url)

    # when the article is published
    with committed():
        publish_ciledug_article(newsroom)

    # then the listing is rendered again and shows it
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "banjir-surut-di-ciledug" in response.content.decode()


def test_publishing_an_article_refreshes_its_publication_and_its_own_url(
    client, newsroom, committed
):
    # given the publication page and the future article's address (a 404) are cached
    cached(client, newsroom.publication.url)
    future_url = newsroom.edition.url + "banjir-surut-di-ciledug/"
    client.get(future_url)
    assert client.get(future_url)["X-Page-Cache"] == "hit"

    # when the article is published
    with committed():
        publish_ciledug_article(newsroom)

    # then both are rendered again
    assert client.get(newsroom.publication.url)["X-Page-Cache"] == "miss"
    response = client.get(future_url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"


def test_publishing_a_bulletin_article_refreshes_the_print_view(client, publications, committed):
    # given a Buletin Jumat issue whose print view is cached
    with committed():
        issue = bulletin_issue(publications["buletin"])
    print_url = issue.url + "cetak/"
    assert "Khutbah tentang kebersihan" not in cached(client, print_url)

    # when an article is published in it
    with committed():
        article(issue, title="Khutbah tentang kebersihan")

    # then the print view shows it
    assert "Khutbah tentang kebersihan" in client.get(print_url).content.decode()


@pytest.mark.parametrize("listing", LISTINGS)
def test_unpublishing_an_article_removes_it_from_every_listing(
    client, newsroom, listing, committed
):
    # given a listing that shows the article, in the cache
    with committed():
        ciledug = publish_ciledug_article(newsroom)
    url = listing_urls(newsroom)[listing]
    assert "banjir-surut-di-ciledug" in cached(client, url)
    cached(client, ciledug.url)

    # when the article is unpublished
    with committed():
        ciledug.unpublish()

    # then it is gone from the listing and from its address
    assert "banjir-surut-di-ciledug" not in client.get(url).content.decode()
    assert client.get(ciledug.url).status_code == 404


def test_moving_an_article_refreshes_both_editions(client, newsroom, committed):
    # given the article's edition, the other edition and the article are cached
    with committed():
        ciledug = publish_ciledug_article(newsroom)
    old_url = ciledug.url
    assert "banjir-surut-di-ciledug" in cached(client, newsroom.edition.url)
    assert "banjir-surut-di-ciledug" not in cached(client, newsroom.other_edition.url)
    cached(client, old_url)

    # when the article is moved to the other edition
    with committed():
        ciledug.move(newsroom.other_edition, pos="last-child")

    # then the old edition no longer lists it, the new one does, and the old address is gone
    assert "banjir-surut-di-ciledug" not in client.get(newsroom.edition.url).content.decode()
    assert "banjir-surut-di-ciledug" in client.get(newsroom.other_edition.url).content.decode()
    assert client.get(old_url).status_code in (301, 404)
    ciledug.refresh_from_db()
    assert client.get(ciledug.url).status_code == 200


@pytest.mark.parametrize("listing", ["home", "edition", "programme", "site feed", "sitemap"])
def test_deleting_an_article_removes_it_from_listings(client, newsroom, listing, committed):
    # given a listing that shows the article, in the cache
    with committed():
        ciledug = publish_ciledug_article(newsroom)
    url = listing_urls(newsroom)[listing]
    assert "banjir-surut-di-ciledug" in cached(client, url)
    article_url = ciledug.url
    cached(client, article_url)

    # when the article is deleted
    with committed():
        ciledug.delete()

    # then it is gone from the listing and from its address
    assert "banjir-surut-di-ciledug" not in client.get(url).content.decode()
    assert client.get(article_url).status_code == 404


def test_republishing_with_new_topics_refreshes_old_and_new_topic_pages(
    client, newsroom, committed
):
    # given an article on Usir Banjir, dated March, with both topic pages cached
    with committed():
        ciledug = publish_ciledug_article(newsroom)
    hijau = Programme.objects.get(slug="tangerang-hijau")
    assert "banjir-surut-di-ciledug" in cached(client, "/program/usir-banjir/")
    assert "banjir-surut-di-ciledug" not in cached(client, "/program/tangerang-hijau/")
    assert "banjir-surut-di-ciledug" in cached(client, "/arsip/2026/3/")

    # when an editor moves it to Tangerang Hijau, dated April, and publishes
    ciledug.programmes.set([hijau])
    ciledug.display_date = datetime.date(2026, 4, 1)
    with committed():
        ciledug.save_revision().publish()

    # then the old topic and month drop it and the new ones list it
    assert "banjir-surut-di-ciledug" not in client.get("/program/usir-banjir/").content.decode()
    assert "banjir-surut-di-ciledug" in client.get("/program/tangerang-hijau/").content.decode()
    assert "banjir-surut-di-ciledug" not in client.get("/arsip/2026/3/").content.decode()
    assert "banjir-surut-di-ciledug" in client.get("/arsip/2026/4/").content.decode()


def test_renaming_a_programme_refreshes_its_topic_page(client, newsroom, committed):
    # given the programme's topic page is cached
    url = f"/program/{newsroom.programme.slug}/"
    assert "Usir Banjir Terpadu" not in cached(client, url)

    # when an editor renames the programme
    newsroom.programme.name = "Usir Banjir Terpadu"
    with committed():
        newsroom.programme.save()

    # then the topic page shows the new name
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Usir Banjir Terpadu" in response.content.decode()


def test_a_new_photo_credit_refreshes_the_pages_that_show_the_picture(client, committed):
    # given an article whose hero picture credits one photographer, cached with its listings
    from publications.models import NewsImage
    from tests.factories import NewsImageFactory

    with committed():
        from publications.models import PublicationPage

        edition = newspaper_edition(PublicationPage.objects.get(kind="koran"), number=7)
        page = article(edition, title="Taman Potret dibuka", hero_image=NewsImageFactory())
    picture = NewsImage.objects.get(pk=page.hero_image_id)
    picture.credit = "Humas Kota"
    with committed():
        picture.save()
    for url in (page.url, "/"):
        cached(client, url)

    # when the picture's credit is corrected in the library
    picture.credit = "Rudi Hartono"
    with committed():
        picture.save()

    # then the article shows the new credit at once, and its listings are rendered again
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Rudi Hartono" in response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_purge_waits_for_the_commit(client, newsroom, django_capture_on_commit_callbacks):
    # given the edition page is cached
    cached(client, newsroom.edition.url)

    # when an article is published but its transaction has not committed yet
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_ciledug_article(newsroom)
        served_meanwhile = client.get(newsroom.edition.url)

    # then readers are still served the cached page until the commit purges it
    assert served_meanwhile["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert client.get(newsroom.edition.url)["X-Page-Cache"] == "miss"


# --- the CDN -----------------------------------------------------------------------------


@pytest.fixture
def purge_server():
    """A stand-in for Varnish on 127.0.0.1: records every PURGE as (Host header, path)."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()


@pytest.fixture
def cdn(settings, purge_server):
    port, received = purge_server
    settings.PUBLIC_BASE_URL = "https://berita.tangerangkota.go.id"
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    return received


def test_publishing_purges_every_listing_url_from_the_cdn_once(cdn, newsroom, committed):
    # when an article is published with a CDN configured
    cdn.clear()
    with committed():
        ciledug = publish_ciledug_article(newsroom)

    # then the CDN is asked to drop the article and every page that lists it, each once
    counts = collections.Counter(cdn)
    assert set(counts.values()) == {1}
    assert {host for host, _ in cdn} == {"berita.tangerangkota.go.id"}
    purged = {path for _, path in cdn}
    assert purged >= {
        ciledug.url,
        newsroom.edition.url,
        newsroom.publication.url,
        "/",
        "/program/usir-banjir/",
        "/pilar/liveable/",
        f"/penulis/{newsroom.author.slug}/",
        "/arsip/2026/",
        "/arsip/2026/3/",
        "/rss/",
        f"/rss/{newsroom.publication.slug}/",
        "/sitemap.xml",
        "/cari/",
        "/api/v2/pages/",
        f"/api/v2/pages/{ciledug.pk}/",
    }


def test_moving_purges_old_and_new_addresses_from_the_cdn(cdn, newsroom, committed):
    # given a published article
    with committed():
        ciledug = publish_ciledug_article(newsroom)
    old_url = ciledug.url

    # when it is moved to the other edition
    cdn.clear()
    with committed():
        ciledug.move(newsroom.other_edition, pos="last-child")

    # then the CDN drops both addresses and both editions
    ciledug.refresh_from_db()
    purged = {path for _, path in cdn}
    assert purged >= {old_url, ciledug.url, newsroom.edition.url, newsroom.other_edition.url}


def test_purging_every_page_forgets_what_apps_registered_and_waits_for_the_commit(
    db, django_capture_on_commit_callbacks
):
    # given the publications' navigation cached (publications registers it) and a site token
    cache.set(NAV_CACHE_KEY, ["stale navigation"])
    token = cache.get(SITE_TOKEN_KEY)

    # when every page is purged in a transaction
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        schedule_purge({"/"}, everything=True)
        # then nothing is purged before the commit
        assert cache.get(NAV_CACHE_KEY) == ["stale navigation"]

    # and after it the navigation is forgotten and every page's token is new
    assert callbacks
    assert cache.get(NAV_CACHE_KEY) is None
    assert cache.get(SITE_TOKEN_KEY) not in (None, token)
