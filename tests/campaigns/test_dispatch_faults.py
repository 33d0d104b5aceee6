"""Exactly once, with a real Celery worker and Redis, under the faults production will see.

The worker is ``celery -A cms worker`` in a subprocess (tests/campaigns/worker.py) on the
test database, so these tests commit (transactional database). The tick runs here, in the
test process, as beat would run it; the receiver is a local city-app webhook that counts
every create call by idempotency key. Each test ends with each delivery published and
exactly one create call per delivery, however the worker, the broker or the receiver failed.
"""

import contextlib
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from campaigns import approvals, clock, dispatch, holds
from campaigns.models import (
    AccountStatus,
    AttemptOutcome,
    Delivery,
    DeliveryStatus,
    Network,
    Post,
    PostStatus,
)
from campaigns.tasks import publish_delivery
from tests.campaigns.factories import SocialAccountFactory, approved_post
from tests.campaigns.worker import Broker, Worker, database_url, run_tick_process, wait_until
from tests.fakes.outbound import allow
from tests.fakes.webhook import SECRET, Answer, Receiver

pytestmark = [
    # The worker is another process: it only sees committed rows. serialized_rollback brings
    # back the rows the data migrations made (groups, pages) after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_database_as_migrated"),
]


# Short timeouts, the same for the worker and for the tick run here.
TIMEOUTS = {
    "DISPATCH_CLAIM_TIMEOUT_SECONDS": 2,
    "DISPATCH_PUBLISH_TIMEOUT_SECONDS": 4,
    "DISPATCH_RECONCILE_AFTER_SECONDS": 1,
    "DISPATCH_RETRY_BASE_SECONDS": 2,
    "NETWORK_READ_TIMEOUT": 3,
}
IN_FLIGHT = (
    DeliveryStatus.CLAIMED,
    DeliveryStatus.PUBLISHING,
    DeliveryStatus.CHECKING,
    DeliveryStatus.UNCONFIRMED,
)


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def broker() -> Broker:
    return Broker(django_settings.CELERY_BROKER_URL)


@pytest.fixture(scope="module")
def module_worker(django_db_setup, tmp_path_factory, broker):
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    worker = Worker(
        database_url=database_url(connection.settings_dict),
        broker_url=broker.url,
        log_path=log,
        env={
            **{name: str(value) for name, value in TIMEOUTS.items()},
            # Each test's receiver listens on a new port of 127.0.0.1 (see ``receiver``).
            "OUTBOUND_ALLOW_PRIVATE_HOSTS": "127.0.0.1",
        },
    )
    yield worker
    worker.kill()


@pytest.fixture
def worker(module_worker, broker, settings):
    """The worker (started by the test when it wants one), on an empty broker."""
    for name, value in TIMEOUTS.items():
        setattr(settings, name, value)
    broker.purge()
    yield module_worker


@pytest.fixture
def receiver(settings):
    receiver = Receiver()
    receiver.server.start()
    allow(settings, receiver.url("any"))
    yield receiver
    receiver.released.set()
    receiver.server.stop()


def webhook(receiver: Receiver, name: str):
    return SocialAccountFactory(
        network=Network.WEBHOOK, handle=f"@{name}", external_id=receiver.url(name)
    )


def due_now(accounts, users, **kwargs) -> Delivery:
    """One approved post, sent as soon as it is approved, to ``accounts``."""
    post = approved_post(
        accounts, submitter=users["social"], approver=users["head"], send_now=True, **kwargs
    )
    return post.deliveries.first()


def many_due(accounts, count: int, author) -> list[Delivery]:
    """``count`` approved posts to every account, all due this second (bulk, as approved)."""
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(
            text=f"Pengumuman layanan kota nomor {n}.",
            scheduled_at=now,
            status=PostStatus.APPROVED,
            author=author,
        )
        for n in range(count)
    )
    return Delivery.objects.bulk_create(
        Delivery(
            post=post,
            account=account,
            status=DeliveryStatus.SCHEDULED,
            scheduled_for=now,
            due_at=now,
        )
        for post in posts
        for account in accounts
    )


