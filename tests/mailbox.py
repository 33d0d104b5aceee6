"""E-mail in tests: notifications queue their e-mails after commit (campaigns.notify).

A test that is itself one transaction never commits, so ``sent_mail()`` does what the commit
and a worker would: it runs the e-mail task (``apply``: in this process, without the broker)
for each e-mail hook still waiting, then returns Django's test outbox."""

from django.core import mail
from django.db import connection

from campaigns import notify


def _is_email_hook(hook) -> bool:
    return getattr(hook[1], "func", None) is notify.queue_emails


def sent_mail() -> list:
    waiting = [hook for hook in connection.run_on_commit if _is_email_hook(hook)]
    connection.run_on_commit = [h for h in connection.run_on_commit if not _is_email_hook(h)]
    for _savepoints, hook, _robust in waiting:
        notify.send_notification_emails.apply(args=hook.args)
    return mail.outbox
