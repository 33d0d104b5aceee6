"""Telling people: an admin notification and an e-mail for each recipient.

The admin notification is written at once, in the caller's transaction (a row, never a
network call: it is the record, and it cannot be lost to a broker outage). The e-mails are
sent by a Celery task queued after commit, so a slow or silent mail server never holds the
dispatch tick, a publishing worker or a person's approval.
"""

import logging
from collections.abc import Iterable
from functools import partial

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet

from core.roles import HEAD_OF_HUMAS_GROUP

from .models import Notification, Post

logger = logging.getLogger(__name__)


def heads_of_humas() -> QuerySet[User]:
    return get_user_model().objects.filter(groups__name=HEAD_OF_HUMAS_GROUP, is_active=True)


def notify(users: Iterable[User | None], subject: str, body: str = "", url: str = "") -> None:
    """Notify each distinct active user once: the admin notification now, the e-mail from
    a task after commit."""
    seen, notes = set(), []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notes.append(Notification(recipient=user, subject=subject, body=body, url=url))
    Notification.objects.bulk_create(notes)
    to_mail = [note.pk for note in notes if note.recipient.email]
    if to_mail:
        transaction.on_commit(partial(queue_emails, to_mail))


def queue_emails(notification_ids: list[int]) -> None:
    """Hand the e-mails to a worker; a broker that is down costs the e-mail, not the caller."""
    try:
        send_notification_emails.delay(notification_ids)
    except Exception:
        logger.exception("E-mail notifications %s could not be queued", notification_ids)


@shared_task(ignore_result=True, soft_time_limit=120)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Send the e-mail of each notification. Failures are logged, never raised: the admin
    notification is the record. Returns how many were sent."""
    sent = 0
    for note in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
        link = f"\n\n{settings.PUBLIC_BASE_URL}{note.url}" if note.url else ""
        try:
            send_mail(note.subject, note.body + link, None, [note.recipient.email])
            sent += 1
        except Exception:
            logger.exception("E-mail notification to user %s failed", note.recipient_id)
    return sent


def post_admin_url(post: Post) -> str:
    """Where a person acts on the post in the admin."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("campaigns_post:edit", args=[post.pk])
    except NoReverseMatch:
        return ""
