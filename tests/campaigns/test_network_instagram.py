"""The Instagram adapter against a fake Graph API: containers, quota, exactly-once."""

import json

import pytest

from campaigns import clock, dispatch
from campaigns.models import DeliveryStatus
from campaigns.networks import instagram
from campaigns.networks.base import (
    OutcomeUnknown,
    Published,
    Reconnect,
    Rejected,
    RetryLater,
    WaitForQuota,
)
from campaigns.networks.http import session
from tests.campaigns.factories import approved_post
from tests.factories import NewsImageFactory, image_file
from tests.fakes import graph_error
from tests.fakes.outgoing import Store, WorkerKilled, outgoing

TOKEN = "ig-token-rahasia"


def test_single_image_goes_through_one_container_and_one_publish(fake_instagram):
    # given one image and a caption
    store = Store()
    out = outgoing(fake_instagram, images=1, store=store)
    # when it is published
    result = instagram.publish(out, session())
    # then the documented sequence ran once, and the answer names the media and its page
    fake = fake_instagram
    assert [c.route for c in fake.calls] == [
        "publishing_limit",
        "create_container",
        "container_status",
        "media_publish",
        "media_read",
    ]
    media = fake.created[0]
    assert result == Published(media["id"], media["permalink"])
    create = fake.calls_to("create_container")[0]
    assert create.params["image_url"] == out.images[0].url
    assert create.params["caption"] == out.text
    assert create.params["alt_text"] == "Perahu naga di Sungai Cisadane (1)"
    assert fake.calls_to("media_publish")[0].params["creation_id"] == media["container_id"]
    # the container id was saved before media_publish was sent
    assert store.saves[0]["container_id"] == media["container_id"]
    assert store.saves[-2]["publishing"] is True
    # the token travels in POST bodies, never in their URLs
    assert all("access_token" not in c.query for c in fake.calls if c.method == "POST")


def test_carousel_makes_child_containers_then_one_carousel(fake_instagram):
    # given three images
    out = outgoing(fake_instagram, images=3)
    # when it is published
    instagram.publish(out, session())
    # then three carousel items and one CAROUSEL container were made, and published once
    creates = fake_instagram.calls_to("create_container")
    children = [c for c in creates if c.params.get("is_carousel_item") == "true"]
    carousel = [c for c in creates if c.params.get("media_type") == "CAROUSEL"]
    assert len(children) == 3 and len(carousel) == 1
    assert [c.params["alt_text"] for c in children][2] == "Perahu naga di Sungai Cisadane (3)"
    assert carousel[0].params["caption"] == out.text
    assert len(carousel[0].params["children"].split(",")) == 3
    assert len(fake_instagram.created) == 1
    assert fake_instagram.created[0]["media_type"] == "CAROUSEL"


def test_carousel_still_processing_reuses_its_children_on_every_run(fake_instagram):
    # given every container needs one poll before it is finished
    fake_instagram.set_container_statuses("IN_PROGRESS", "FINISHED")
    store = Store()
    # when the delivery is run again each time it was told to wait
    waits = 0
    while True:
        try:
            instagram.publish(outgoing(fake_instagram, images=3, store=store), session())
            break
        except WaitForQuota:
            waits += 1
            assert waits < 6, "the carousel never got published"
    # then three children and one carousel were made in all, and published once
    assert fake_instagram.container_creates == 4
    assert len(fake_instagram.created) == 1


def test_used_up_quota_waits_without_creating_anything(fake_instagram):
    # given the account has used its 24-hour publishing quota
    fake_instagram.exhaust_quota()
    # when a post is published
    with pytest.raises(WaitForQuota) as caught:
        instagram.publish(outgoing(fake_instagram, images=1), session())
    # then it waits (without spending an attempt) and says so plainly
    assert caught.value.kind == "wait"
    assert "Kuota unggahan Instagram habis (100 dari 100" in caught.value.message
    assert caught.value.wait_seconds == 3600
    assert fake_instagram.container_creates == 0


def test_container_still_processing_waits_then_publishes_the_same_container(fake_instagram):
    # given Instagram needs a while to process the image
    fake_instagram.set_container_statuses("IN_PROGRESS", "FINISHED")
    store = Store()
    # when the first run finds it processing and a later run comes back
    with pytest.raises(WaitForQuota) as caught:
        instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    result = instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # then the first run waits about a minute and the second publishes that container
    assert caught.value.kind == "wait" and caught.value.wait_seconds == 60
    assert fake_instagram.container_creates == 1
    assert result.remote_id == fake_instagram.created[0]["id"]