def closed_port() -> int:
    """A port nothing listens on: a broker that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def key(delivery: Delivery) -> str:
    return str(delivery.idempotency_key)


def statuses() -> Counter:
    return Counter(Delivery.objects.values_list("status", flat=True))


def all_published() -> bool:
    return set(statuses()) == {DeliveryStatus.PUBLISHED}


def tick_until(predicate, timeout: float, what: str):
    """Run the tick every quarter second, as beat would (faster), until ``predicate``."""

    def step():
        clock.tick()
        return predicate()

    return wait_until(step, timeout, what, interval=0.25)


def assert_each_created_once(receiver: Receiver, deliveries) -> None:
    keys = [key(d) for d in deliveries]
    assert {k: receiver.calls[k] for k in keys} == dict.fromkeys(keys, 1)
    assert sum(receiver.calls.values()) == len(keys)


def assert_nothing_stuck() -> None:
    assert not Delivery.objects.filter(status__in=IN_FLIGHT).exists()
    assert not Delivery.objects.filter(attempts__outcome=AttemptOutcome.IN_PROGRESS).exists()


def reloaded(delivery: Delivery) -> Delivery:
    delivery.refresh_from_db()
    return delivery


def attempts(delivery: Delivery) -> list[tuple[str, str]]:
    return list(delivery.attempts.order_by("pk").values_list("kind", "outcome"))


# --- 1. the worker dies after the platform accepted --------------------------------------------


def test_worker_killed_after_accept_publishes_once(worker, receiver, users):
    # given a delivery due now, to a receiver that accepts it but answers only when released
    receiver.answer("kota", Answer(hold=True))
    delivery = due_now([webhook(receiver, "kota")], users)
    worker.start()
    # when the tick enqueues it and the whole worker is SIGKILLed while waiting for the answer
    clock.tick()
    wait_until(lambda: receiver.calls[key(delivery)], 30, "the create call")
    worker.kill()
    receiver.released.set()
    assert reloaded(delivery).status == DeliveryStatus.PUBLISHING
    # and a new worker starts while the tick keeps running
    worker.start()
    tick_until(all_published, 60, "the delivery to be published")
    # then the receiver was asked whether it had the post, and was not sent it again
    assert_each_created_once(receiver, [delivery])
    assert receiver.checks[key(delivery)] == 1
    assert reloaded(delivery).remote_id == receiver.accepted[key(delivery)]
    assert attempts(delivery) == [("publish", "unknown"), ("reconcile", "published")]
    assert_nothing_stuck()


def test_worker_killed_in_the_middle_of_a_message_of_three_publishes_each_once(
    worker, receiver, users, settings
):
    # given one post to three accounts, sent in one message (as a burst is), and one of the
    # receivers accepts its post but answers only when released
    settings.DISPATCH_PARALLEL_MESSAGES = 1
    settings.DISPATCH_DELIVERIES_PER_MESSAGE = 3
    receiver.answer("kota", Answer(hold=True))
    post = approved_post(
        [webhook(receiver, name) for name in ("kota", "aboh", "dinkes")],
        submitter=users["social"],
        approver=users["head"],
        send_now=True,
    )
    deliveries = list(post.deliveries.all())
    held = next(d for d in deliveries if d.account.handle == "@kota")
    worker.start()
    # when the worker takes up the message and is SIGKILLed while waiting for that answer
    assert len(clock.tick().claimed) == 3
    wait_until(lambda: receiver.calls[key(held)], 30, "the held create call")
    worker.kill()
    receiver.released.set()
    # and a new worker starts while the tick keeps running
    worker.start()
    tick_until(all_published, 60, "the three deliveries to be published")
    # then each was created once: the held one was read back, the others sent once
    assert_each_created_once(receiver, deliveries)
    assert receiver.checks[key(held)] == 1
    assert attempts(held) == [("publish", "unknown"), ("reconcile", "published")]
    assert_nothing_stuck()


def test_a_message_of_several_delivered_again_publishes_each_once(
    worker, broker, receiver, users, settings
):
    # given four claimed deliveries sent as one message, and that message queued twice more
    settings.DISPATCH_PARALLEL_MESSAGES = 1
    settings.DISPATCH_DELIVERIES_PER_MESSAGE = 4
    accounts = [webhook(receiver, "kota"), webhook(receiver, "aboh")]
    deliveries = many_due(accounts, 2, users["social"])
    worker.stop()
    claimed = clock.tick().claimed
    assert len(claimed) == 4
    for _ in range(2):
        publish_delivery.delay(*claimed)
    assert broker.waiting() == 3
    # when a worker runs all three
    worker.start()
    wait_until(lambda: broker.waiting() == 0 and broker.unacked() == 0, 60, "all three messages")
    # then each delivery was created once, with one attempt
    assert all_published()
    assert_each_created_once(receiver, deliveries)
    assert all(attempts(d) == [("publish", "published")] for d in deliveries)


def test_instagram_worker_killed_after_media_publish_publishes_once(worker, fake_instagram, users):
    # given an Instagram post due now, and Instagram answering media_publish only after 30 s
    worker.stop()
    worker.env["GRAPH_API_URL"] = fake_instagram.api_url
    fake_instagram.slow_next(30, endpoint="media_publish")
    delivery = due_now([fake_instagram.account], users, images=1)
    worker.start()
    # when the worker is SIGKILLed after Instagram published the container
    clock.tick()
    wait_until(lambda: fake_instagram.calls_to("media_publish"), 30, "media_publish")
    worker.kill()
    assert len(fake_instagram.created) == 1
    # and a new worker starts while the tick keeps running
    worker.start()
    tick_until(all_published, 60, "the delivery to be published")
    # then the container's status told it was published: no second container, no second post
    assert fake_instagram.create_calls == 1
    assert fake_instagram.container_creates == 1
    assert reloaded(delivery).remote_id == fake_instagram.created[0]["id"]
    assert attempts(delivery) == [("publish", "unknown"), ("reconcile", "published")]
    assert_nothing_stuck()


# --- 2. the worker dies before the call --------------------------------------------------------


@pytest.mark.parametrize("loss", ["killed holding the message", "down past the claim timeout"])
def test_worker_lost_before_sending_publishes_once(loss, worker, broker, receiver, users):
    delivery = due_now([webhook(receiver, "kota")], users)
    if loss == "killed holding the message":
        # given a worker that takes up the message but is kept from sending (another
        # connection holds the row), then is SIGKILLed with the message unacknowledged
        worker.stop()
        clock.tick()
        with row_locked(delivery):
            worker.start()
            wait_until(lambda: broker.unacked() == 1, 30, "the worker to reserve the message")
            wait_until(lambda: waiting_for_row_lock(), 30, "the worker to wait for the row")
            worker.kill()
    else:
        # given no worker at all: the message waits, and the claim outlives the claim timeout
        worker.stop()
        clock.tick()
        time.sleep(TIMEOUTS["DISPATCH_CLAIM_TIMEOUT_SECONDS"] + 0.5)
        clock.tick()  # the sweep requeues the row: a second message for one delivery
        assert broker.waiting() == 2
    assert reloaded(delivery).status == DeliveryStatus.CLAIMED
    assert receiver.calls == {}
    # when a worker starts again while the tick keeps running
    worker.start()
    tick_until(all_published, 60, "the delivery to be published")
    # then the post was created once
    assert_each_created_once(receiver, [delivery])
    assert attempts(delivery) == [("publish", "published")]
    assert_nothing_stuck()


@contextlib.contextmanager
def row_locked(delivery: Delivery):
    """Lock the delivery's row from a connection of its own, as a slow transaction would."""
    with psycopg.connect(database_url(connection.settings_dict)) as holder:
        holder.execute("SELECT 1 FROM campaigns_delivery WHERE id = %s FOR UPDATE", [delivery.pk])
        yield
        holder.rollback()


