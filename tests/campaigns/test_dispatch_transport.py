"""A connection that was never established means "not sent": retry it, never ask a person.

The line between "the request never left" and "it may have arrived" is drawn by the type of
the transport error (a name that does not resolve, a refused connection, a connect timeout),
never by its text. Real sockets here: ``name.invalid`` cannot resolve (RFC 6761), and a
closed port on 127.0.0.1 refuses.
"""

import socket

import pytest
import requests

from campaigns import clock, dispatch
from campaigns.models import AttemptOutcome, DeliveryStatus, Notification
from campaigns.networks import facebook, http, instagram, telegram, webhook, x
from campaigns.networks.base import OutcomeUnknown, Outgoing, RetryLater
from tests.campaigns.factories import approved_post
from tests.fakes.outgoing import outgoing

UNRESOLVABLE = "http://name.invalid"


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


NETWORKS = {
    "telegram": ("fake_telegram", telegram, "TELEGRAM_API_URL", 0),
    "x": ("fake_x", x, "X_API_URL", 0),
    "facebook": ("fake_facebook", facebook, "GRAPH_API_URL", 0),
    "instagram": ("fake_instagram", instagram, "GRAPH_API_URL", 1),
}


@pytest.mark.parametrize("where", ["unresolvable host", "refused connection"])
@pytest.mark.parametrize(
    ("fixture", "adapter", "setting", "images"), NETWORKS.values(), ids=NETWORKS
)
def test_platform_never_reached_is_retryable_and_certainly_unsent(
    where, fixture, adapter, setting, images, request, settings
):
    # given a platform whose address does not resolve, or whose port refuses
    fake = request.getfixturevalue(fixture)
    out = outgoing(fake, images=images)
    setattr(settings, setting, UNRESOLVABLE if where == "unresolvable host" else closed_port_url())
    # when a delivery is published
    with pytest.raises(RetryLater) as raised:
        adapter.publish(out, http.session())
    # then it is "try again later", not "may have been sent"
    assert not isinstance(raised.value, OutcomeUnknown)
    assert "belum ada yang terkirim" in raised.value.message
    assert fake.calls == []


def test_webhook_whose_host_does_not_resolve_is_retryable():
    # given a webhook receiver on a name that does not resolve (through the guarded client)
    out = Outgoing(1, f"{UNRESOLVABLE}/kota", "Banjir surut.", "", [], {"secret": "s"}, "k")
    # when it is published, then nothing was sent and it is tried again later
    with pytest.raises(RetryLater) as raised:
        webhook.publish(out, http.session())
    assert not isinstance(raised.value, OutcomeUnknown)


def test_telegram_delivery_to_an_unresolvable_host_retries_without_asking_a_person(
    fake_telegram, users, settings
):
    # given a Telegram delivery due now, and api.telegram.org not resolving (a DNS outage)
    settings.TELEGRAM_API_URL = UNRESOLVABLE
    delivery = approved_post(
        [fake_telegram.account], submitter=users["social"], approver=users["head"], send_now=True
    ).deliveries.get()
    # when the tick claims it and the worker runs it
    assert clock.tick().claimed == [delivery.pk]
    assert dispatch.run_delivery(delivery.pk) == "retry"
    # then it waits for another try: not unconfirmed, nobody asked to check the channel
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRY_WAIT
    assert delivery.due_at is not None
    assert delivery.attempts.get().outcome == AttemptOutcome.RETRY
    assert not Notification.objects.exists()
    # when the name resolves again and the retry comes due
    settings.TELEGRAM_API_URL = fake_telegram.api_url
    assert clock.tick(now=delivery.due_at).claimed == [delivery.pk]
    assert dispatch.run_delivery(delivery.pk) == "published"
    # then the channel got the message once
    assert fake_telegram.create_calls == 1


def test_answer_that_never_comes_is_still_an_unknown_outcome(fake_x, settings):
    # given X accepting the tweet but answering after the read timeout
    settings.NETWORK_READ_TIMEOUT = 0.5
    fake_x.slow_next(1.5)
    # when it is published, then the outcome is unknown (to be read back), not a retry
    with pytest.raises(OutcomeUnknown):
        x.publish(outgoing(fake_x), http.session())
    assert len(fake_x.created) == 1


def test_never_sent_reads_the_error_type_not_its_text():
    # given an error whose text mentions NewConnectionError but whose type says nothing more
    misleading = requests.ConnectionError("NewConnectionError in the text only")
    # then its text does not make it "never sent"
    assert not http.never_sent(misleading)
    assert http.never_sent(requests.ConnectTimeout())
