"""Promoting a live article: one button, a draft post that says what the article says."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from campaigns.models import Post, PostStatus
from tests.campaigns.post_forms import edit_url, refused
from tests.factories import article

pytestmark = pytest.mark.django_db


def promote_url(page) -> str:
    return reverse("campaigns_post:promote", args=[page.pk])


def links_to(response, url: str) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.find_all("a", href=url)]


def test_head_promotes_a_live_article_from_its_edit_page(client, users, published_article):
    # given the head on the live article's edit page
    client.force_login(users["head"])
    page = client.get(reverse("wagtailadmin_pages:edit", args=[published_article.pk]))
    assert links_to(page, promote_url(published_article)) == ["Promosikan di media sosial"]

    # when they follow the button and confirm
    confirm = client.get(promote_url(published_article))
    assert published_article.title in confirm.content.decode()
    response = client.post(promote_url(published_article))

    # then a draft post with the article's words, picture and link opens for editing
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(post)
    assert post.status == PostStatus.DRAFT
    assert post.text == (
        "Kota Tangerang menanam seribu pohon\n\n"
        "Warga dan pemerintah kota menanam pohon di bantaran Cisadane."
    )
    assert (post.link_page_id, post.source_article_id) == (published_article.pk,) * 2
    assert post.link() == f"{settings.PUBLIC_BASE_URL}{published_article.url}"  # public site
    assert (post.author, post.campaign) == (users["head"], None)
    image = post.images.get()
    assert image.image == published_article.hero_image
    assert image.alt_text == "Suasana di Kota Tangerang"  # the library caption
    assert not post.deliveries.exists()


def test_the_button_is_in_the_page_listing_too(client, users, published_article):
    client.force_login(users["head"])

    listing = client.get(reverse("wagtailadmin_explore", args=[published_article.get_parent().pk]))

    assert links_to(listing, promote_url(published_article)) == ["Promosikan di media sosial"]


def test_hero_caption_on_the_article_wins_over_the_library_caption(client, users, koran_edition):
    from tests.factories import NewsImageFactory

    story = article(
        koran_edition,
        title="Pasar Anyar dibuka kembali",
        hero_image=NewsImageFactory(title="pasar.jpg"),
        hero_caption="Pedagang menata lapak di Pasar Anyar.",
    )
    client.force_login(users["social"])

    client.post(promote_url(story))

    assert Post.objects.get().images.get().alt_text == "Pedagang menata lapak di Pasar Anyar."


def test_a_draft_article_cannot_be_promoted(client, users, koran_edition):
    draft = article(koran_edition, title="Belum terbit", publish=False)
    client.force_login(users["head"])

    page = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    response = client.post(promote_url(draft))

    assert links_to(page, promote_url(draft)) == []
    assert response.status_code == 404
    assert not Post.objects.exists()


def test_an_edition_is_not_an_article(client, users, koran_edition):
    client.force_login(users["head"])

    response = client.post(promote_url(koran_edition))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["analyst", "editor_koran"])
def test_users_who_cannot_add_posts_get_no_button_and_no_post(
    client, users, published_article, role
):
    client.force_login(users[role])

    page = client.get(reverse("wagtailadmin_pages:edit", args=[published_article.pk]))
    response = client.post(promote_url(published_article))

    assert links_to(page, promote_url(published_article)) == []
    assert refused(response)
    assert not Post.objects.exists()


def test_manager_without_page_access_promotes_from_the_posts_listing(
    client, users, published_article
):
    # given a social media manager on the posts listing (they cannot browse pages)
    client.force_login(users["social"])
    choose_url = reverse("campaigns_post:choose_article")
    listing = client.get(reverse("campaigns_post:index"))
    assert links_to(listing, choose_url) == ["Dari artikel"]

    # when they search the live articles and promote one
    found = client.get(choose_url, {"q": "seribu pohon"})
    assert links_to(found, promote_url(published_article)) == ["Promosikan"]
    response = client.post(promote_url(published_article))

    # then the draft post is theirs
    post = Post.objects.get()
    assert response["Location"] == edit_url(post)
    assert post.author == users["social"]


def test_the_article_chooser_lists_only_live_articles_and_only_for_post_authors(
    client, users, koran_edition
):
    article(koran_edition, title="Draf banjir", publish=False)
    client.force_login(users["social"])
    assert (
        "Draf banjir" not in client.get(reverse("campaigns_post:choose_article")).content.decode()
    )
    client.force_login(users["analyst"])
    assert refused(client.get(reverse("campaigns_post:choose_article")))
