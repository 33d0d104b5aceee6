"""Notifications never slow the tick: e-mail goes out from a task after commit.

A mail server on 127.0.0.1 that accepts the connection and then never says a word (the
worst kind: every client waits for its full timeout) is what the office's mail relay looks
like on a bad day. Publishing, the worker's failure report and a rejection must not wait
for it. These tests commit (the e-mail is queued after commit), so they are transactional.
"""

import socket
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone
from werkzeug import Response

from campaigns import approvals, clock, dispatch
from campaigns.models import DeliveryStatus, Notification
from campaigns.notify import send_notification_emails
from tests.campaigns.factories import approved_post, post
from tests.campaigns.worker import Broker

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_database_as_migrated"),
]
SMTP_TIMEOUT = 3


@pytest.fixture
def silent_smtp(settings):
    """An SMTP server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = SMTP_TIMEOUT
    yield server
    server.close()
    Broker(django_settings.CELERY_BROKER_URL).purge()  # the e-mail tasks nobody ran


def test_failure_report_does_not_wait_for_a_silent_mail_server(
    silent_smtp, httpserver, webhook_account, users
):
    # given a delivery the receiver refuses for good (three people are told, by e-mail too)
    httpserver.expect_request("/kota", method="POST").respond_with_response(
        Response('{"message": "Teks ditolak"}', 400, content_type="application/json")
    )
    webhook_account.external_id = httpserver.url_for("/kota")
    webhook_account.owner = users["analyst"]
    webhook_account.save()
    delivery = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    ).deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    # when the worker runs it
    started = time.monotonic()
    assert dispatch.run_delivery(delivery.pk) == "failed"
    took = time.monotonic() - started
    # then it did not wait for the mail server: the admin notifications are there at once
    assert took < 1.5, f"run took {took:.1f} s"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    notes = Notification.objects.filter(subject__startswith="Gagal mengirim")
    assert {n.recipient.username for n in notes} == {"social", "analyst", "head"}
    # and the e-mails go out from the task (here with a mail server that answers)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            django_settings, "EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
        )
        mail.outbox = []
        send_notification_emails.apply(args=[[n.pk for n in notes]])
    assert sorted(m.to[0].split("@")[0] for m in mail.outbox) == ["analyst", "head", "social"]


def test_due_deliveries_are_claimed_while_the_mail_server_is_silent(
    silent_smtp, webhook_account, users
):
    # given a post still waiting for approval when its time comes (its author is told it
    # expired), and a delivery due now
    soon = timezone.now() + timedelta(seconds=1)
    stale = post([webhook_account], author=users["social"], scheduled_at=soon)
    approvals.submit(stale, users["social"])
    due = approved_post(
        [webhook_account], submitter=users["social"], approver=users["head"], send_now=True
    ).deliveries.get()
    # when the tick runs after the pending post's time
    started = time.monotonic()
    result = clock.tick(now=soon + timedelta(seconds=1))
    took = time.monotonic() - started
    # then the tick expired and claimed without waiting for the mail server
    assert took < 1.5, f"tick took {took:.1f} s"
    assert result.expired == 1 and result.claimed == [due.pk]
    assert Notification.objects.filter(subject__startswith="Unggahan kedaluwarsa").exists()


def test_rejection_does_not_wait_for_a_silent_mail_server(silent_smtp, webhook_account, users):
    # given a submitted post
    pending = post([webhook_account], author=users["social"])
    approvals.submit(pending, users["social"])
    # when the head of Humas rejects it
    started = time.monotonic()
    approvals.reject(pending, users["head"], "Foto kurang jelas.")
    took = time.monotonic() - started
    # then the decision did not wait for the mail server, and the author is told in the admin
    assert took < 1.5, f"reject took {took:.1f} s"
    assert Notification.objects.filter(
        recipient=users["social"], subject__startswith="Unggahan ditolak"
    ).exists()
