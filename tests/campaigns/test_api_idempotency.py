"""``Idempotency-Key`` on creating a post: a repeated request gets the first answer, never
a second post; the same key with another body is refused."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import IdempotencyKey, Post
from campaigns.tasks import sweep_idempotency_keys
from cms.celery import app
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory


@pytest.fixture
def new_post(db):
    account = SocialAccountFactory(network="webhook")
    return {
        "text": "Pendaftaran beasiswa Tangerang Cerdas dibuka.",
        "send_now": True,
        "deliveries": [{"account": account.pk}],
    }


def create(client, body, key):
    return client.post(f"{API}/posts/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_same_key_and_body_twice_creates_one_post_and_replays_the_answer(users, new_post):
    # given an integrator that sends the same create twice (a timeout, a retry)
    client = api_as(users["social"])
    # when both arrive
    first = create(client, new_post, "festival-2026-001")
    second = create(client, new_post, "festival-2026-001")
    # then one post exists and the second answer is the first, marked as replayed
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Post.objects.count() == 1


def test_same_key_with_key_order_changed_is_the_same_request(users, new_post):
    client = api_as(users["social"])
    create(client, new_post, "k-1")
    reordered = dict(reversed(list(new_post.items())))
    assert create(client, reordered, "k-1").status_code == 201
    assert Post.objects.count() == 1


def test_same_key_with_another_body_is_refused_with_422(users, new_post):
    # given a post created with a key
    client = api_as(users["social"])
    create(client, new_post, "festival-2026-002")
    # when the key is reused for different content
    response = create(client, {**new_post, "text": "Isi lain sama sekali."}, "festival-2026-002")
    # then 422 with a message, and no second post
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    assert Post.objects.count() == 1


def test_keys_belong_to_their_user(users, new_post):
    # given the same key sent by two people
    first = create(api_as(users["social"]), new_post, "kunci-sama")
    second = create(api_as(users["head"]), new_post, "kunci-sama")
    # then each gets their own post
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert Post.objects.count() == 2


def test_rejected_request_does_not_use_up_the_key(users, new_post):
    # given a first attempt that fails validation
    client = api_as(users["social"])
    invalid = create(client, {**new_post, "deliveries": []}, "coba-lagi")
    # when the corrected request comes with the same key
    corrected = create(client, new_post, "coba-lagi")
    # then it is created: a 400 stores nothing
    assert invalid.status_code == 400
    assert corrected.status_code == 201
    assert Post.objects.count() == 1


def test_without_a_key_each_request_creates_a_post(users, new_post):
    client = api_as(users["social"])
    client.post(f"{API}/posts/", new_post, format="json")
    client.post(f"{API}/posts/", new_post, format="json")
    assert Post.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize("key", ["", "   ", "k" * 256])
def test_blank_or_overlong_key_is_a_400(users, new_post, key):
    response = create(api_as(users["social"]), new_post, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not Post.objects.exists()


def _age(key: str, hours: float) -> None:
    IdempotencyKey.objects.filter(key=key).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def test_key_older_than_a_day_no_longer_replays(users, new_post):
    # given a key used 25 hours ago
    client = api_as(users["social"])
    first = create(client, new_post, "festival-2026-lama")
    _age("festival-2026-lama", 25)
    # when the same request comes with it again
    again = create(client, new_post, "festival-2026-lama")
    # then it is a new request: a new post, not a replay
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert again.json()["id"] != first.json()["id"]
    assert Post.objects.count() == 2


def test_beat_sweeps_keys_older_than_a_day(users, new_post):
    # given a key of 25 hours and one of 23
    client = api_as(users["social"])
    create(client, new_post, "lama")
    create(client, {**new_post, "text": "Yang baru."}, "baru")
    _age("lama", 25)
    _age("baru", 23)
    # when the beat's sweep runs (as the beat schedules it: hourly)
    entry = next(
        e for e in app.conf.beat_schedule.values() if e["task"] == sweep_idempotency_keys.name
    )
    assert entry["schedule"].minute == {5}
    sweep_idempotency_keys.apply()
    # then only the expired key is gone
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["baru"]
