"""Tracked short links: made once per delivery with UTM parameters, sent in place of the
post's link, followed with a redirect that counts people and not bots, never cached and
without cookies."""

import json

import pytest
from django.conf import settings
from django.utils import timezone
from werkzeug import Response

from campaigns import clock, dispatch
from campaigns.models import DeliveryStatus
from insights.models import MetricSample, TrackedLink
from insights.tracking import flush
from insights.tracking.links import short_url, tracked_link_for, with_utm
from tests.campaigns.factories import CampaignFactory, approved_post, post

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
LINK = "https://tangerangkota.go.id/festival?hari=sabtu#peta"


pytestmark = pytest.mark.usefixtures("traffic")  # tests/conftest.py: counting from zero


@pytest.fixture
def link(webhook_account):
    campaign = CampaignFactory(name="Festival Cisadane 2027")
    delivery = post([webhook_account], link_url=LINK, campaign=campaign).deliveries.get()
    return tracked_link_for(delivery)


def clicks_counted(link: TrackedLink) -> int:
    """Clicks on ``link`` once the waiting events are flushed into daily numbers."""
    flush.flush()
    samples = MetricSample.objects.filter(subject_kind="link", subject_id=link.pk)
    return sum(samples.values_list("value", flat=True))


# --- the link -------------------------------------------------------------------------


def test_link_gets_utm_parameters_of_its_delivery_and_keeps_its_own(link):
    # given a post linking to a page with a query and a fragment, in a campaign
    delivery = link.delivery
    # then the target adds source, medium, campaign and content, and keeps the rest
    assert link.target_url == (
        "https://tangerangkota.go.id/festival?hari=sabtu&utm_source=webhook&utm_medium=social"
        f"&utm_campaign=festival-cisadane-2027&utm_content={delivery.pk}#peta"
    )
    assert (link.network, link.campaign_id) == ("webhook", delivery.post.campaign_id)
    assert short_url(link) == f"{settings.PUBLIC_BASE_URL}/l/{link.code}"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://a.id/x?utm_source=koran&utm_campaign=lama",
            "https://a.id/x?utm_source=koran&utm_campaign=lama&utm_medium=social&utm_content=7",
        ),
        (
            "https://a.id",
            "https://a.id/?utm_source=x&utm_medium=social&utm_campaign=c&utm_content=7",
        ),
        (
            "https://a.id/berita?q=banjir%20kali",
            "https://a.id/berita?q=banjir%20kali"
            "&utm_source=x&utm_medium=social&utm_campaign=c&utm_content=7",
        ),
    ],
)
def test_utm_parameters_already_in_the_link_are_not_clobbered(url, expected):
    assert with_utm(url, source="x", campaign="c", content="7") == expected


def test_post_without_campaign_is_tagged_tanpa_kampanye(webhook_account):
    delivery = post([webhook_account], link_url="https://a.id/").deliveries.get()
    assert "utm_campaign=tanpa-kampanye" in tracked_link_for(delivery).target_url


def test_one_link_per_delivery_however_often_it_is_asked(link):
    # when the same delivery asks for its link again
    again = tracked_link_for(link.delivery)
    # then it is the same link, and codes are short base62
    assert again.pk == link.pk and again.code == link.code
    assert TrackedLink.objects.count() == 1
    assert len(link.code) == 7 and link.code.isascii() and link.code.isalnum()


# --- following it ---------------------------------------------------------------------


