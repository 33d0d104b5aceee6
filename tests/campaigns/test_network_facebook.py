"""The Facebook Page adapter against a fake Graph API: feed, photos, read-back."""

import pytest

from campaigns.networks import facebook
from campaigns.networks.base import (
    OutcomeUnknown,
    Published,
    Reconnect,
    Rejected,
    RetryLater,
)
from campaigns.networks.http import session
from tests.fakes import graph_error
from tests.fakes.outgoing import Store, WorkerKilled, outgoing

TOKEN = "fb-page-token-rahasia"
LINK = "https://bentengkota.id/koran/festival-cisadane/"


def test_text_with_link_is_one_feed_post(fake_facebook):
    # given words and a link, no image
    out = outgoing(fake_facebook, link=LINK)
    # when it is published
    result = facebook.publish(out, session())
    # then one /feed post carries the message and the link, and its id names the post
    post = fake_facebook.created[0]
    call = fake_facebook.calls_to("feed")[0]
    assert (call.params["message"], call.params["link"]) == (out.text, LINK)
    assert call.body_kind == "form" and "access_token" not in call.query
    assert result == Published(post["id"], f"https://www.facebook.com/{post['id']}")
    assert post["id"].startswith(f"{fake_facebook.page_id}_")


def test_one_image_is_a_photo_post_with_the_link_in_its_caption(fake_facebook):
    # given one image and a link (a photo post has no link field)
    out = outgoing(fake_facebook, link=LINK, images=1)
    # when it is published
    result = facebook.publish(out, session())
    # then /photos published it with the link in the caption, and the post id is returned
    call = fake_facebook.calls_to("photos")[0]
    assert call.params["url"] == out.images[0].url
    assert call.params["caption"] == f"{out.text}\n\n{LINK}"
    assert result.remote_id == fake_facebook.created[0]["id"]
    assert fake_facebook.create_calls == 1


def test_several_images_are_uploaded_unpublished_then_attached_to_one_post(fake_facebook):
    # given three images
    store = Store()
    out = outgoing(fake_facebook, images=3, store=store)
    # when it is published
    facebook.publish(out, session())
    # then three unpublished photos were attached to exactly one public post
    assert len(fake_facebook.uploads) == 3
    assert fake_facebook.create_calls == 1
    assert len(fake_facebook.created) == 1
    assert fake_facebook.created[0]["photos"] == store.state["photo_ids"]
    feed = fake_facebook.calls_to("feed")[0]
    assert feed.params["attached_media[2]"] == f'{{"media_fbid": "{store.state["photo_ids"][2]}"}}'


def test_worker_killed_between_photo_uploads_reuses_the_uploaded_ones(fake_facebook):
    # given a worker that dies after the second photo was uploaded and saved
    store = Store(kill_when=lambda state: len(state.get("photo_ids", [])) == 2)
    with pytest.raises(WorkerKilled):
        facebook.publish(outgoing(fake_facebook, images=3, store=store), session())
    # when the delivery runs again
    facebook.publish(outgoing(fake_facebook, images=3, store=store), session())
    # then only the missing photo was uploaded, and one post was made
    assert len(fake_facebook.uploads) == 3
    assert len(fake_facebook.created) == 1


def test_timeout_after_posting_is_reconciled_from_the_pages_posts(fake_facebook, settings):
    # given Facebook posts but answers too late
    settings.NETWORK_READ_TIMEOUT = 1
    fake_facebook.slow_next(2, endpoint="feed")
    store = Store()
    with pytest.raises(OutcomeUnknown):
        facebook.publish(outgoing(fake_facebook, link=LINK, store=store), session())
    # when the delivery is reconciled
    found = facebook.reconcile(outgoing(fake_facebook, link=LINK, store=store), session())
    # then the post is recognised by its exact text
    post = fake_facebook.created[0]
    assert found == Published(post["id"], post["permalink_url"])
    assert fake_facebook.create_calls == 1


def test_reconcile_finds_nothing_when_the_post_is_not_on_the_page(fake_facebook):
    # given the Page has other posts only
    fake_facebook.add_existing_post("Jadwal car free day Minggu ini.", "2026-01-05T01:00:00+0000")
    # when a delivery that never arrived is reconciled
    found = facebook.reconcile(outgoing(fake_facebook, store=Store({"sent_at": 0})), session())
    # then the platform certainly does not have it
    assert found is None


