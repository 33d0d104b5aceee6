"""The webhook read-back (``GET <url>/<key>``) signs the path it asks for, so a signature
seen on one read-back cannot be replayed to ask about another post (issue 10 §9)."""

import time
import uuid

import pytest
import requests

from campaigns.networks import webhook
from campaigns.networks.base import Outgoing, Published
from campaigns.networks.http import session
from tests.fakes.outbound import allow
from tests.fakes.webhook import SECRET, Receiver


@pytest.fixture
def receiver(settings):
    receiver = Receiver()
    receiver.server.start()
    allow(settings, receiver.url("kota"))
    yield receiver
    receiver.server.stop()


def _outgoing(receiver: Receiver, key: str) -> Outgoing:
    return Outgoing(
        delivery_id=1,
        external_id=receiver.url("kota"),
        text="Festival Cisadane dibuka Sabtu ini!",
        link="",
        images=[],
        credentials={"secret": SECRET},
        idempotency_key=key,
    )


def test_read_back_signs_its_path_and_the_receiver_checks_it(receiver):
    # given a delivery the receiver accepted, and one it never saw
    sent, unseen = str(uuid.uuid4()), str(uuid.uuid4())
    webhook.publish(_outgoing(receiver, sent), session())
    # when the dispatcher asks about each
    found = webhook.reconcile(_outgoing(receiver, sent), session())
    missing = webhook.reconcile(_outgoing(receiver, unseen), session())
    # then the receiver, verifying "<timestamp>.GET <path>", answered both
    assert found == Published(
        receiver.accepted[sent], f"https://app.tangerangkota.go.id/p/{receiver.accepted[sent]}"
    )
    assert missing is None
    assert receiver.checks == {sent: 1, unseen: 1}


def test_signature_of_one_read_back_does_not_open_another(receiver):
    # given the headers of a valid read-back for one key
    timestamp = str(int(time.time()))
    first = f"{receiver.url('kota')}/{uuid.uuid4()}"
    headers = {
        webhook.TIMESTAMP_HEADER: timestamp,
        webhook.SIGNATURE_HEADER: webhook.sign_read_back(SECRET, timestamp, first),
    }
    assert requests.get(first, headers=headers, timeout=5).status_code == 404
    # when someone replays them to ask about another key
    other = f"{receiver.url('kota')}/{uuid.uuid4()}"
    replayed = requests.get(other, headers=headers, timeout=5)
    # then the receiver refuses the signature (an empty-body signature no longer works either)
    assert replayed.status_code == 401
    headers[webhook.SIGNATURE_HEADER] = webhook.sign(SECRET, timestamp, b"")
    assert requests.get(first, headers=headers, timeout=5).status_code == 401
