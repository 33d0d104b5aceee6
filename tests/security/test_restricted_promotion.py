"""Promoting an article that readers must log in, belong to a group or know a password to
read: its headline, lead and picture would go out to the public. Refused everywhere: the
"Promosikan di media sosial" button, the promote chooser, and the API's post link."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from campaigns import policy
from campaigns.models import Post
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory
from tests.campaigns.post_forms import refused
from tests.factories import article

pytestmark = pytest.mark.django_db


def restrict(page, kind: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="rahasia" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.get(name="Kepala Humas"))


@pytest.fixture(params=["password", "login", "groups", "ancestor"])
def restricted(request, koran_edition):
    """A live article behind a password, a log-in, a group, or an edition's restriction."""
    page = article(koran_edition, title="Rapat internal anggaran banjir")
    if request.param == "ancestor":
        restrict(koran_edition, "login")
    else:
        restrict(page, request.param)
    return page


def test_restricted_article_cannot_be_promoted(client, users, restricted):
    # given a manager who may promote articles
    client.force_login(users["social"])
    url = reverse("campaigns_post:promote", args=[restricted.pk])

    # when they open the promote confirmation and confirm it
    opened = client.get(url)
    confirmed = client.post(url)

    # then both are refused, and no post carries the article
    assert refused(opened)
    assert refused(confirmed)
    assert not Post.objects.exists()
    # and the chooser does not list it
    chooser = client.get(reverse("campaigns_post:choose_article")).content.decode()
    assert restricted.title not in chooser


def test_restricted_article_has_no_promote_button(client, users, restricted):
    client.force_login(users["head"])
    page = client.get(reverse("wagtailadmin_pages:edit", args=[restricted.pk]))
    links = BeautifulSoup(page.content, "html.parser").find_all(
        "a", href=reverse("campaigns_post:promote", args=[restricted.pk])
    )
    assert links == []


def test_restricted_article_cannot_be_linked_from_a_post_through_the_api(users, restricted):
    # given a manager with a token and an account
    account = SocialAccountFactory(network="telegram", owner=users["social"])
    body = {"text": "Baca ini", "link_page": restricted.pk, "send_now": True}
    body["deliveries"] = [{"account": account.pk}]

    # when they create a post linking to the article
    response = api_as(users["social"]).post(f"{API}/posts/", body, format="json")

    # then 400 on link_page, with the reason
    assert response.status_code == 400
    assert response.json()["link_page"] == [policy.RESTRICTED_PAGE]
    assert not Post.objects.exists()


def test_public_article_is_still_listed_and_promoted(client, users, published_article):
    client.force_login(users["social"])
    chooser = client.get(reverse("campaigns_post:choose_article")).content.decode()
    assert published_article.title in chooser
    response = client.post(reverse("campaigns_post:promote", args=[published_article.pk]))
    assert response.status_code == 302
    assert Post.objects.get().link_page_id == published_article.pk
