"""After an unknown outcome the account is read back by time, never by a fixed count.

A campaign day puts 30 posts on a Page, or 15 on X, between a timed-out publish and its
read-back. Whatever went out in between, the read-back covers every post since the attempt
began (``since`` / ``start_time`` and paging), so the delivery ends ``published`` once.
"""

import pytest

from campaigns import clock, dispatch
from campaigns.models import DeliveryStatus, Notification
from campaigns.networks import facebook, instagram, read_back, x
from campaigns.networks.base import OutcomeUnknown, Published, Rejected
from campaigns.networks.http import session
from tests.campaigns.factories import approved_post
from tests.fakes.graph import graph_time
from tests.fakes.outgoing import Store, outgoing


@pytest.fixture(autouse=True)
def quick(settings):
    settings.NETWORK_READ_TIMEOUT = 1
    settings.DISPATCH_RECONCILE_AFTER_SECONDS = 60
    settings.DISPATCH_MAX_RECONCILE_CHECKS = 5


def timed_out_delivery(fake, users, endpoint: str, **post_fields):
    """A delivery due now whose publishing request the platform carries out but answers too
    late: after one tick and one worker run it is ``checking``, awaiting its read-back."""
    fake.slow_next(2, endpoint=endpoint)
    delivery = approved_post(
        [fake.account],
        submitter=users["social"],
        approver=users["head"],
        send_now=True,
        **post_fields,
    ).deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    assert dispatch.run_delivery(delivery.pk) == "unknown"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.CHECKING
    return delivery


def check(delivery) -> str:
    """The tick at the check's due time, and the worker's run of it."""
    assert clock.tick(now=delivery.due_at).claimed == [delivery.pk]
    outcome = dispatch.run_delivery(delivery.pk)
    delivery.refresh_from_db()
    return outcome


def attempts(delivery) -> list[tuple[str, str]]:
    return list(delivery.attempts.order_by("pk").values_list("kind", "outcome"))


@pytest.mark.parametrize("page_size", [100, 10], ids=["one page", "four pages"])
@pytest.mark.slow  # thirty more posts through the fake
def test_facebook_timeout_then_30_more_posts_is_published_once(
    page_size, fake_facebook, users, monkeypatch
):
    # given a Page post whose answer was lost (Facebook made it)
    monkeypatch.setattr(facebook, "READ_BACK_PAGE_SIZE", page_size)
    delivery = timed_out_delivery(fake_facebook, users, "feed")
    ours = fake_facebook.created[0]
    # and 30 more posts on the same Page before the read-back
    for n in range(30):
        fake_facebook.add_existing_post(f"Info layanan kota nomor {n}.", graph_time())
    # when the check comes due
    outcome = check(delivery)
    # then our post was found among them: published once, never sent again
    assert outcome == "published"
    assert (delivery.status, delivery.remote_id) == (DeliveryStatus.PUBLISHED, ours["id"])
    assert fake_facebook.create_calls == 1
    assert attempts(delivery) == [("publish", "unknown"), ("reconcile", "published")]
    # and the read-back asked for the posts since the attempt began
    read = fake_facebook.calls_to("posts")[0].query
    assert int(read["since"]) <= delivery.remote_state["sent_at"]


@pytest.mark.parametrize("page_size", [100, 5], ids=["one page", "four pages"])
@pytest.mark.slow  # fifteen more posts through the fake
def test_x_timeout_then_15_more_posts_is_published_once(page_size, fake_x, users, monkeypatch):
    # given a tweet whose answer was lost (X made it)
    monkeypatch.setattr(x, "READ_BACK_PAGE_SIZE", page_size)
    delivery = timed_out_delivery(fake_x, users, "tweets")
    ours = fake_x.created[0]
    # and 15 more posts on the same account before the read-back
    for n in range(15):
        fake_x.add_tweet(f"Info layanan kota nomor {n}.")
    # when the check comes due
    outcome = check(delivery)
    # then our tweet was found: published once, no duplicate-content refusal, no failure
    assert outcome == "published"
    assert (delivery.status, delivery.remote_id) == (DeliveryStatus.PUBLISHED, ours["id"])
    assert fake_x.create_calls == 1
    assert attempts(delivery) == [("publish", "unknown"), ("reconcile", "published")]
    assert "start_time" in fake_x.calls_to("user_tweets")[0].query


def test_x_duplicate_refusal_on_a_check_resend_records_the_live_tweet(fake_x, users):
    # given a tweet whose answer was lost, and a timeline that does not show it yet
    delivery = timed_out_delivery(fake_x, users, "tweets")
    ours = fake_x.created[0]
    fake_x.lag_timeline(reads=1)
    # when the check finds nothing, sends again, and X refuses the words as a duplicate
    outcome = check(delivery)
    # then the refusal is taken as evidence: the live tweet is found and recorded
    assert outcome == "published"
    assert (delivery.status, delivery.remote_id) == (DeliveryStatus.PUBLISHED, ours["id"])
    assert len(fake_x.created) == 1
    assert fake_x.calls_to("tweets")[-1].params["text"] == ours["original_text"]
    # and nobody is told to change the text and retry
    assert not Notification.objects.filter(subject__startswith="Gagal").exists()


def test_x_duplicate_of_an_old_tweet_is_still_refused(fake_x):
    # given the same words posted last week, and an earlier try of this delivery today
    text = "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE"
    fake_x.add_tweet(text)
    fake_x.created[0]["original_text"] = text
    fake_x.created[0]["created_at"] = "2026-01-05T01:00:00.000Z"
    store = Store({"sent_at": 1_800_000_000.0})
    # when it is sent again, then the refusal stands: it is somebody else's post
    with pytest.raises(Rejected):
        x.publish(outgoing(fake_x, text=text, store=store), session())


def test_read_back_out_of_pages_stays_unknown_never_not_there(fake_facebook, monkeypatch):
    # given more posts since the attempt than one read-back may page through
    monkeypatch.setattr(facebook, "READ_BACK_PAGE_SIZE", 5)
    monkeypatch.setattr(read_back, "MAX_PAGES", 3)
    store = Store({"sent_at": 1_700_000_000.0})
    for n in range(30):
        fake_facebook.add_existing_post(f"Info layanan kota nomor {n}.", graph_time())
    # when a delivery that is not among them is checked
    # then it is "not sure yet", never "certainly not there" (which would send it again)
    with pytest.raises(OutcomeUnknown):
        facebook.reconcile(outgoing(fake_facebook, store=store), session())
    assert len(fake_facebook.calls_to("posts")) == 3


def test_instagram_published_container_is_found_among_later_media(fake_instagram, monkeypatch):
    # given a container published by a run whose answer was lost, then 30 more media
    monkeypatch.setattr(instagram, "READ_BACK_PAGE_SIZE", 10)
    store = Store()
    fake_instagram.slow_next(2, endpoint="media_publish")
    out = outgoing(fake_instagram, images=1, store=store)
    with pytest.raises(OutcomeUnknown):
        instagram.publish(out, session())
    ours = fake_instagram.created[0]
    for n in range(30):  # posted by the office's other tools: on the account's media list
        media = fake_instagram.add_media(caption=f"Info layanan kota nomor {n}.")
        fake_instagram.created.append(fake_instagram.media[media])
    # when it is reconciled without the media id (the answer never came)
    found = instagram.reconcile(outgoing(fake_instagram, images=1, store=store), session())
    # then the container says PUBLISHED, and the media is found by its caption
    assert found == Published(ours["id"], ours["permalink"])
    assert fake_instagram.create_calls == 1