def test_reconcile_ignores_the_same_words_posted_before_this_delivery(fake_facebook):
    # given last year's post with the very same words
    out_text = "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE"
    fake_facebook.add_existing_post(out_text, "2025-11-01T01:00:00+0000")
    store = Store({"sent_at": 1_790_000_000})  # 2026-09, when this delivery was sent
    # when this delivery is reconciled
    found = facebook.reconcile(outgoing(fake_facebook, text=out_text, store=store), session())
    # then the old post is not taken for this one
    assert found is None


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (500, graph_error(2, "Service temporarily unavailable", transient=True), "unknown"),
        (400, graph_error(190, "Error validating access token", subcode=460), "reconnect"),
        (400, graph_error(4, "Application request limit reached"), "retry"),
        (400, graph_error(32, "Page request limit reached"), "retry"),
        (400, graph_error(613, "Calls to this api have exceeded the rate limit"), "retry"),
        (400, graph_error(368, "The action attempted has been deemed abusive"), "failed"),
        (400, graph_error(506, "Duplicate status message"), "failed"),
        (400, graph_error(100, "Invalid parameter"), "failed"),
    ],
)
def test_graph_errors_on_a_feed_post_map_to_the_dispatcher_kinds(fake_facebook, status, body, kind):
    # given /feed answers with a Graph error
    fake_facebook.fail_next(status, body, endpoint="feed")
    # when a post is published
    with pytest.raises((RetryLater, Rejected, Reconnect, OutcomeUnknown)) as caught:
        facebook.publish(outgoing(fake_facebook), session())
    # then the dispatcher is told what to do, in words that quote the platform
    assert caught.value.kind == kind
    assert body["error"]["message"] in caught.value.message


def test_user_token_instead_of_page_token_asks_for_reconnect(fake_facebook):
    # given the account was connected with a user token, not the Page's
    out = outgoing(fake_facebook, credentials={"access_token": fake_facebook.user_token})
    # when a post is published
    with pytest.raises(Reconnect) as caught:
        facebook.publish(out, session())
    # then Graph's #200 means "reconnect"
    assert "kode 200" in caught.value.message
    assert fake_facebook.created == []


def test_server_error_on_an_unpublished_photo_is_safe_to_retry(fake_facebook):
    # given the unpublished upload fails with a 5xx (nothing public yet)
    fake_facebook.fail_next(500, endpoint="photos")
    # when a multi-photo post is published
    with pytest.raises(RetryLater) as caught:
        facebook.publish(outgoing(fake_facebook, images=2), session())
    # then it is a plain retry, and no post was attempted
    assert caught.value.kind == "retry"
    assert fake_facebook.create_calls == 0


def test_server_error_on_a_published_photo_is_an_unknown_outcome(fake_facebook):
    # given a single published photo answers 500 after posting
    fake_facebook.fail_next(500, endpoint="photos", apply=True)
    # when it is published
    with pytest.raises(OutcomeUnknown):
        facebook.publish(outgoing(fake_facebook, images=1), session())
    # then the post exists, and the dispatcher will reconcile rather than resend
    assert len(fake_facebook.created) == 1


@pytest.mark.parametrize(
    ("status", "body", "raised"),
    [
        (500, graph_error(2, "Service temporarily unavailable", transient=True), OutcomeUnknown),
        (400, graph_error(4, "Application request limit reached"), OutcomeUnknown),
        (400, graph_error(190, "Error validating access token"), Reconnect),
    ],
)
def test_reconcile_that_cannot_read_the_page_stays_unknown_or_asks_to_reconnect(
    fake_facebook, status, body, raised
):
    # given reading the Page's posts fails
    fake_facebook.fail_next(status, body, endpoint="posts")
    # when a delivery is reconciled
    with pytest.raises(raised) as caught:
        facebook.reconcile(outgoing(fake_facebook), session())
    # then it is never taken as "not published" (which would send it again)
    assert TOKEN not in caught.value.message


def test_expired_page_token_asks_for_reconnect(fake_facebook):
    # given the Page token's session has expired
    fake_facebook.expire_token()
    # when a post is published
    with pytest.raises(Reconnect) as caught:
        facebook.publish(outgoing(fake_facebook), session())
    # then the account must be reconnected (Graph 190/463), and nothing was posted
    assert "kode 190/463" in caught.value.message
    assert fake_facebook.created == []
