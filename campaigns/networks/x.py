"""X (API v2): ``POST /2/tweets``, images through the media upload endpoint.

280 *weighted* characters counted by twitter-text (every URL is 23; CJK and most emoji
weigh 2), at most 4 images. The link is appended to the text.

Images use the one-shot ``POST /2/media/upload`` (multipart ``media`` + ``media_category``):
our renditions are JPEGs well under the 5 MB image limit, so the chunked INIT/APPEND/
FINALIZE flow (needed for video) is not used. The bytes are fetched from the public rendition
URL; alt text follows through ``POST /2/media/metadata``. Nothing is public until the tweet
is created, so every failure before that is safe to retry.
"""

import html
import re
import time
import warnings
from datetime import UTC, datetime
from typing import Any

import requests
from django.conf import settings

from ..models.accounts import Network
from . import read_back
from .base import (
    DeliveryError,
    Draft,
    OutcomeUnknown,
    Outgoing,
    OutgoingImage,
    Published,
    Reconnect,
    Rejected,
    RetryLater,
)
from .http import json_or_empty, send

with warnings.catch_warnings():
    # twitter-text-parser imports pkg_resources (setuptools is pinned below 81 for it): keep
    # its deprecation warning out of every process's log.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    from twitter_text import parse_tweet

NETWORK = Network.X
MAX_WEIGHTED = 280
MAX_IMAGES = 4
MAX_ALT_TEXT = 1000
MEDIA_REUSE_SECONDS = 12 * 3600  # uploads expire after 24 h; reuse only fresh ones
RATE_LIMIT_WAIT_SECONDS = 900  # a 15-minute window, when no reset header came
READ_BACK_PAGE_SIZE = 100
URL_PATTERN = re.compile(r"https?://\S+")


def compose_text(text: str, link: str) -> str:
    text = text.strip()
    return f"{text}\n\n{link}" if link and link not in text else text


def weighted_length(text: str) -> int:
    length: int = parse_tweet(text).weightedLength
    return length


def validate(draft: Draft) -> list[str]:
    text = compose_text(draft.text, draft.link)
    errors = []
    if not text:
        errors.append("X: teks tidak boleh kosong.")
    if (length := weighted_length(text)) > MAX_WEIGHTED:
        errors.append(
            f"X: {length} karakter berbobot (tautan dihitung 23, emoji 2), batasnya {MAX_WEIGHTED}."
        )
    if draft.image_count > MAX_IMAGES:
        errors.append(f"X: paling banyak {MAX_IMAGES} gambar.")
    return errors


def permalink_for(tweet_id: str) -> str:
    return f"https://x.com/i/web/status/{tweet_id}"


def publish(outgoing: Outgoing, http: requests.Session) -> Published:
    headers = _auth(outgoing)
    body: dict[str, Any] = {"text": outgoing.text}
    if outgoing.images:
        body["media"] = {"media_ids": _upload_images(outgoing, http, headers)}
    sent_before = float(outgoing.state.get("sent_at") or 0)
    outgoing.save_state(sent_at=time.time())
    response = send(http, "POST", _url("/2/tweets"), json=body, headers=headers)
    if response.status_code in (200, 201):
        tweet_id = str((json_or_empty(response).get("data") or {}).get("id") or "")
        return Published(remote_id=tweet_id, permalink=permalink_for(tweet_id))
    error = error_for(response, outgoing, may_have_published=True)
    if error.code == "duplicate" and sent_before:
        # Sent again after an earlier try: "duplicate" may well be our own earlier post.
        return _earlier_copy(outgoing, http, sent_before, error)
    raise error


def _earlier_copy(
    outgoing: Outgoing, http: requests.Session, sent_before: float, refusal: DeliveryError
) -> Published:
    """X refused the words as a duplicate after an earlier try of this delivery: find that
    earlier post (it is ours) and record it. Not found, the refusal stands; unreadable, the
    outcome stays unknown — never "failed, change the text" for a post that is live."""
    try:
        found = _find(outgoing, http, sent_before - read_back.CLOCK_SLACK_SECONDS)
    except (RetryLater, Rejected) as error:
        raise OutcomeUnknown(
            f"X menolak teks yang sama dengan percobaan sebelumnya, dan belum dapat "
            f"memeriksanya: {error.message}"
        ) from None
    if found is None:
        raise refusal
    return found


