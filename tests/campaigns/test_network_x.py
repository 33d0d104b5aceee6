"""The X adapter against a fake X API v2: tweets, one-shot media upload, read-back."""

import time

import pytest

from campaigns import clock, dispatch
from campaigns.models import DeliveryStatus
from campaigns.networks import x
from campaigns.networks.base import (
    OutcomeUnknown,
    OutgoingImage,
    Published,
    Reconnect,
    Rejected,
    RetryLater,
)
from campaigns.networks.http import session
from tests.campaigns.factories import approved_post
from tests.fakes.outgoing import Store, WorkerKilled, outgoing
from tests.fakes.x import problem

TOKEN = "x-user-token-rahasia"
LINK = "https://bentengkota.id/koran/festival-cisadane/"


def test_text_is_posted_as_json_with_the_users_bearer_token(fake_x):
    # given words with the link already composed in
    out = outgoing(fake_x, text=x.compose_text("Festival Cisadane dibuka!", LINK), link=LINK)
    # when it is published
    result = x.publish(out, session())
    # then one JSON request created the post, and the answer links to it
    call = fake_x.calls_to("tweets")[0]
    assert call.body_kind == "json"
    assert call.params == {"text": f"Festival Cisadane dibuka!\n\n{LINK}"}
    assert call.headers["Authorization"] == f"Bearer {TOKEN}"
    tweet_id = fake_x.created[0]["id"]
    assert result == Published(tweet_id, f"https://x.com/i/web/status/{tweet_id}")


def test_images_are_fetched_uploaded_with_alt_text_and_attached(fake_x):
    # given two images on the public site
    store = Store()
    out = outgoing(fake_x, images=2, store=store)
    # when it is published
    x.publish(out, session())
    # then each JPEG was uploaded once with its alt text, and the post carries both ids
    uploads = fake_x.calls_to("media_upload")
    assert len(uploads) == 2
    assert all(call.body_kind == "multipart" for call in uploads)
    assert uploads[0].params["media_category"] == "tweet_image"
    assert uploads[0].files["media"][:3] == b"\xff\xd8\xff"
    assert [u["alt_text"] for u in fake_x.uploads.values()] == [
        "Perahu naga di Sungai Cisadane (1)",
        "Perahu naga di Sungai Cisadane (2)",
    ]
    assert fake_x.created[0]["media_ids"] == store.state["media_ids"] == list(fake_x.uploads)


def test_worker_killed_after_an_upload_reuses_it(fake_x):
    # given a worker that dies after the first image was uploaded and saved
    store = Store(kill_when=lambda state: len(state.get("media_ids", [])) == 1)
    with pytest.raises(WorkerKilled):
        x.publish(outgoing(fake_x, images=2, store=store), session())
    # when the delivery runs again
    x.publish(outgoing(fake_x, images=2, store=store), session())
    # then only the second image was uploaded again, and one post was made
    assert len(fake_x.uploads) == 2
    assert len(fake_x.created) == 1


def test_rate_limit_waits_until_the_reset_header(fake_x):
    # given X answers 429 with a reset two minutes ahead
    fake_x.rate_limit(reset_in=120)
    # when a post is published
    with pytest.raises(RetryLater) as caught:
        x.publish(outgoing(fake_x), session())
    # then it waits until the reset, and nothing was posted
    assert caught.value.kind == "retry"
    assert 110 <= caught.value.wait_seconds <= 121
    assert fake_x.created == []


def test_duplicate_text_is_rejected_with_a_plain_reason(fake_x):
    # given the same words were posted before
    x.publish(outgoing(fake_x), session())
    # when they are posted again
    with pytest.raises(Rejected) as caught:
        x.publish(outgoing(fake_x), session())
    # then X's 403 is a terminal failure that tells the author what to change
    assert caught.value.code == "duplicate"
    assert "sama persis" in caught.value.message
    assert "duplicate content" in caught.value.message


def test_invalid_token_asks_for_reconnect(fake_x):
    # given the user's token no longer works
    fake_x.expire_token()
    # when a post is published
    with pytest.raises(Reconnect) as caught:
        x.publish(outgoing(fake_x), session())
    # then the account must be reconnected, and the token is not shown
    assert caught.value.http_status == 401
    assert TOKEN not in caught.value.message


