"""Two requests with the same ``Idempotency-Key`` at the same moment: the second waits on
the key's unique constraint while the first is still inside its transaction, then replays
the first answer. Real concurrency: two threads, two PostgreSQL connections, committed rows.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from campaigns.models import Delivery, Post
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory
from tests.factories import UserFactory

pytestmark = [
    # The requests run in other threads (their own connections), so rows must be committed;
    # serialized_rollback brings back the data migrations' rows (groups) after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module", autouse=True)
def restore_migration_rows(django_db_setup, django_db_blocker):
    """Put the data-migration rows back after the flush, so a reused database is whole."""
    yield
    with django_db_blocker.unblock():
        for each in connections.all():
            contents = getattr(each, "_test_serialized_contents", None)
            if contents:
                each.creation.deserialize_db_from_string(contents)


def waiting_lock_count() -> int:
    """Requests of this test database waiting for a lock."""
    with connection.cursor() as cursor:
        # pg_stat_activity is read once per transaction unless the snapshot is cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)"
            " WHERE NOT granted AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_concurrent_requests_with_one_key_create_one_post():
    # given a manager, an account, and a body sent twice with the same key
    manager = UserFactory(username="manajer", role="social")
    account = SocialAccountFactory(network="webhook")
    body = {
        "text": "Car free day di Jalan Perintis Kemerdekaan.",
        "send_now": True,
        "deliveries": [{"account": account.pk}],
    }
    answers = {}

    def send(name: str) -> None:
        try:
            answers[name] = api_as(manager).post(
                f"{API}/posts/", body, format="json", HTTP_IDEMPOTENCY_KEY="cfd-minggu"
            )
        finally:
            connection.close()

    first = threading.Thread(target=send, args=("first",))
    second = threading.Thread(target=send, args=("second",))
    # when the first request is held inside its transaction (after taking the key, at the
    # delivery insert) and the second arrives meanwhile
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Delivery._meta.db_table} IN EXCLUSIVE MODE")
        first.start()
        wait_for(lambda: waiting_lock_count() == 1)
        second.start()
        wait_for(lambda: waiting_lock_count() == 2)
    # and both are let go
    first.join(timeout=30)
    second.join(timeout=30)
    # then one post exists; the second, which waited on the key, replays the first answer
    assert answers["first"].status_code == answers["second"].status_code == 201
    assert answers["second"].json() == answers["first"].json()
    assert answers["second"]["Idempotent-Replayed"] == "true"
    assert Post.objects.count() == 1