def waiting_for_row_lock() -> bool:
    """Whether a connection to this database waits for a lock (the worker, for the row)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


# --- 3. repeated messages and racing ticks -----------------------------------------------------


def test_same_task_delivered_ten_times_publishes_once(worker, broker, receiver, users):
    # given a claimed delivery whose message is queued eleven times while no worker runs
    receiver.answer("kota", Answer(delay=0.2))
    delivery = due_now([webhook(receiver, "kota")], users)
    worker.stop()
    assert clock.tick().claimed == [delivery.pk]
    for _ in range(10):
        publish_delivery.delay(delivery.pk)
    assert broker.waiting() == 11
    # when a worker with ten threads runs them all
    worker.start()
    wait_until(lambda: broker.waiting() == 0 and broker.unacked() == 0, 60, "all eleven messages")
    # then one create call, one attempt
    assert reloaded(delivery).status == DeliveryStatus.PUBLISHED
    assert_each_created_once(receiver, [delivery])
    assert attempts(delivery) == [("publish", "published")]


def test_two_ticks_racing_claim_each_delivery_once(worker, receiver, users):
    # given 100 deliveries due now on two accounts
    accounts = [webhook(receiver, "kota"), webhook(receiver, "aboh")]
    deliveries = many_due(accounts, 50, users["social"])
    worker.start()
    barrier = threading.Barrier(2)
    results = []

    def tick_in_thread():
        try:
            barrier.wait()
            results.append(clock.tick().claimed)
        except Exception as error:  # reported by the assertion below
            results.append(error)
        finally:
            connection.close()

    # when two ticks run at the same moment
    threads = [threading.Thread(target=tick_in_thread) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    # then each delivery was claimed by exactly one of them, and created once
    first, second = results
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(d.pk for d in deliveries)
    wait_until(all_published, 60, "every delivery to be published")
    assert_each_created_once(receiver, deliveries)
    assert_nothing_stuck()


# --- 4. the broker fails with 200 deliveries due -----------------------------------------------


@pytest.mark.parametrize("failure", ["unreachable when the tick enqueues", "restarted empty"])
def test_broker_failure_with_200_due_publishes_each_once(failure, worker, broker, receiver, users):
    # given 200 deliveries due now on four accounts
    accounts = [webhook(receiver, name) for name in ("kota", "aboh", "dinkes", "bpbd")]
    deliveries = many_due(accounts, 50, users["social"])
    if failure == "unreachable when the tick enqueues":
        # when the tick runs in a process whose broker is down
        worker.start()
        tick = run_tick_process(
            {
                "DJANGO_SETTINGS_MODULE": "cms.settings.test",
                "DATABASE_URL": database_url(connection.settings_dict),
                "CELERY_BROKER_URL": f"redis://127.0.0.1:{closed_port()}/0",
            }
        )
        # then the tick fails loudly after claiming (the claims are committed first)
        assert tick.returncode != 0 and "OperationalError" in tick.stderr
    else:
        # when the tick enqueues 200 messages and the broker then loses them all
        worker.stop()
        assert len(clock.tick().claimed) == 200
        broker.purge()
        worker.start()
    # then nothing is lost and nothing is sent while no message exists
    time.sleep(1)
    assert statuses() == {DeliveryStatus.CLAIMED: 200}
    assert receiver.calls == {}
    # when the tick keeps running with the broker back
    tick_until(all_published, 120, "all 200 deliveries to be published")
    # then the sweep requeued them after the claim timeout, and each was created once
    assert_each_created_once(receiver, deliveries)
    assert_nothing_stuck()


# --- 5. what the receiver answers --------------------------------------------------------------


@dataclass
class Case:
    answer: Answer
    status: str
    outcome: str
    due_in: int | None  # seconds after the try, or no due time
    account: str
    recover: str  # what the office does next: wait, reconnect the account, or retry


CASES = {
    "429 back-off as told": Case(
        Answer(429, "Terlalu banyak permintaan", retry_after=3),
        DeliveryStatus.RETRY_WAIT,
        AttemptOutcome.RETRY,
        3,
        AccountStatus.CONNECTED,
        "wait",
    ),
    "500 back-off (receiver drops repeats)": Case(
        Answer(500, "Basis data aplikasi kota mati"),
        DeliveryStatus.RETRY_WAIT,
        AttemptOutcome.RETRY,
        TIMEOUTS["DISPATCH_RETRY_BASE_SECONDS"],
        AccountStatus.CONNECTED,
        "wait",
    ),
    "401 holds the account": Case(
        Answer(401, "Kunci tanda tangan tidak cocok"),
        DeliveryStatus.HELD,
        AttemptOutcome.RECONNECT,
        None,
        AccountStatus.NEEDS_RECONNECT,
        "reconnect",
    ),
    "400 fails, retry offered": Case(
        Answer(400, "Teks memuat tautan terlarang"),
        DeliveryStatus.FAILED,
        AttemptOutcome.FAILED,
        None,
        AccountStatus.CONNECTED,
        "retry",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_receiver_errors_leave_other_accounts_unaffected(case, worker, receiver, users):
    # given a post to a failing account and a healthy one, and a later post to the failing one
    receiver.answer("kota", case.answer)
    failing, healthy = webhook(receiver, "kota"), webhook(receiver, "sehat")
    post = approved_post(
        [failing, healthy], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery, other = post.deliveries.get(account=failing), post.deliveries.get(account=healthy)
    later = approved_post(
        [failing],
        submitter=users["social"],
        approver=users["head"],
        scheduled_at=timezone.now() + timedelta(hours=1),
    ).deliveries.get()
    worker.start()
    # when the tick runs and the worker tries both
    clock.tick()
    wait_until(
        lambda: not Delivery.objects.filter(status__in=IN_FLIGHT[:2]).exists(), 30, "both tries"
    )
    # then the failing delivery is in the state the answer calls for, with its reason kept
    delivery.refresh_from_db()
    failing.refresh_from_db()
    assert (delivery.status, failing.status) == (case.status, case.account)
    assert attempts(delivery) == [("publish", case.outcome)]
    assert case.answer.error in delivery.status_reason
    assert delivery.text == post.text
    if case.due_in is None:
        assert delivery.due_at is None
    else:  # counted from when the worker recorded the answer
        waited = delivery.due_at - delivery.attempts.get().finished_at
        assert timedelta(seconds=case.due_in - 1) < waited <= timedelta(seconds=case.due_in)
    held = case.account == AccountStatus.NEEDS_RECONNECT
    assert reloaded(later).status == (DeliveryStatus.HELD if held else DeliveryStatus.SCHEDULED)
    # and the other account is unaffected
    assert reloaded(other).status == DeliveryStatus.PUBLISHED
    healthy.refresh_from_db()
    assert healthy.status == AccountStatus.CONNECTED
    # when the receiver recovers and the office does what the state asks for
    receiver.answer("kota", Answer())
    if case.recover == "reconnect":
        failing.set_credentials({"secret": SECRET})
        failing.save()
        holds.release_held(failing)
    elif case.recover == "retry":
        approvals.retry_delivery(delivery, users["social"])
    tick_until(lambda: reloaded(delivery).status == DeliveryStatus.PUBLISHED, 60, "the retry")
    # then the refused call and one accepted call; the healthy account got its post once
    assert receiver.calls[key(delivery)] == 2
    assert key(delivery) in receiver.accepted
    assert receiver.calls[key(other)] == 1


def test_answer_later_than_the_read_timeout_is_reconciled_not_resent(worker, receiver, users):
    # given a receiver that accepts the post but answers after the worker stopped waiting
    receiver.answer("kota", Answer(delay=TIMEOUTS["NETWORK_READ_TIMEOUT"] + 1))
    delivery = due_now([webhook(receiver, "kota")], users)
    worker.start()
    # when the tick runs and the worker times out
    clock.tick()
    wait_until(lambda: reloaded(delivery).status == DeliveryStatus.CHECKING, 30, "the timeout")
    # then the outcome is unknown: it waits for a check, not a re-send
    assert delivery.needs_reconcile and delivery.due_at is not None
    assert attempts(delivery) == [("publish", "unknown")]
    # when the tick keeps running
    tick_until(all_published, 30, "the reconcile")
    # then the receiver was asked, once, and the post was created once
    assert_each_created_once(receiver, [delivery])
    assert receiver.checks[key(delivery)] == 1
    assert attempts(delivery) == [("publish", "unknown"), ("reconcile", "published")]
    assert_nothing_stuck()


# --- 6. a thousand at once ---------------------------------------------------------------------


def test_thousand_deliveries_due_in_the_same_second_publish_once_each(
    worker, receiver, users, settings
):
    # given 1,000 deliveries due this second across 5 accounts, and production's claim timeout
    settings.DISPATCH_CLAIM_TIMEOUT_SECONDS = 300
    accounts = [webhook(receiver, f"akun{n}") for n in range(5)]
    deliveries = many_due(accounts, 200, users["social"])
    worker.start()
    # when one tick claims them and the worker (ten threads) publishes
    assert len(clock.tick().claimed) == 1000
    wait_until(all_published, 120, "1,000 deliveries to be published", interval=0.5)
    # then each was created exactly once
    assert_each_created_once(receiver, deliveries)
    assert_nothing_stuck()


# --- 7. a slow worker past the publish timeout -------------------------------------------------


def fresh_worker(broker, log_dir, name: str, env: dict) -> Worker:
    return Worker(
        database_url=database_url(connection.settings_dict),
        broker_url=broker.url,
        log_path=log_dir / f"{name}.log",
        concurrency=1,
        name=name,
        env={**{n: str(v) for n, v in TIMEOUTS.items()}, **env},
    )


def test_worker_stalled_past_the_publish_timeout_and_a_second_worker_publish_once(
    worker, broker, fake_x, fake_platform_server, users, settings, tmp_path
):
    # given an X post with an image, and X stalling on the image upload for longer than the
    # publish timeout (a slow network), while the request timeout would still wait
    worker.stop()
    settings.PUBLIC_BASE_URL = fake_platform_server.public_base_url
    stall = TIMEOUTS["DISPATCH_PUBLISH_TIMEOUT_SECONDS"] + 4
    fake_x.slow_next(stall, endpoint="media_upload")
    delivery = due_now([fake_x.account], users, images=1)
    env = {
        "X_API_URL": fake_x.api_url,
        "PUBLIC_BASE_URL": fake_platform_server.public_base_url,
        "NETWORK_READ_TIMEOUT": str(stall * 2),
    }
    first = fresh_worker(broker, tmp_path, "pertama", env).start()
    second = fresh_worker(broker, tmp_path, "kedua", env).start()
    try:
        # when the tick keeps running, past the publish timeout, with both workers up
        clock.tick()
        wait_until(lambda: fake_x.calls_to("media_upload"), 30, "the stalled upload")
        stalled_at = time.monotonic()
        tick_until(all_published, 60, "the delivery to be published")
        # and the stalled upload has long since answered
        time.sleep(max(0.0, stalled_at + stall + 2 - time.monotonic()))
    finally:
        first.kill()
        second.kill()
    # then X received one create call, and the delivery records that tweet
    assert fake_x.create_calls == 1
    assert len(fake_x.created) == 1
    assert reloaded(delivery).status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == fake_x.created[0]["id"]
    assert_nothing_stuck()


def test_swept_worker_sends_nothing_more_and_writes_no_outcome(
    worker, fake_x, fake_platform_server, users, settings
):
    # given a run (in a thread, like a thread-pool worker: no hard time limit) stalled on an
    # X upload past the publish timeout
    worker.stop()
    settings.PUBLIC_BASE_URL = fake_platform_server.public_base_url
    settings.NETWORK_READ_TIMEOUT = 30
    fake_x.slow_next(3, endpoint="media_upload")
    delivery = due_now([fake_x.account], users, images=1)
    assert clock.tick().claimed == [delivery.pk]
    outcome = {}

    def stalled_run():
        try:
            outcome["first"] = dispatch.run_delivery(delivery.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=stalled_run)
    thread.start()
    wait_until(lambda: fake_x.calls_to("media_upload"), 30, "the stalled upload")
    # when the sweep takes the delivery as stuck, and a second run checks and publishes it
    later = timezone.now() + timedelta(seconds=TIMEOUTS["DISPATCH_PUBLISH_TIMEOUT_SECONDS"] + 1)
    assert clock.tick(now=later).claimed == [delivery.pk]
    assert dispatch.run_delivery(delivery.pk) == "published"
    thread.join(30)
    # then the stalled run found its claim gone at its next checkpoint and stopped there
    assert outcome["first"] == "lease_lost"
    assert fake_x.create_calls == 1
    assert reloaded(delivery).status == DeliveryStatus.PUBLISHED
    assert delivery.remote_id == fake_x.created[0]["id"]
    assert attempts(delivery) == [("publish", "unknown"), ("reconcile", "published")]
    assert_nothing_stuck()
