"""The one small interface every network adapter module implements.

An adapter is a module with:

- ``NETWORK`` — its ``Network`` value;
- ``validate(draft: Draft) -> list[str]`` — the network's rules, as messages for the author;
- ``compose_text(text: str, link: str) -> str`` — the words as this network will carry them;
- ``publish(outgoing: Outgoing, http: requests.Session) -> Published`` — send one delivery;
- ``reconcile(outgoing: Outgoing, http: requests.Session) -> Published | None`` — after an
  unknown outcome: the post if the platform has it, ``None`` if it certainly does not;
- optionally ``CAN_READ_BACK = False`` when the platform cannot be asked (a person decides);
- optionally ``rendition_spec(image) -> str`` — the Wagtail filter for images it is sent.

Adapters see plain data, never models: the dispatcher builds an ``Outgoing`` from a delivery
and turns the result, or a ``DeliveryError``, into the delivery's next state.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypedDict

from core.links import remote_url


@dataclass(frozen=True)
class Draft:
    """What validation looks at: the words, the link and how many images."""

    text: str
    link: str = ""
    image_count: int = 0


@dataclass(frozen=True)
class OutgoingImage:
    url: str  # absolute, from PUBLIC_BASE_URL; a JPEG rendition
    alt_text: str


@dataclass
class Outgoing:
    """One delivery, as the adapter needs it."""

    delivery_id: int
    external_id: str  # Instagram user id, Page id, chat id, webhook URL
    text: str  # already composed for this network (link included where it belongs)
    link: str
    images: list[OutgoingImage]
    credentials: dict[str, Any]
    idempotency_key: str
    # Resumable progress (e.g. an Instagram container id); persisted by ``checkpoint``.
    state: dict[str, Any] = field(default_factory=dict)
    checkpoint: Callable[[dict[str, Any]], None] = lambda state: None
    # Post id, campaign, scheduled time (webhook).
    extra: dict[str, Any] = field(default_factory=dict)

    def save_state(self, **values: Any) -> None:
        """Record progress before the next request, so a crash can resume, not repeat."""
        self.state.update(values)
        self.checkpoint(dict(self.state))


@dataclass(frozen=True)
class Published:
    """What the platform answered. A permalink is kept only if it is an http(s) URL: a
    receiver answering ``javascript:…`` gets an empty permalink, never a link."""

    remote_id: str
    permalink: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "permalink", remote_url(self.permalink))


class ErrorDetails(TypedDict):
    """What every ``DeliveryError`` of one platform answer shares (``**details``)."""

    http_status: int | None
    code: str


class DeliveryError(Exception):
    """A platform answer (or silence) the dispatcher must act on. ``message`` is shown to
    people: plain words, the platform's own message included, never a token."""

    kind = "failed"

    def __init__(
        self,
        message: str,
        *,
        wait_seconds: float | None = None,
        http_status: int | None = None,
        code: str = "",
    ):
        super().__init__(message)
        self.message = message
        self.wait_seconds = wait_seconds
        self.http_status = http_status
        self.code = code


class RetryLater(DeliveryError):
    """Nothing was published; try again after ``wait_seconds`` (429, throttling, refused)."""

    kind = "retry"


class WaitForQuota(RetryLater):
    """The account's publishing quota is used up; wait without spending an attempt."""

    kind = "wait"


class Rejected(DeliveryError):
    """The platform refused this content for good (policy, duplicate, bad media)."""

    kind = "failed"


class DestinationRefused(Rejected):
    """The guarded client refused the account's address (not http(s), https required, or an
    internal address): nothing was sent, and no retry helps until the account is fixed."""


class Reconnect(DeliveryError):
    """The token is invalid or expired: hold the account's deliveries until reconnected."""

    kind = "reconnect"


class OutcomeUnknown(DeliveryError):
    """The request may have been acted on (timeout, 5xx after sending): reconcile."""

    kind = "unknown"


def count_hashtags(text: str) -> int:
    import re

    return len(re.findall(r"(?<![\w#])#\w+", text))


def count_mentions(text: str) -> int:
    import re

    return len(re.findall(r"(?<![\w@])@[\w.]+", text))
