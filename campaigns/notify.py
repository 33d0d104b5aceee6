"""Telling people: an admin notification and an e-mail for each recipient."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from publications.roles import HEAD_OF_HUMAS_GROUP

from .models import Notification

logger = logging.getLogger(__name__)


def heads_of_humas():
    return get_user_model().objects.filter(groups__name=HEAD_OF_HUMAS_GROUP, is_active=True)


def notify(users, subject: str, body: str = "", url: str = "") -> None:
    """Notify each distinct user once. E-mail failures are logged, never raised: the
    admin notification is the record."""
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        Notification.objects.create(recipient=user, subject=subject, body=body, url=url)
        if user.email:
            link = f"\n\n{settings.PUBLIC_BASE_URL}{url}" if url else ""
            try:
                send_mail(subject, body + link, None, [user.email])
            except Exception:
                logger.exception("E-mail notification to user %s failed", user.pk)


def post_admin_url(post) -> str:
    """Where a person acts on the post in the admin."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("campaigns_post:edit", args=[post.pk])
    except NoReverseMatch:
        return ""
