"""The publish hot path's database cost: one delivery published with a bounded number of SQL
statements (each one is a round trip and ORM work on a CPU the pool shares)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import clock, dispatch, tasks
from campaigns.models import DeliveryStatus
from tests.campaigns.factories import approved_post

# Statements for one webhook delivery, claimed to published: read the claim, start the
# attempt (the move and its log), record the outcome (campaigns/publish_sql.py). The ORM's
# statements took 11, then 8, then 7 (with BEGIN and COMMIT).
PUBLISH_BUDGET = 3


def test_one_delivery_is_published_within_the_statement_budget(httpserver, webhook_account, users):
    # given a claimed delivery to a webhook account (the post carries a link, no images)
    webhook_account.external_id = httpserver.url_for("/posts")
    webhook_account.save()
    httpserver.expect_request("/posts", method="POST").respond_with_json({"id": "r-1"}, 201)
    post = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    # when the worker publishes it
    with CaptureQueriesContext(connection) as queries:
        outcome = dispatch.run_delivery(delivery.pk)
    # then it is published, with its attempt logged, in few statements
    delivery.refresh_from_db()
    assert outcome == "published" and delivery.status == DeliveryStatus.PUBLISHED
    assert delivery.attempts.get().outcome == "published"
    statements = [q["sql"] for q in queries]
    assert len(statements) <= PUBLISH_BUDGET, "\n".join(statements)


def test_a_message_reads_its_deliveries_once(httpserver, webhook_account, users):
    # given four claimed deliveries to a webhook account, carried by one message
    webhook_account.external_id = httpserver.url_for("/posts")
    webhook_account.save()
    httpserver.expect_request("/posts", method="POST").respond_with_json({"id": "r-1"}, 201)
    for _ in range(4):
        approved_post(
            [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
        )
    claimed = clock.tick().claimed
    assert len(claimed) == 4
    # when the worker runs the message
    with CaptureQueriesContext(connection) as queries:
        outcomes = tasks.publish_delivery(*claimed)
    # then all four are published, read in one SELECT: each then costs its start and record
    assert outcomes == ", ".join(["published"] * 4)
    statements = [q["sql"] for q in queries]
    assert len(statements) <= 1 + 4 * (PUBLISH_BUDGET - 1), "\n".join(statements)