def test_worker_killed_after_container_created_resumes_and_publishes_once(fake_instagram):
    # given a worker that dies right after the container id was committed
    store = Store(kill_when=lambda state: bool(state.get("container_id")))
    with pytest.raises(WorkerKilled):
        instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # when the dispatcher reconciles the unconfirmed delivery and then publishes it
    resumed = outgoing(fake_instagram, images=1, store=store)
    found = instagram.reconcile(resumed, session())
    result = instagram.publish(resumed, session())
    # then the saved container was reused: one container, one media_publish, one post
    assert found is None
    assert fake_instagram.container_creates == 1
    assert len(fake_instagram.calls_to("media_publish")) == 1
    assert len(fake_instagram.created) == 1
    assert result.remote_id == fake_instagram.created[0]["id"]


def test_answer_lost_after_publish_is_reconciled_as_published(fake_instagram, settings):
    # given Instagram publishes but answers too late for our read timeout
    settings.NETWORK_READ_TIMEOUT = 1
    fake_instagram.slow_next(2, endpoint="media_publish")
    store = Store()
    with pytest.raises(OutcomeUnknown):
        instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # when the delivery is reconciled
    found = instagram.reconcile(outgoing(fake_instagram, images=1, store=store), session())
    # then the container reads PUBLISHED and the media is found by its caption
    media = fake_instagram.created[0]
    assert found == Published(media["id"], media["permalink"])
    assert len(fake_instagram.calls_to("media_publish")) == 1


def test_publish_again_after_5xx_reads_the_container_and_does_not_repeat(fake_instagram):
    # given media_publish published but answered 500
    fake_instagram.fail_next(500, endpoint="media_publish", apply=True)
    store = Store()
    with pytest.raises(OutcomeUnknown):
        instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # when publish runs again anyway
    result = instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # then the PUBLISHED container is recognised: no second media_publish, no second post
    assert len(fake_instagram.calls_to("media_publish")) == 1
    assert len(fake_instagram.created) == 1
    assert result.remote_id == fake_instagram.created[0]["id"]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (None, None),  # no container recorded: nothing can have been published
        (["FINISHED"], None),
        (["IN_PROGRESS"], None),
        (["EXPIRED"], None),
    ],
)
def test_reconcile_says_not_published_unless_the_container_is(fake_instagram, statuses, expected):
    # given a delivery with (or without) a container in the given state
    store = Store()
    if statuses:
        store = Store({"container_id": fake_instagram.add_container(*statuses)})
    # when it is reconciled
    found = instagram.reconcile(outgoing(fake_instagram, images=1, store=store), session())
    # then it is certainly not published
    assert found is expected
    assert fake_instagram.created == []


def test_expired_container_is_dropped_and_a_new_one_made(fake_instagram):
    # given a saved container that expired
    fake_instagram.set_container_statuses("EXPIRED")
    store = Store()
    with pytest.raises(RetryLater) as caught:
        instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # when the retry runs with processing back to normal
    fake_instagram.set_container_statuses("FINISHED")
    instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # then a second container was made and published once
    assert caught.value.kind == "retry" and "kedaluwarsa" in caught.value.message
    assert fake_instagram.container_creates == 2
    assert len(fake_instagram.created) == 1


def test_container_error_is_rejected_in_plain_words(fake_instagram):
    # given Instagram cannot process the image
    fake_instagram.set_container_statuses("ERROR")
    store = Store()
    # when it is published
    with pytest.raises(Rejected) as caught:
        instagram.publish(outgoing(fake_instagram, images=1, store=store), session())
    # then it fails with the media rules, and the broken container is forgotten
    assert "Instagram gagal memproses gambar" in caught.value.message
    assert "rasio 4:5 sampai 1,91:1" in caught.value.message
    assert store.state["container_id"] is None


BUC_USAGE = json.dumps({"1234": [{"type": "instagram", "estimated_time_to_regain_access": 7}]})


