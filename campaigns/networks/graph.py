"""Graph API (Facebook and Instagram): requests and the error envelope, mapped once.

Both platforms answer errors as ``{"error": {"message", "type", "code", "error_subcode",
"is_transient", "error_user_title", "error_user_msg", "fbtrace_id"}}``. Which codes mean
"wait", "reconnect" or "refused" is listed in /work/shared/reference/social-apis.md; the one
judgement that depends on the request is a 5xx: before anything public exists (a container,
an unpublished photo) it is safe to retry, after a publishing request it may have arrived.
"""

import json
from typing import Any

import requests
from django.conf import settings

from .base import (
    DeliveryError,
    ErrorDetails,
    OutcomeUnknown,
    Reconnect,
    Rejected,
    RetryLater,
    WaitForQuota,
)
from .http import json_or_empty, send

RETRY_CODES = frozenset({1, 2, 4, 17, 32, 341, 613, *range(80001, 80015)})
THROTTLE_CODES = frozenset({4, 17, 32, 613, *range(80001, 80015)})
RECONNECT_CODES = frozenset({190, 102, 10, *range(200, 300)})
REJECT_CODES = frozenset({100, 368, 506})
QUOTA_SUBCODE = 2207042
THROTTLE_WAIT_SECONDS = 300  # when the usage header gives no estimate
QUOTA_WAIT_SECONDS = 3600


def url(path: str) -> str:
    return f"{settings.GRAPH_API_URL}/{path.lstrip('/')}"


def get(http: requests.Session, path: str, token: str, **params: Any) -> requests.Response:
    """A read: the token travels as the documented ``access_token`` parameter."""
    return send(http, "GET", url(path), params={**params, "access_token": token})


def post(http: requests.Session, path: str, token: str, **data: Any) -> requests.Response:
    """A form POST; the token goes in the body, never in the URL."""
    return send(http, "POST", url(path), data={**data, "access_token": token})


def envelope(response: requests.Response) -> dict[str, Any]:
    error = json_or_empty(response).get("error")
    return error if isinstance(error, dict) else {}


def subcode(response: requests.Response) -> int | None:
    return _int(envelope(response).get("error_subcode"))


def error_for(
    response: requests.Response,
    *,
    platform: str,
    may_have_published: bool,
    token: str = "",
) -> DeliveryError:
    """The dispatcher's reading of a failed Graph response. ``may_have_published`` is true
    for a request that makes something public (``media_publish``, ``/feed``, a published
    photo): a 5xx there is an unknown outcome, not a reason to send again."""
    status = response.status_code
    error = envelope(response)
    code = _int(error.get("code"))
    subcode = _int(error.get("error_subcode"))
    said = _scrub(
        str(error.get("error_user_msg") or error.get("message") or response.reason or ""), token
    )
    tag = f"kode {code}" + (f"/{subcode}" if subcode else "") if code else f"HTTP {status}"
    common: ErrorDetails = {
        "http_status": status,
        "code": f"{code}/{subcode}" if subcode else str(code or ""),
    }

    if status >= 500 and may_have_published:
        return OutcomeUnknown(
            f"{platform} mengalami gangguan ({tag}) setelah menerima permintaan; "
            f"belum pasti apakah unggahan terbit. {said}".strip(),
            **common,
        )
    if code == 9 and subcode == QUOTA_SUBCODE:
        return WaitForQuota(
            f"Batas unggahan {platform} 24 jam tercapai; menunggu kuota pulih. {said}".strip(),
            wait_seconds=QUOTA_WAIT_SECONDS,
            **common,
        )
    if code in RECONNECT_CODES:
        return Reconnect(
            f"{platform} menolak token akun ({tag}); hubungkan ulang akun. {said}".strip(),
            **common,
        )
    if code in RETRY_CODES or error.get("is_transient") or status == 429:
        wait = regain_access_seconds(response)
        if wait is None and code in THROTTLE_CODES:
            wait = THROTTLE_WAIT_SECONDS
        return RetryLater(
            f"{platform} sedang membatasi atau sibuk ({tag}); dicoba lagi nanti. {said}".strip(),
            wait_seconds=wait,
            **common,
        )
    if status >= 500:
        return RetryLater(
            f"{platform} sedang gangguan ({tag}); belum ada yang terbit, dicoba lagi nanti.",
            **common,
        )
    return Rejected(f"{platform} menolak unggahan ({tag}): {said}".rstrip(": "), **common)


def regain_access_seconds(response: requests.Response) -> float | None:
    """``X-Business-Use-Case-Usage``'s ``estimated_time_to_regain_access`` (minutes)."""
    try:
        usage = json.loads(response.headers.get("X-Business-Use-Case-Usage") or "{}")
        minutes = max(
            (
                float(entry.get("estimated_time_to_regain_access") or 0)
                for entries in usage.values()
                for entry in entries
            ),
            default=0,
        )
    except (ValueError, TypeError, AttributeError):
        return None
    return minutes * 60 if minutes > 0 else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _scrub(text: str, token: str) -> str:
    text = text[:500]
    return text.replace(token, "***") if token else text