def reconcile(outgoing: Outgoing, http: requests.Session) -> Published | None:
    """Read every post on the account since the attempt began (``start_time`` and
    ``pagination_token``) and recognise ours by its words (X shortens links to t.co and
    escapes ``&<>``, so those are set aside when comparing)."""
    try:
        return _find(outgoing, http, read_back.since(outgoing))
    except (RetryLater, Rejected) as error:  # only "reconnect" or "not sure yet" from here
        raise OutcomeUnknown(f"Belum dapat memeriksa X: {error.message}") from None


def _find(outgoing: Outgoing, http: requests.Session, not_before: float) -> Published | None:
    headers = _auth(outgoing)
    me = _read(outgoing, http, "/2/users/me", headers, {})
    user_id = (me.get("data") or {}).get("id")
    expected = normalise(outgoing.text)
    budget = read_back.Budget("X")
    params = {
        "max_results": READ_BACK_PAGE_SIZE,
        "tweet.fields": "created_at",
        "start_time": datetime.fromtimestamp(not_before, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    while True:
        timeline = _read(outgoing, http, f"/2/users/{user_id}/tweets", headers, params)
        for tweet in timeline.get("data") or []:
            if normalise(tweet.get("text", "")) != expected:
                continue
            if _timestamp(tweet.get("created_at")) < not_before:
                continue
            tweet_id = str(tweet["id"])
            return Published(remote_id=tweet_id, permalink=permalink_for(tweet_id))
        following = (timeline.get("meta") or {}).get("next_token")
        if not following:
            return None  # every post since the attempt began was read: it is not there
        budget.spend()
        params = {**params, "pagination_token": following}


def normalise(text: str) -> str:
    return " ".join(URL_PATTERN.sub(" ", html.unescape(text)).split())


def error_for(
    response: requests.Response, outgoing: Outgoing, *, may_have_published: bool
) -> DeliveryError:
    status = response.status_code
    said = _reason(response, outgoing)
    if status == 401:
        return Reconnect(
            f"X menolak token akun (401); hubungkan ulang akun. {said}".strip(), http_status=401
        )
    if status == 429:
        return RetryLater(
            "Batas permintaan X tercapai; dicoba lagi setelah batas dipulihkan.",
            wait_seconds=_until_reset(response),
            http_status=429,
            code="rate_limit",
        )
    if status >= 500:
        if may_have_published:
            return OutcomeUnknown(
                f"X mengalami gangguan ({status}) setelah menerima permintaan; belum pasti "
                "apakah unggahan terbit.",
                http_status=status,
            )
        return RetryLater(f"X sedang gangguan ({status}); dicoba lagi nanti.", http_status=status)
    if status == 403 and "duplicate" in said.lower():
        return Rejected(
            f"X menolak teks yang sama persis dengan unggahan sebelumnya; ubah teksnya. ({said})",
            http_status=403,
            code="duplicate",
        )
    return Rejected(f"X menolak unggahan ({status}): {said}".rstrip(": "), http_status=status)


def _upload_images(
    outgoing: Outgoing, http: requests.Session, headers: dict[str, str]
) -> list[str]:
    """Upload each image once; ids are saved as they come, so a resumed run reuses them."""
    fresh = time.time() - float(outgoing.state.get("media_uploaded_at") or 0) < MEDIA_REUSE_SECONDS
    media_ids = list(outgoing.state.get("media_ids") or []) if fresh else []
    for image in outgoing.images[len(media_ids) :]:
        try:
            media_id = _upload_one(outgoing, http, headers, image)
        except OutcomeUnknown as error:  # an upload is private: retrying it is harmless
            raise RetryLater(error.message) from None
        media_ids.append(media_id)
        outgoing.save_state(media_ids=media_ids, media_uploaded_at=time.time())
    return media_ids


def _upload_one(
    outgoing: Outgoing, http: requests.Session, headers: dict[str, str], image: OutgoingImage
) -> str:
    picture = send(http, "GET", image.url)
    if not picture.ok:
        raise RetryLater(
            f"Gambar tidak dapat diambil dari alamat publik situs (HTTP {picture.status_code}); "
            "dicoba lagi nanti.",
            http_status=picture.status_code,
        )
    response = send(
        http,
        "POST",
        _url("/2/media/upload"),
        headers=headers,
        data={"media_category": "tweet_image"},
        files={"media": ("foto.jpg", picture.content, "image/jpeg")},
    )
    if not response.ok:
        raise error_for(response, outgoing, may_have_published=False)
    media_id = str((json_or_empty(response).get("data") or {}).get("id") or "")
    if not media_id:
        raise RetryLater("X tidak mengembalikan ID media; dicoba lagi nanti.")
    if image.alt_text:
        described = send(
            http,
            "POST",
            _url("/2/media/metadata"),
            headers=headers,
            json={
                "id": media_id,
                "metadata": {"alt_text": {"text": image.alt_text[:MAX_ALT_TEXT]}},
            },
        )
        if not described.ok:
            raise error_for(described, outgoing, may_have_published=False)
    return media_id


def refresh_credentials(credentials: dict[str, Any], http: requests.Session) -> dict[str, Any]:
    """Trade the stored refresh token for a new access token *and* a new refresh token (X
    rotates it: the old one stops working). Refused, the account must be reconnected;
    unreachable, nothing was published and the delivery simply waits."""
    refresh_token = credentials.get("refresh_token", "")
    if not refresh_token or not settings.X_CLIENT_ID:
        raise Reconnect(
            "Token X kedaluwarsa dan tidak dapat diperbarui otomatis (tidak ada refresh token "
            "atau X_CLIENT_ID); hubungkan ulang akun.",
            http_status=401,
        )
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": settings.X_CLIENT_ID,
    }
    auth = (settings.X_CLIENT_ID, settings.X_CLIENT_SECRET) if settings.X_CLIENT_SECRET else None
    try:
        response = send(http, "POST", _url("/2/oauth2/token"), data=form, auth=auth)
    except OutcomeUnknown as error:  # the old refresh token may be spent: try it once more
        raise RetryLater(f"Pembaruan token X tidak terjawab: {error.message}") from None
    body = json_or_empty(response)
    if response.status_code >= 500 or response.status_code == 429:
        raise RetryLater(
            f"X gagal memperbarui token ({response.status_code}); dicoba lagi nanti.",
            wait_seconds=_until_reset(response) if response.status_code == 429 else None,
            http_status=response.status_code,
        )
    if not response.ok or not body.get("access_token"):
        said = str(body.get("error_description") or body.get("error") or "")[:200]
        said = said.replace(refresh_token, "***").rstrip(".")
        raise Reconnect(
            f"X menolak memperbarui token ({response.status_code}): {said}. Hubungkan ulang akun.",
            http_status=response.status_code,
            code="refresh_refused",
        )
    fresh = {"access_token": body["access_token"], "refresh_token": body.get("refresh_token", "")}
    if expires_in := body.get("expires_in"):
        fresh["expires_at"] = int(time.time() + float(expires_in))
    return fresh


def _read(
    outgoing: Outgoing,
    http: requests.Session,
    path: str,
    headers: dict[str, str],
    params: dict[str, Any],
) -> dict[str, Any]:
    response = send(http, "GET", _url(path), headers=headers, params=params)
    if not response.ok:
        raise error_for(response, outgoing, may_have_published=False)
    return json_or_empty(response)


def _auth(outgoing: Outgoing) -> dict[str, str]:
    return {"Authorization": f"Bearer {outgoing.credentials.get('access_token', '')}"}


def _url(path: str) -> str:
    return f"{settings.X_API_URL}{path}"


def _reason(response: requests.Response, outgoing: Outgoing) -> str:
    """The platform's own words: a problem's ``detail``, or the first error's message."""
    body = json_or_empty(response)
    errors = body.get("errors") or [{}]
    first = errors[0] if isinstance(errors, list) and isinstance(errors[0], dict) else {}
    said = str(body.get("detail") or first.get("message") or first.get("detail") or "")[:300]
    token = outgoing.credentials.get("access_token", "")
    return said.replace(token, "***") if token else said


def _until_reset(response: requests.Response) -> float:
    try:
        return max(1.0, float(response.headers["x-rate-limit-reset"]) - time.time())
    except (KeyError, ValueError):
        return RATE_LIMIT_WAIT_SECONDS


def _timestamp(value: object) -> float:
    try:
        return datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return float("inf")
