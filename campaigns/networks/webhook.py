"""Webhook (the city app, a WhatsApp gateway, any system without a public API).

POSTs a JSON document to the account's URL, signed with HMAC-SHA256 over
``"<timestamp>.<body>"`` (headers ``X-Benteng-Timestamp`` and ``X-Benteng-Signature:
sha256=<hex>``), with an ``Idempotency-Key`` the receiver uses to drop repeats. Because the
receiver must drop repeats. After an unknown outcome, the dispatcher asks before sending
again: ``GET <url>/<idempotency-key>``, signed over ``"<timestamp>.GET <path>"`` (the path as
requested, with its query if any: a signature taken from one read-back cannot be replayed to
ask about another key), answers 200 with ``{"id", "url"}`` when the receiver has the post,
404 when it does not.

The URL is typed in by a person, so both requests go through the guarded outbound client
(``core.outbound``): http(s) only (https only where ``WEBHOOK_REQUIRE_HTTPS``), never an
internal address, and no redirect is followed. Of a refusal only a short excerpt of the
receiver's JSON ``message``/``error`` is kept, never its body.
"""

import hashlib
import hmac
import json
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings

from core import outbound

from ..models.accounts import Network
from .base import Draft, OutcomeUnknown, Outgoing, Published, Reconnect, Rejected, RetryLater
from .http import json_or_empty, send

NETWORK = Network.WEBHOOK
MAX_TEXT = 65_536
SIGNATURE_HEADER = "X-Benteng-Signature"
TIMESTAMP_HEADER = "X-Benteng-Timestamp"


def compose_text(text: str, link: str) -> str:
    return text.strip()


def validate(draft: Draft) -> list[str]:
    text = compose_text(draft.text, draft.link)
    if not text:
        return ["Webhook: teks tidak boleh kosong."]
    if len(text) > MAX_TEXT:
        return [f"Webhook: teks {len(text):,} karakter, batasnya {MAX_TEXT:,}."]
    return []


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def sign_read_back(secret: str, timestamp: str, url: str) -> str:
    """The read-back's signature covers what it asks for: the method and the path."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return sign(secret, timestamp, f"GET {target}".encode())


def validate_url(url: str) -> None:
    """Input-time check of a receiver's URL (admin form and API): ``ValidationError`` with
    the reason in Indonesian, e.g. for ``file://`` or an address inside the office."""
    outbound.validate_public_url(url, https_only=settings.WEBHOOK_REQUIRE_HTTPS)


def guarded() -> requests.Session:
    """The session webhooks use (not the platforms' one): guarded, no redirects."""
    return outbound.session(follow_redirects=False, https_only=settings.WEBHOOK_REQUIRE_HTTPS)


def publish(outgoing: Outgoing, http: requests.Session) -> Published:
    """POST the delivery. ``http`` (the platforms' session) is not used: see ``guarded``."""
    body = json.dumps(
        {
            "id": outgoing.idempotency_key,
            "text": outgoing.text,
            "link": outgoing.link or None,
            "images": [{"url": i.url, "alt": i.alt_text} for i in outgoing.images],
            **outgoing.extra,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": outgoing.idempotency_key,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(outgoing.credentials.get("secret", ""), timestamp, body),
    }
    # No checkpoint: the dispatcher moved the claim to ``publishing`` just before (its
    # fence), and the read-back asks by idempotency key, not by time.
    response = send(guarded(), "POST", outgoing.external_id, data=body, headers=headers)
    if 300 <= response.status_code < 400:  # "ok" to requests, but nothing was accepted
        raise Rejected(
            f"Penerima webhook mengalihkan ke alamat lain ({response.status_code}); pengalihan "
            "tidak diikuti. Perbarui URL akun bila alamatnya memang pindah.",
            http_status=response.status_code,
        )
    if response.ok:
        answer = json_or_empty(response)
        return Published(
            remote_id=str(answer.get("id") or outgoing.idempotency_key)[:255],
            permalink=str(answer.get("url") or ""),
        )
    status = response.status_code
    said = outbound.remote_excerpt(response)
    reason = f": {said}" if said else "."
    if status in (401, 403):
        raise Reconnect(
            f"Penerima webhook menolak tanda tangan ({status}){reason}", http_status=status
        )
    if status == 429 or status >= 500 or status == 408:
        # The receiver drops repeats by Idempotency-Key, so another try is safe.
        raise RetryLater(
            f"Penerima webhook belum siap ({status}){reason}",
            wait_seconds=_retry_after(response),
            http_status=status,
        )
    raise Rejected(f"Penerima webhook menolak isi ({status}){reason}", http_status=status)


def reconcile(outgoing: Outgoing, http: requests.Session) -> Published | None:
    """Ask the receiver whether it has this delivery (by its idempotency key)."""
    timestamp = str(int(time.time()))
    url = f"{outgoing.external_id.rstrip('/')}/{outgoing.idempotency_key}"
    headers = {
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign_read_back(outgoing.credentials.get("secret", ""), timestamp, url),
    }
    response = send(guarded(), "GET", url, headers=headers)
    if response.status_code == 404:
        return None
    if 200 <= response.status_code < 300:
        answer = json_or_empty(response)
        return Published(
            remote_id=str(answer.get("id") or outgoing.idempotency_key)[:255],
            permalink=str(answer.get("url") or ""),
        )
    raise OutcomeUnknown(
        f"Penerima webhook tidak dapat memastikan ({response.status_code}).",
        http_status=response.status_code,
    )


def _retry_after(response: requests.Response) -> float | None:
    try:
        return float(response.headers["Retry-After"])
    except (KeyError, ValueError):
        return None
