"""Every URL sent to a platform is on the public site, built from PUBLIC_BASE_URL, even when
Wagtail's Site record says something else (``localhost:80`` after a fresh install)."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from campaigns.models import Post
from insights.tracking.links import tracked_link_for
from tests.campaigns.factories import post

pytestmark = pytest.mark.django_db

PUBLIC = "https://benteng.tangerangkota.example"


@pytest.fixture
def stale_site(settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    return site


def test_a_post_linking_a_page_and_its_tracked_link_point_at_the_public_site(
    stale_site, published_article, webhook_account
):
    # given a post that links an article of the site
    delivery = post([webhook_account], link_page=published_article).deliveries.get()
    # then its link, and the tracked link's target, are on PUBLIC_BASE_URL
    assert delivery.post.link() == f"{PUBLIC}{published_article.url}"
    assert tracked_link_for(delivery).target_url.startswith(f"{PUBLIC}{published_article.url}?")


def test_promoting_an_article_links_it_on_the_public_site(
    client, users, stale_site, published_article
):
    client.force_login(users["head"])
    response = client.post(reverse("campaigns_post:promote", args=[published_article.pk]))
    assert response.status_code == 302
    promoted = Post.objects.get(link_page=published_article)
    assert promoted.link().startswith(PUBLIC)
    assert "localhost" not in promoted.link()