@pytest.mark.parametrize(
    ("endpoint", "kind"),
    [
        ("tweets", "unknown"),  # the post may exist: reconcile, never resend blindly
        ("media_upload", "retry"),  # nothing public yet
        ("media_metadata", "retry"),
    ],
)
def test_server_error_is_unknown_only_once_the_post_was_sent(fake_x, endpoint, kind):
    # given the endpoint answers 503
    fake_x.fail_next(503, endpoint=endpoint)
    # when a post with an image is published
    with pytest.raises((RetryLater, OutcomeUnknown)) as caught:
        x.publish(outgoing(fake_x, images=1), session())
    # then the dispatcher is told whether anything may be public
    assert caught.value.kind == kind


def test_image_missing_from_the_site_is_retried_later(fake_x):
    # given an image URL the public site does not serve
    out = outgoing(fake_x, images=1)
    out.images[0] = OutgoingImage(url=fake_x.server.url_for("/site/hilang.jpg"), alt_text="")
    # when it is published
    with pytest.raises(RetryLater) as caught:
        x.publish(out, session())
    # then it waits for the site, and X was not asked for anything
    assert "HTTP 404" in caught.value.message
    assert fake_x.calls == []


def test_platform_message_quoting_the_token_is_scrubbed(fake_x):
    # given X echoes the token in a refusal
    fake_x.fail_next(400, problem(400, "Invalid Request", f"Bad header Bearer {TOKEN}"))
    # when a post is published
    with pytest.raises(Rejected) as caught:
        x.publish(outgoing(fake_x), session())
    # then the message keeps X's words but not the token
    assert "Bad header Bearer ***" in caught.value.message


def test_timeout_after_posting_is_reconciled_from_the_timeline(fake_x, settings):
    # given X posts (shortening the link, appending the media link) but answers too late
    settings.NETWORK_READ_TIMEOUT = 1
    fake_x.slow_next(2, endpoint="tweets")
    text = x.compose_text("Festival & lomba perahu naga <gratis>!", LINK)
    store = Store()
    with pytest.raises(OutcomeUnknown):
        x.publish(outgoing(fake_x, text=text, images=1, store=store), session())
    # when the delivery is reconciled
    found = x.reconcile(outgoing(fake_x, text=text, images=1, store=store), session())
    # then the post is recognised despite t.co links and escaping
    tweet = fake_x.created[0]
    assert "https://t.co/" in tweet["text"] and "&amp;" in tweet["text"]
    assert found == Published(tweet["id"], f"https://x.com/i/web/status/{tweet['id']}")
    assert fake_x.create_calls == 1


def test_reconcile_finds_nothing_when_the_post_never_arrived(fake_x):
    # given the timeline has another post only
    x.publish(outgoing(fake_x, text="Jadwal car free day Minggu ini."), session())
    # when a delivery that never arrived is reconciled
    found = x.reconcile(outgoing(fake_x, store=Store({"sent_at": time.time()})), session())
    # then X certainly does not have it
    assert found is None


def test_reconcile_when_x_is_rate_limited_stays_unknown(fake_x):
    # given reading the timeline is rate limited
    fake_x.rate_limit(reset_in=60, endpoint="user_tweets")
    # when a delivery is reconciled
    with pytest.raises(OutcomeUnknown) as caught:
        x.reconcile(outgoing(fake_x), session())
    # then it is checked again later, never taken as "not published"
    assert "Belum dapat memeriksa X" in caught.value.message


def test_dispatcher_publishes_an_approved_post_with_an_image_to_x(
    fake_x, fake_platform_server, users, settings
):
    # given the public site serves the renditions, and an approved post with an image
    settings.PUBLIC_BASE_URL = fake_platform_server.public_base_url
    post = approved_post(
        [fake_x.account], submitter=users["social"], approver=users["head"], send_now=True, images=1
    )
    delivery = post.deliveries.get()
    # when the tick claims it and the worker runs it
    clock.tick()
    outcome = dispatch.run_delivery(delivery.pk)
    # then the rendition was uploaded and the post published with its id
    delivery.refresh_from_db()
    assert outcome == "published", delivery.status_reason
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == fake_x.created[0]["id"]
    assert fake_x.calls_to("media_upload")[0].files["media"][:3] == b"\xff\xd8\xff"
    assert fake_x.created[0]["original_text"].startswith("Festival Cisadane")
