"""The publish run's own statements (campaigns/publish_sql.py) read and write what the ORM
would: the same values in, the same values out, on PostgreSQL and on the embedded default."""

import json

import pytest
from django.utils import timezone

from campaigns import clock, publish_sql
from campaigns.models import Delivery, DeliveryStatus
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, approved_post
from tests.test_embedded_default import run_embedded


def fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


@pytest.mark.parametrize("images", [0, 1])
def test_the_claimed_row_reads_as_the_orm_reads_it(images, users, django_assert_num_queries):
    # given a claimed delivery of a post in a campaign, with progress saved as JSON
    account = SocialAccountFactory(network="webhook", external_id="https://app.example/hook")
    post = approved_post(
        [account],
        submitter=users["social"],
        approver=users["head"],
        campaign=CampaignFactory(),
        images=images,
        send_now=True,
    )
    Delivery.objects.filter(post=post).update(remote_state={"container": "17", "step": [1, 2]})
    (delivery_id,) = clock.claim_due(timezone.now())[0]
    # when the publish run reads it
    with django_assert_num_queries(1):
        read = publish_sql.read_claimed(delivery_id)
        assert read is not None
        related = (read.post, read.post.campaign, read.account)
    # then every column of the row, its post, the post's campaign and the account is what the
    # ORM reads (one query: reaching them asked nothing more)
    expected = Delivery.objects.select_related("post__campaign", "account").get(pk=delivery_id)
    assert fields(read) == fields(expected)
    assert [fields(one) for one in related] == [
        fields(expected.post),
        fields(expected.post.campaign),
        fields(expected.account),
    ]
    assert read.account.get_credentials() == {"secret": "webhook-rahasia"}
    assert read.has_images == bool(images)
    assert read._state.adding is False and read._state.db == "default"


def test_a_message_is_read_ahead_in_one_query_as_each_would_be_read(
    users, django_assert_num_queries
):
    # given three claimed deliveries of posts in a campaign, and one delivery not claimed
    accounts = [
        SocialAccountFactory(network="webhook", external_id=f"https://app.example/{n}")
        for n in range(2)
    ]
    campaign = CampaignFactory()
    for images in (0, 1):
        approved_post(
            accounts,
            submitter=users["social"],
            approver=users["head"],
            campaign=campaign,
            images=images,
            send_now=True,
        )
    claimed = clock.claim_due(timezone.now())[0]
    not_claimed = claimed.pop()
    Delivery.objects.filter(pk=not_claimed).update(status=DeliveryStatus.HELD)
    # when a message of all four is read ahead
    with django_assert_num_queries(1):
        read = publish_sql.read_ahead([*claimed, not_claimed])
        related = {pk: (one.post, one.post.campaign, one.account) for pk, one in read.items()}
    # then each claimed row reads as on its own, with the row versions it was read at
    assert sorted(read) == sorted(claimed)
    for pk, one in read.items():
        alone = publish_sql.read_claimed(pk)
        assert fields(one) == fields(alone)
        assert [fields(x) for x in related[pk]] == [
            fields(alone.post),
            fields(alone.post.campaign),
            fields(alone.account),
        ]
        assert one.has_images == alone.has_images
        assert len(one.read_versions) == 3 and all(one.read_versions)
    # and one delivery alone is not read ahead (it is read as it runs)
    assert publish_sql.read_ahead(claimed[:1]) == {}


def test_a_row_no_longer_claimed_is_not_read(webhook_account, users):
    post = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    assert delivery.status == DeliveryStatus.SCHEDULED
    assert publish_sql.read_claimed(delivery.pk) is None


PUBLISH_ON_SQLITE = """
import json
from django.utils import timezone
from campaigns import clock, dispatch
from campaigns.models import Delivery, Post, SocialAccount

account = SocialAccount(network="webhook", handle="@kota", display_name="Kota", external_id=URL)
account.set_credentials({"secret": "rahasia"})
account.save()
post = Post.objects.create(text="Halo warga", scheduled_at=timezone.now(), status="approved")
delivery = Delivery.objects.create(
    post=post, account=account, status="scheduled",
    scheduled_for=post.scheduled_at, due_at=post.scheduled_at,
)
clock.claim_due(timezone.now())
first, again = dispatch.run_delivery(delivery.pk), dispatch.run_delivery(delivery.pk)
delivery.refresh_from_db()
attempt = delivery.attempts.get()
print(json.dumps({
    "runs": [first, again], "status": delivery.status, "remote_id": delivery.remote_id,
    "attempt": [attempt.kind, attempt.outcome, attempt.remote_id, attempt.finished_at is not None],
    "lease": delivery.lease is not None, "attempt_count": delivery.attempt_count,
}))
"""


@pytest.mark.slow
def test_on_the_embedded_default_a_delivery_publishes_once(tmp_path, httpserver):
    # given the embedded default (SQLite) and a city-app webhook that accepts the post
    httpserver.expect_request("/hook", method="POST").respond_with_json({"id": "app-7"}, 201)
    env = {"OUTBOUND_ALLOW_PRIVATE_HOSTS": "127.0.0.1"}
    (tmp_path / "broker").mkdir()  # `make run` makes the filesystem broker's folder
    migrated = run_embedded(tmp_path, "migrate", "--no-input", **env)
    assert migrated.returncode == 0, migrated.stderr
    # when the dispatcher claims the due delivery and its message is run twice
    script = f"URL = 'http://127.0.0.1:{httpserver.port}/hook'\n{PUBLISH_ON_SQLITE}"
    result = run_embedded(tmp_path, "shell", "-c", script, **env)
    # then it is published once: the repeated run finds nothing to do
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "runs": ["published", "skipped"],
        "status": "published",
        "remote_id": "app-7",
        "attempt": ["publish", "published", "app-7", True],
        "lease": True,
        "attempt_count": 1,
    }
    assert len(httpserver.log) == 1
