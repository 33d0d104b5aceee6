"""Tracked short links: every link a post carries goes out as ``/l/<code>``, one per delivery,
so a click is counted by channel and campaign and lands on the target with UTM parameters.

The link of a delivery never changes once made: a retried or reconciled delivery sends the
very same words, so the platform (and the reconcile check) sees the same post."""

import secrets
import string
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from campaigns.models import Delivery

from ..models import TrackedLink

ALPHABET = string.digits + string.ascii_letters  # base62
CODE_LENGTH = 7  # 62**7, about 3.5e12 codes
NO_CAMPAIGN = "tanpa-kampanye"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def with_utm(url: str, *, source: str, campaign: str, content: str) -> str:
    """``url`` with UTM parameters added; parameters it already has are kept as they are."""
    parts = urlsplit(url)
    present = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    wanted = {
        "utm_source": source,
        "utm_medium": "social",
        "utm_campaign": campaign,
        "utm_content": content,
    }
    added = urlencode([(name, value) for name, value in wanted.items() if name not in present])
    query = "&".join(part for part in (parts.query, added) if part)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, parts.fragment))


def short_url(link: TrackedLink) -> str:
    """The absolute short URL a post carries."""
    return f"{settings.PUBLIC_BASE_URL}/l/{link.code}"


def tracked_link_for(delivery: Delivery) -> TrackedLink:
    """The delivery's tracked link, made on first use (safe to call twice, or concurrently)."""
    existing = TrackedLink.objects.filter(delivery=delivery).first()
    if existing is not None:
        return existing
    post = delivery.post
    target = post.link()
    if not target:
        raise ValueError(f"Unggahan #{post.pk} tidak membawa tautan.")
    campaign = post.campaign
    network = delivery.account.network
    target = with_utm(
        target,
        source=network,
        campaign=(slugify(campaign.name) or NO_CAMPAIGN) if campaign else NO_CAMPAIGN,
        content=str(delivery.pk),
    )
    for _ in range(5):
        try:
            with transaction.atomic():
                return TrackedLink.objects.create(
                    code=new_code(),
                    target_url=target,
                    delivery=delivery,
                    campaign=campaign,
                    network=network,
                )
        except IntegrityError:
            # Another worker made this delivery's link meanwhile, or (rarely) the code is taken.
            existing = TrackedLink.objects.filter(delivery=delivery).first()
            if existing is not None:
                return existing
    raise RuntimeError("Tidak menemukan kode tautan yang belum dipakai.")


def outgoing_link(delivery: Delivery, link: str) -> str:
    """The link a delivery sends: its tracked short URL.

    A delivery already tried before tracked links existed, without one, keeps its raw link:
    what it may already have sent must look the same when it is checked or sent again."""
    if not link:
        return ""
    if (delivery.attempt_count > 1 or delivery.needs_reconcile) and not TrackedLink.objects.filter(
        delivery=delivery
    ).exists():
        return link
    return short_url(tracked_link_for(delivery))