@pytest.mark.parametrize(
    ("status", "body", "headers", "kind", "wait"),
    [
        (400, graph_error(190, "Session has expired", subcode=463), {}, "reconnect", None),
        (400, graph_error(102, "Session key invalid"), {}, "reconnect", None),
        (403, graph_error(10, "Permission denied"), {}, "reconnect", None),
        (403, graph_error(200, "Permissions error"), {}, "reconnect", None),
        (400, graph_error(4, "Application request limit reached"), {}, "retry", 300),
        (
            400,
            graph_error(17, "User request limit"),
            {"X-Business-Use-Case-Usage": BUC_USAGE},
            "retry",
            420,
        ),
        (400, graph_error(80002, "Too many calls to this Instagram account"), {}, "retry", 300),
        (400, graph_error(1, "Unknown error", transient=True), {}, "retry", None),
        (
            500,
            graph_error(2, "Service temporarily unavailable", transient=True),
            {},
            "unknown",
            None,
        ),
        (400, graph_error(9, "Too many posts", subcode=2207042), {}, "wait", 3600),
        (400, graph_error(368, "Blocked for policy"), {}, "failed", None),
        (400, graph_error(100, "Bad media", subcode=2207026), {}, "failed", None),
    ],
)
def test_graph_errors_on_media_publish_map_to_the_dispatcher_kinds(
    fake_instagram, status, body, headers, kind, wait
):
    # given media_publish answers with a Graph error
    fake_instagram.fail_next(status, body, endpoint="media_publish", headers=headers)
    # when a post is published
    with pytest.raises((RetryLater, Rejected, Reconnect, OutcomeUnknown)) as caught:
        instagram.publish(outgoing(fake_instagram, images=1), session())
    # then the dispatcher is told what to do, and how long to wait
    assert caught.value.kind == kind
    assert caught.value.wait_seconds == wait
    assert caught.value.message.startswith(("Instagram", "Batas unggahan Instagram"))
    assert body["error"]["message"] in caught.value.message


def test_server_error_while_creating_a_container_is_safe_to_retry(fake_instagram):
    # given the container request fails with a 5xx (nothing is public yet)
    fake_instagram.fail_next(500, endpoint="create_container")
    # when a post is published
    with pytest.raises(RetryLater) as caught:
        instagram.publish(outgoing(fake_instagram, images=1), session())
    # then it is a plain retry, not an unknown outcome
    assert caught.value.kind == "retry"


def test_expired_token_asks_for_reconnect_and_never_shows_the_token(fake_instagram):
    # given the platform echoes the token in its message
    fake_instagram.fail_next(
        400, graph_error(190, f"Invalid token {TOKEN}"), endpoint="publishing_limit"
    )
    # when a post is published
    with pytest.raises(Reconnect) as caught:
        instagram.publish(outgoing(fake_instagram, images=1), session())
    # then the account must be reconnected, and the message hides the token
    assert TOKEN not in caught.value.message
    assert "Invalid token ***" in caught.value.message


@pytest.mark.parametrize(
    ("size", "spec"),
    [
        ((600, 1200), "fill-600x740"),  # 1:2 is taller than 4:5
        ((1500, 3000), "fill-1080x1333"),
        ((300, 700), "fill-300x370"),  # small and tall: cropped, never enlarged
        ((800, 1000), "fill-800x987"),  # exactly 4:5: resizing could round below it
        ((810, 1000), "max-1440x1440"),
        ((1000, 1000), "max-1440x1440"),
        ((1900, 1000), "max-1440x1440"),
        ((1910, 1000), "fill-1436x756"),  # exactly 1.91:1: 1440x753 would be over it
        ((3000, 1000), "fill-1436x756"),  # 3:1 is wider than 1.91:1
        ((500, 200), "fill-380x200"),  # small and wide
    ],
)
def test_rendition_keeps_the_aspect_ratio_instagram_accepts(db, size, spec):
    # given a library image of the given size
    image = NewsImageFactory(file=image_file(*size))
    # when the adapter chooses its rendition
    chosen = instagram.rendition_spec(image)
    rendition = image.get_rendition(f"{chosen}|format-jpeg|jpegquality-85")
    # then it is the expected filter and the JPEG's aspect is within 4:5 … 1.91:1
    assert chosen == spec
    assert 0.8 <= rendition.width / rendition.height <= 1.91
    assert rendition.width <= max(size[0], 1440)
    assert rendition.url.endswith(".jpg")


def test_dispatcher_publishes_an_approved_post_to_instagram(fake_instagram, users, settings):
    # given an approved post with one image, due now
    post = approved_post(
        [fake_instagram.account],
        submitter=users["social"],
        approver=users["head"],
        send_now=True,
        images=1,
    )
    delivery = post.deliveries.get()
    # when the tick claims it and the worker runs it
    clock.tick()
    outcome = dispatch.run_delivery(delivery.pk)
    # then it is published with the media id and permalink, from a public JPEG rendition
    delivery.refresh_from_db()
    assert outcome == "published"
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == fake_instagram.created[0]["id"]
    assert delivery.permalink == fake_instagram.created[0]["permalink"]
    create = fake_instagram.calls_to("create_container")[0]
    assert create.params["image_url"].startswith(settings.PUBLIC_BASE_URL)
    assert create.params["image_url"].endswith(".jpg")
    assert delivery.remote_state["container_id"] == fake_instagram.created[0]["container_id"]
