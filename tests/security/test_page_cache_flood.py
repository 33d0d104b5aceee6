"""The page cache is not a flood target: junk query parameters and junk session cookies are
served from the cache instead of making a render (and an entry) each; only a real session
bypasses it."""

import secrets

import pytest
from django.core.cache import cache
from django.core.signing import get_cookie_signer

from core.pagecache import hot_copies

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_hot_copies_left():
    yield
    hot_copies.clear()


def stored_pages() -> int:
    return len(cache._cache.get_client().keys(cache.make_key("pagecache:r:*")))


def test_fifty_urls_with_junk_parameters_make_one_render_and_one_entry(
    client, published_article, django_assert_num_queries
):
    # given a reader has seen the article
    assert client.get(published_article.url)["X-Page-Cache"] == "miss"
    # when fifty requests come with parameters no view reads
    with django_assert_num_queries(0):
        responses = [
            client.get(published_article.url, {f"x{number}": secrets.token_hex(4)})
            for number in range(50)
        ]
    # then every one is the cached page, and the cache holds that one page
    assert {response["X-Page-Cache"] for response in responses} == {"hit"}
    assert stored_pages() == 1


def test_parameters_a_view_reads_still_make_their_own_page(client, koran_edition):
    # given a search for "banjir" in the cache
    client.get("/cari/", {"q": "banjir"})
    # when the same search comes with junk, and in another order with a pillar
    junk = client.get("/cari/", {"q": "banjir", "zzz": "1"})
    pillar = client.get("/cari/?pilar=liveable&q=banjir")
    # then the junk one is the cached page; the pillar filter is a page of its own
    assert junk["X-Page-Cache"] == "hit"
    assert pillar["X-Page-Cache"] == "miss"
    assert client.get("/cari/?q=banjir&pilar=liveable")["X-Page-Cache"] == "hit"


def test_reordered_api_parameters_share_one_entry(client, published_article):
    url = "/api/v2/pages/?type=publications.ArticlePage&fields=title"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert (
        client.get("/api/v2/pages/?fields=title&type=publications.ArticlePage")["X-Page-Cache"]
        == "hit"
    )


@pytest.mark.parametrize(
    "cookie",
    ["junk", "x" * 32, secrets.token_hex(16)],
    ids=["short", "not-ours", "well-formed-but-unknown"],
)
def test_junk_session_cookie_is_served_from_the_cache(client, published_article, cookie):
    # given the article is in the cache
    client.get(published_article.url)
    # when requests arrive with a session cookie for no session
    client.cookies["sessionid"] = cookie
    responses = [client.get(published_article.url) for _ in range(3)]
    # then they are answered from the cache, and nothing is deleted or set
    for response in responses:
        assert response["X-Page-Cache"] == "hit"
        assert "public" in response["Cache-Control"]


def test_junk_session_cookie_on_a_page_not_yet_cached_stores_it_for_everyone(
    client, published_article
):
    # when the first request for the article carries a junk session cookie
    client.cookies["sessionid"] = secrets.token_hex(16)
    first = client.get(published_article.url)
    # then the page rendered for it is stored, and the next reader gets it from the cache
    assert first["X-Page-Cache"] == "miss"
    del client.cookies["sessionid"]
    assert client.get(published_article.url)["X-Page-Cache"] == "hit"


def test_forged_messages_cookie_does_not_skip_the_cache(client, published_article):
    client.get(published_article.url)
    client.cookies["messages"] = "palsu:tidak-ditandatangani"
    assert client.get(published_article.url)["X-Page-Cache"] == "hit"


def test_signed_messages_cookie_gets_a_private_page(client, published_article):
    # given a reader with a message waiting (a cookie we signed)
    client.get(published_article.url)
    signer = get_cookie_signer(salt="django.contrib.messages")
    client.cookies["messages"] = signer.sign_object([], compress=True)
    # then the page is rendered for them, never from the shared cache
    response = client.get(published_article.url)
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]


@pytest.mark.parametrize("evicted", [False, True], ids=["cached-session", "session-only-in-db"])
def test_real_session_still_bypasses_the_cache(client, users, published_article, evicted):
    # given the article in the cache and an editor logged in
    client.get(published_article.url)
    client.force_login(users["editor_koran"])
    if evicted:
        # (the session's cached copy is gone; the database still has it)
        session_key = client.cookies["sessionid"].value
        cache.delete("django.contrib.sessions.cached_db" + session_key)
    # when the editor opens the article
    response = client.get(published_article.url)
    # then it is rendered for them
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
