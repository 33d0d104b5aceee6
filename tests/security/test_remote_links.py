"""Nothing a platform or a feed sends back becomes a script: only http(s) URLs from remote
answers are kept, and every remote link is drawn by one helper that refuses other schemes."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from werkzeug import Response

from campaigns import clock, dispatch
from campaigns.models import DeliveryStatus
from core.links import remote_url
from insights.clippings.poll import poll_news_feeds
from insights.collectors.store import Sample, upsert_samples
from insights.models import Clipping, KeywordRule, Metric, Outlet, Source, SubjectKind
from tests.campaigns.factories import SocialAccountFactory, approved_post

pytestmark = pytest.mark.django_db

SCRIPT_URLS = [
    "javascript:alert(7)",
    "JavaScript:alert(7)",
    " \tjavascript:alert(7)",
    "java\tscript:alert(7)",
    "data:text/html,<script>alert(7)</script>",
    "vbscript:msgbox(7)",
    "//evil.example/x",
    "https:alert(7)",
]


def hrefs(html: str) -> list[str]:
    return [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]


def test_xss_javascript_permalink_from_a_webhook_is_not_stored(users, public):
    # given a receiver that answers with a script as the post's link
    public.answer(
        lambda request: Response(
            '{"id": "app-7", "url": "javascript:alert(7)"}', 201, content_type="application/json"
        )
    )
    account = SocialAccountFactory(network="webhook", external_id=public.url_for("/hook"))
    post = approved_post(
        [account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()

    # when it is delivered
    for pk in clock.tick().claimed:
        dispatch.run_delivery(pk)

    # then the post counts as published, with no link kept
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == "app-7"
    assert delivery.permalink == ""
    assert delivery.attempts.get().permalink == ""


def test_xss_script_permalink_already_stored_is_never_a_link_in_the_admin(client, users):
    # given a delivery whose stored permalink is a script (saved before this was checked),
    # with metrics, so it is among the campaign dashboard's top posts
    account = SocialAccountFactory(network="webhook", external_id="https://app.kota.example/h")
    post = approved_post([account], submitter=users["social"], approver=users["head"])
    delivery = post.deliveries.get()
    delivery.status, delivery.remote_id = DeliveryStatus.PUBLISHED, "app-7"
    delivery.permalink = "javascript:alert(7)"
    delivery.save()
    today = timezone.localdate()
    upsert_samples(  # as a collector writes it, so the dashboard's rollups count it
        [
            Sample(
                SubjectKind.DELIVERY,
                delivery.pk,
                Metric.LIKES,
                today,
                Source.MANUAL,
                40,
                account_id=account.pk,
                campaign_id=post.campaign_id,
                network=account.network,
            )
        ]
    )
    client.force_login(users["head"])
    week_ago = today - datetime.timedelta(days=7)

    # when the deliveries list, the post and the office dashboard are shown
    pages = {
        "deliveries": client.get(reverse("campaigns_deliveries:index")),
        "post": client.get(reverse("campaigns_post:edit", args=[post.pk])),
        "dashboard": client.get(
            reverse("campaigns_dashboard:index"), {"start": week_ago, "end": today}
        ),
    }

    # then each shows the post, and none links to the script
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "app-7" in html or post.text[:30] in html, name
        assert not [href for href in hrefs(html) if "alert" in href], name


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_xss_remote_link_helper_refuses_every_scheme_but_http_and_https(url):
    # when a remote URL is drawn by the one helper
    html = Template("{% load safe_links %}{% remote_link url 'Buka' %}").render(
        Context({"url": url})
    )
    # then it is the label alone, never a link
    assert remote_url(url) == ""
    assert html == "Buka"


def test_remote_link_helper_links_http_and_https_in_a_new_tab_without_opener():
    html = Template("{% load safe_links %}{% remote_link url 'Buka' %}").render(
        Context({"url": "https://www.instagram.com/p/abc/"})
    )
    assert html == (
        '<a href="https://www.instagram.com/p/abc/" target="_blank" '
        'rel="noopener noreferrer">Buka</a>'
    )


def test_xss_feed_item_with_a_script_link_is_not_a_clipping(public):
    # given a feed whose matching items link to scripts, and one to a real article
    KeywordRule.objects.create(phrase="Kota Tangerang")
    items = "".join(
        f"<item><title>Kota Tangerang {n}</title><link>{link}</link></item>"
        for n, link in enumerate(["javascript:alert(7)", "data:text/html,x", "https://b.example/1"])
    )
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    )
    public.answer(lambda request: Response(rss, content_type="application/rss+xml"))
    Outlet.objects.create(name="Umpan", feed_url=public.url_for("/rss"))

    # when it is polled
    poll_news_feeds()

    # then only the http(s) item became a clipping
    assert list(Clipping.objects.values_list("url", flat=True)) == ["https://b.example/1"]