def test_following_the_link_redirects_to_the_target_without_cookie_or_cache(client, link):
    # when two people follow the short link
    first = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.0.0.1")
    second = client.get(f"/l/{link.code}/", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.0.0.2")
    # then both redirect to the target with its UTM parameters, uncached and cookie-free
    for response in (first, second):
        assert response.status_code == 302
        assert response["Location"] == link.target_url
        assert "Set-Cookie" not in response.headers and not response.cookies
        assert {"no-cache", "no-store", "private"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }
        assert "X-Page-Cache" not in response
    # and both clicks count
    assert clicks_counted(link) == 2


@pytest.mark.parametrize("code", ["Zz9Zz9Z", "bukan-kode", "a" * 40, "ü"])
def test_unknown_code_is_a_404_page_and_counts_nothing(client, link, code):
    response = client.get(f"/l/{code}", HTTP_USER_AGENT=CHROME)
    assert response.status_code == 404
    assert b"<html" in response.content
    assert clicks_counted(link) == 0


HUMANS = [
    CHROME,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    # Instagram's and Facebook's in-app browsers are people reading our post.
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Instagram 340.0.2.22.80 (iPhone14,5; iOS 17_5)",
    "Mozilla/5.0 (Linux; Android 14; SM-A546E Build/UP1A; wv) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Version/4.0 Chrome/130.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/488.0.0.56.109;]",
    # A phone brand whose name contains "bot".
    "Mozilla/5.0 (Linux; Android 10; CUBOT_NOTE_20) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36",
]
BOTS = [
    "",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
    "Twitterbot/1.0",
    "TelegramBot (like TwitterBot)",
    "WhatsApp/2.24.21.83 A",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
    "python-requests/2.32.3",
    "curl/8.5.0",
    "Wget/1.21.4",
    "Go-http-client/2.0",
    "okhttp/4.12.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
    "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
]


@pytest.mark.parametrize("agent", HUMANS)
def test_people_are_counted(client, link, agent):
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=agent)
    assert response.status_code == 302
    assert clicks_counted(link) == 1


@pytest.mark.parametrize("agent", BOTS)
def test_bots_and_preview_fetchers_are_redirected_but_not_counted(client, link, agent):
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=agent)
    assert response.status_code == 302 and response["Location"] == link.target_url
    assert clicks_counted(link) == 0


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_PURPOSE": "prefetch"}, {"HTTP_X_MOZ": "prefetch"}],
)
def test_browser_prefetch_is_not_a_click(client, link, headers):
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, **headers)
    assert response.status_code == 302
    assert clicks_counted(link) == 0


def test_head_request_of_a_link_checker_is_not_a_click(client, link):
    response = client.head(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)
    assert response.status_code == 302
    assert clicks_counted(link) == 0


# --- in the post ----------------------------------------------------------------------


@pytest.fixture
def receiver(httpserver, webhook_account):
    webhook_account.external_id = httpserver.url_for("/city-app/posts")
    webhook_account.save()
    return httpserver


def test_delivery_carries_its_short_link_and_a_retry_sends_the_same(
    receiver, webhook_account, users, client
):
    # given an approved post with a link; the receiver fails once, then accepts
    receiver.expect_oneshot_request("/city-app/posts", method="POST").respond_with_response(
        Response("sibuk", status=503)
    )
    receiver.expect_request("/city-app/posts", method="POST").respond_with_json({"id": "app-7"})
    post = approved_post(
        [webhook_account],
        submitter=users["social"],
        approver=users["head"],
        send_now=True,
        link_url=LINK,
    )
    delivery = post.deliveries.get()
    # when the dispatcher sends it, and sends it again once the retry is due
    clock.tick()
    assert dispatch.run_delivery(delivery.pk) == "retry"
    post.deliveries.update(due_at=timezone.now())
    clock.tick()
    assert dispatch.run_delivery(delivery.pk) == "published"
    # then both requests carried the same short link, which leads to the post's link
    sent = [json.loads(request.get_data())["link"] for request, _ in receiver.log]
    tracked = TrackedLink.objects.get(delivery=delivery)
    assert sent == [f"{settings.PUBLIC_BASE_URL}/l/{tracked.code}"] * 2
    assert delivery.__class__.objects.get(pk=delivery.pk).status == DeliveryStatus.PUBLISHED
    followed = client.get(f"/l/{tracked.code}", HTTP_USER_AGENT=CHROME)
    assert followed["Location"].startswith(LINK.split("#")[0] + "&utm_source=webhook")


def test_post_without_link_sends_no_link_and_makes_none(webhook_account, users):
    post = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    )
    outgoing = dispatch.build_outgoing(post.deliveries.get())
    assert outgoing.link == ""
    assert not TrackedLink.objects.exists()


@pytest.mark.parametrize(
    "state", [{"needs_reconcile": True}, {"attempt_count": 2}], ids=["reconciling", "retrying"]
)
def test_delivery_tried_before_tracked_links_existed_keeps_its_raw_link(webhook_account, state):
    # given a delivery already tried (it may be out there with the raw link) and no short link
    delivery = post([webhook_account], link_url=LINK).deliveries.get()
    for name, value in state.items():
        setattr(delivery, name, value)
    # when it is built again for a check or a retry
    outgoing = dispatch.build_outgoing(delivery)
    # then it carries the very link it carried before, so the platform recognises it
    assert outgoing.link == LINK
    assert not TrackedLink.objects.exists()
