"""What the platform collectors share: one account's reading (its token, the days to fetch,
where samples go) and the translation of a platform's answer into a run's outcome.

A run ends in one of three ways besides ``ok``: the token was refused (the account is
marked ``needs_reconnect``, as publishing does), the platform throttled us (``rate_limited``,
the next scheduled run tries again), or anything else (``failed`` with the reason). Messages
are shown to people: plain words, never a token.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import requests
from django.utils import timezone

from campaigns.models import DeliveryStatus, SocialAccount
from campaigns.models.deliveries import Delivery
from campaigns.networks.base import DeliveryError, Reconnect, RetryLater
from campaigns.networks.http import json_or_empty, send

from ..models import CollectionRun
from .store import Explained, RateLimited, Sample, upsert_samples

LOOKBACK_DAYS = 3  # platforms revise a day's numbers for up to 48 h: fetch the last three again
POST_WINDOW_DAYS = 30  # our posts' counts are followed for a month after publishing
RATE_LIMIT_WAIT_SECONDS = 900


class TokenRejected(Explained):
    """The platform refused the account's token: reconnect the account."""


class CollectFailed(Explained):
    """The platform answered, but not with numbers; the reason is in the message."""


@dataclass
class Reading:
    """One account's collection: what a network collector needs, models kept at arm's length."""

    account: SocialAccount
    run: CollectionRun
    http: requests.Session
    source: str
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def credentials(self) -> dict[str, Any]:
        return self.account.get_credentials()

    @property
    def days(self) -> list[datetime.date]:
        """The last complete days (WIB), oldest first; today is not over yet."""
        return [self.today - datetime.timedelta(days=n) for n in range(LOOKBACK_DAYS, 0, -1)]

    def account_sample(self, metric: str, day: datetime.date, value: float | None) -> Sample | None:
        if value is None:
            return None
        return Sample(
            subject_kind="account",
            subject_id=self.account.pk,
            metric=metric,
            day=day,
            source=self.source,
            value=int(value),
            account_id=self.account.pk,
            network=self.account.network,
        )

    def delivery_sample(
        self, delivery: Delivery, metric: str, value: float | None
    ) -> Sample | None:
        """A post's lifetime count as it stands today (a snapshot per day)."""
        if value is None:
            return None
        return Sample(
            subject_kind="delivery",
            subject_id=delivery.pk,
            metric=metric,
            day=self.today,
            source=self.source,
            value=int(value),
            account_id=self.account.pk,
            campaign_id=delivery.post.campaign_id,
            network=self.account.network,
        )

    def write(self, samples: Iterable[Sample | None]) -> int:
        """Upsert what was read so far, so a later refusal keeps what came before it."""
        written = upsert_samples(s for s in samples if s is not None)
        self.run.samples_written += written
        return written

    def partial(self, reason: str) -> None:
        self.run.status = "partial"
        self.run.message = f"{self.run.message} {reason}".strip()[:2000]

    def published_deliveries(self) -> list[Delivery]:
        """Our posts on this account from the last month that the platform gave an id."""
        since = timezone.now() - datetime.timedelta(days=POST_WINDOW_DAYS)
        return list(
            Delivery.objects.filter(
                account=self.account, status=DeliveryStatus.PUBLISHED, published_at__gte=since
            )
            .exclude(remote_id="")
            .select_related("post")
            .order_by("published_at", "pk")
        )


def fetch(
    platform: str, http: requests.Session, method: str, url: str, **kwargs: Any
) -> requests.Response:
    """One read; no answer at all (refused, timed out) is a failed run, tried again next time."""
    try:
        return send(http, method, url, **kwargs)
    except DeliveryError:
        raise CollectFailed(
            f"{platform} tidak dapat dihubungi atau tidak menjawab tepat waktu; "
            "dicoba lagi pada jadwal berikutnya."
        ) from None


def failure(
    error: DeliveryError, response: requests.Response, platform: str, secret: str
) -> Exception:
    """The adapters' reading of a failed answer (shared with publishing), in collection terms."""
    status = response.status_code
    tag = f"HTTP {status}" + (f", kode {error.code}" if error.code[:1].isdigit() else "")
    if isinstance(error, Reconnect):
        return TokenRejected(error.message)
    if isinstance(error, RetryLater) and (status == 429 or error.wait_seconds):
        return RateLimited(
            f"{platform} membatasi permintaan ({tag}); dicoba lagi pada jadwal berikutnya.",
            error.wait_seconds or RATE_LIMIT_WAIT_SECONDS,
        )
    if status >= 500:
        return CollectFailed(
            f"{platform} sedang gangguan ({tag}); dicoba lagi pada jadwal berikutnya."
        )
    words = platform_words(response, secret)
    return CollectFailed(f"{platform} menolak permintaan metrik ({tag}): {words}".rstrip(": "))


def platform_words(response: requests.Response, secret: str) -> str:
    """The platform's own explanation: Graph's ``error.message``, X's ``detail`` or first
    error, Telegram's ``description``; cut short, with the token blanked out."""
    body = json_or_empty(response)
    graph = body["error"] if isinstance(body.get("error"), dict) else {}
    errors = body["errors"] if isinstance(body.get("errors"), list) else []
    first = errors[0] if errors and isinstance(errors[0], dict) else {}
    said = (
        graph.get("error_user_msg")
        or graph.get("message")
        or body.get("detail")
        or first.get("message")
        or first.get("detail")
        or body.get("description")
        or ""
    )
    said = str(said)[:300]
    return said.replace(secret, "***") if secret else said


def number(value: object) -> int | None:
    """A count from a JSON answer; anything that is not a number is a missing value."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)
