"""The Content-Security-Policy is enforced on the reader site and the admin: no inline script
without the request's nonce, nothing from another origin, never framed — except Wagtail's
preview, which only the admin itself may frame."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    """The enforced policy as {directive: [sources]}; fails if there is none."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no enforced Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict(directives: dict[str, list[str]], frame_ancestors: str = "'none'") -> None:
    scripts = directives["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert all(source == "'self'" or source.startswith("'nonce-") for source in scripts)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == [frame_ancestors]
    # no other origin anywhere (the site's own, data: and blob: only)
    sources = [source for values in directives.values() for source in values]
    assert not [source for source in sources if "://" in source or source.endswith(":443")]


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="admin-csp", is_superuser=True, is_staff=True))
    return client


def test_csp_is_enforced_on_every_reader_page(client, published_article):
    # when a reader opens the home page, an article, a search, a missing page
    for path in ("/", published_article.url, "/cari/?q=taman", "/tidak-ada/"):
        response = client.get(path)
        # then each carries the strict, enforced policy (and no report-only stand-in), with
        # not even the admin's one allowed inline handler
        directives = policy(response)
        assert_strict(directives)
        assert "script-src-attr" not in directives
        assert "Content-Security-Policy-Report-Only" not in response.headers


def test_csp_cached_reader_page_keeps_its_policy(client, published_article):
    # given an article read once (now in the page cache)
    first = client.get(published_article.url)
    # when it is read again from the cache
    again = client.get(published_article.url)
    # then the cached answer carries the same policy
    assert again.headers.get("X-Page-Cache") == "hit"
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_csp_is_enforced_in_the_admin_with_a_nonce_for_wagtails_own_scripts(
    editor_client, published_article
):
    # when an editor opens the article's edit page (choosers, date pickers, inline panels)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[published_article.pk]))
    directives = policy(response)
    # then the policy is strict, and every inline script carries this request's nonce
    assert_strict(directives)
    (nonce,) = [s[7:-1] for s in directives["script-src"] if s.startswith("'nonce-")]
    html = response.content.decode()
    inline = html.count("<script>") + html.count("<script nonce")
    assert html.count("<script>") == 0
    assert inline == html.count(f'<script nonce="{nonce}">') > 0


def test_csp_lets_only_wagtails_preview_be_framed_and_only_by_the_site(
    editor_client, published_article
):
    # when the editor's preview panel loads the article's preview
    preview = editor_client.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=[published_article.pk]),
        {"in_preview_panel": "true"},
    )
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[published_article.pk]))
    # then the preview may be framed by the site itself, the editor by nobody
    assert_strict(policy(preview), frame_ancestors="'self'")
    assert policy(edit)["frame-ancestors"] == ["'none'"]


def test_csp_the_api_docs_run_without_inline_script(editor_client):
    response = editor_client.get("/api/campaigns/v1/docs/")
    html = response.content.decode()
    assert_strict(policy(response))
    assert "<script>" not in html
