"""A post checked against the rules of every network it goes to (the same rules the
compose screen shows live and the API enforces)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone

from .networks.base import Draft
from .networks.registry import adapter_for

# A time further ahead is a typo (2062 for 2026), not a plan: refused with a clear message.
MAX_SCHEDULE_AHEAD = timedelta(days=2 * 365)


def link_url_refusal(url: str) -> str:
    """Only http(s) links go to the networks (no ftp://, javascript:, mailto:)."""
    if url and urlsplit(url).scheme.lower() not in ("http", "https"):
        return "Tautan harus diawali http:// atau https://."
    return ""


def scheduled_at_refusal(when: datetime | None) -> str:
    if when and when > timezone.now() + MAX_SCHEDULE_AHEAD:
        return "Waktu tayang paling lambat dua tahun dari sekarang."
    return ""


@dataclass(frozen=True)
class Target:
    network: str
    label: str  # e.g. "Instagram @tangerangkota"
    text: str  # the account's override, or the post's text


def check(targets: list[Target], *, link: str, image_count: int) -> list[str]:
    """Every broken rule, each naming its network and account."""
    errors = []
    for target in targets:
        adapter = adapter_for(target.network)
        for message in adapter.validate(Draft(target.text, link, image_count)):
            errors.append(f"{message} ({target.label})" if len(targets) > 1 else message)
    return errors


def check_post(post: Any) -> list[str]:  # a Post (the models import this module)
    """Check a saved post with its deliveries and images."""
    deliveries = list(post.deliveries.select_related("account"))
    targets = [
        Target(d.account.network, str(d.account), d.text_override.strip() or post.text)
        for d in deliveries
    ]
    errors = [] if targets else ["Pilih minimal satu akun tujuan."]
    return errors + check(targets, link=post.link(), image_count=post.images.count())
