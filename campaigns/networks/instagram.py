"""Instagram (Graph API content publishing): container → status → publish.

Rules: an image is required (sent as a JPEG rendition), caption ≤ 2,200 characters,
≤ 30 hashtags, ≤ 20 @-mentions. Links in captions are not clickable, so the link is not
appended ("link in bio" is the office's habit).

Exactly once: a container can be published only once, so its id is saved the moment it
exists and every later run (a retry, a resumed crash, a reconcile) works on that same
container. Reading its ``status_code`` tells whether it was published.
"""

from typing import TYPE_CHECKING, Any

import requests

from ..models.accounts import Network
from . import graph, read_back
from .base import (
    DeliveryError,
    Draft,
    OutcomeUnknown,
    Outgoing,
    Published,
    Rejected,
    RetryLater,
    WaitForQuota,
    count_hashtags,
    count_mentions,
)
from .http import json_or_empty

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

NETWORK = Network.INSTAGRAM
PLATFORM = "Instagram"
MAX_CAPTION = 2200
MAX_HASHTAGS = 30
MAX_MENTIONS = 20
MAX_IMAGES = 10  # a carousel
MIN_ASPECT, MAX_ASPECT = 4 / 5, 1.91
SAFE_MIN_ASPECT, SAFE_MAX_ASPECT = 0.81, 1.9  # margins for rounding when resizing
PROCESSING_WAIT_SECONDS = 60
# Media errors that a fresh container cures: download timed out, container expired.
NEW_CONTAINER_SUBCODES = {2207003, 2207020}
NOT_READY_SUBCODE = 2207027  # "media is not ready for publishing"
READ_BACK_PAGE_SIZE = 100


def compose_text(text: str, link: str) -> str:
    return text.strip()


def validate(draft: Draft) -> list[str]:
    errors = []
    caption = compose_text(draft.text, draft.link)
    if draft.image_count == 0:
        errors.append("Instagram: wajib ada minimal satu gambar.")
    if draft.image_count > MAX_IMAGES:
        errors.append(f"Instagram: paling banyak {MAX_IMAGES} gambar (carousel).")
    if len(caption) > MAX_CAPTION:
        errors.append(f"Instagram: keterangan {len(caption)} karakter, batasnya {MAX_CAPTION}.")
    if (hashtags := count_hashtags(caption)) > MAX_HASHTAGS:
        errors.append(f"Instagram: {hashtags} tagar, batasnya {MAX_HASHTAGS}.")
    if (mentions := count_mentions(caption)) > MAX_MENTIONS:
        errors.append(f"Instagram: {mentions} sebutan @akun, batasnya {MAX_MENTIONS}.")
    return errors


def rendition_spec(image: "AbstractImage") -> str:
    """A Wagtail filter that keeps the aspect ratio inside Instagram's 4:5 … 1.91:1. Images
    outside, or so close to an edge that resizing could round them over it, are cropped
    (around the focal point) a little inside that edge, to a size no larger than the
    original so the crop is exact; the others are only shrunk."""
    width, height = image.width or 1, image.height or 1
    aspect = width / height
    if aspect < SAFE_MIN_ASPECT:  # tall
        crop_width = min(width, 1080)
        return f"fill-{crop_width}x{int(crop_width / SAFE_MIN_ASPECT)}"
    if aspect > SAFE_MAX_ASPECT:  # wide
        crop_height = min(height, 756)
        return f"fill-{int(crop_height * SAFE_MAX_ASPECT)}x{crop_height}"
    return "max-1440x1440"


def publish(outgoing: Outgoing, http: requests.Session) -> Published:
    if not outgoing.images:
        raise Rejected("Instagram: wajib ada minimal satu gambar.")
    token = outgoing.credentials.get("access_token", "")
    container = outgoing.state.get("container_id")
    if container:
        status = _status(http, container, token)
        if status == "PUBLISHED":
            return _published_media(outgoing, http, container, token)
        _ensure_finished(outgoing, container, status)
    else:
        _check_quota(outgoing, http, token)
        container = _create_container(outgoing, http, token)
        _ensure_finished(outgoing, container, _status(http, container, token))
    return _publish_container(outgoing, http, container, token)


def reconcile(outgoing: Outgoing, http: requests.Session) -> Published | None:
    """Read the container back. Only ``PUBLISHED`` means it is on Instagram; any other
    status means it was not published (a container publishes once), so ``publish`` may go
    on with the same container without risking a second post."""
    container = outgoing.state.get("container_id")
    if not container:
        return None  # no container was ever recorded: nothing can have been published
    token = outgoing.credentials.get("access_token", "")
    try:
        if _status(http, container, token) == "PUBLISHED":
            return _published_media(outgoing, http, container, token)
    except (RetryLater, Rejected) as error:  # only "reconnect" or "not sure yet" from here
        raise OutcomeUnknown(f"Belum dapat memeriksa Instagram: {error.message}") from None
    return None


def _check_quota(outgoing: Outgoing, http: requests.Session, token: str) -> None:
    response = graph.get(
        http,
        f"{outgoing.external_id}/content_publishing_limit",
        token,
        fields="quota_usage,config",
    )
    if not response.ok:
        raise graph.error_for(response, platform=PLATFORM, may_have_published=False, token=token)
    rows = json_or_empty(response).get("data") or [{}]
    usage = rows[0].get("quota_usage")
    config = rows[0].get("config") or {}
    total = config.get("quota_total")
    if isinstance(usage, int) and isinstance(total, int) and usage >= total:
        window = config.get("quota_duration") or 86_400
        raise WaitForQuota(
            f"Kuota unggahan Instagram habis ({usage} dari {total} dalam "
            f"{window // 3600} jam terakhir); menunggu kuota pulih.",
            wait_seconds=min(graph.QUOTA_WAIT_SECONDS, window),
            code="quota",
        )


def _create_container(outgoing: Outgoing, http: requests.Session, token: str) -> str:
    """One container for one image; for a carousel, child containers first (saved as they
    are made, so a resumed run reuses them), then the CAROUSEL container."""
    ig_user = outgoing.external_id
    if len(outgoing.images) == 1:
        image = outgoing.images[0]
        fields = {"image_url": image.url, "caption": outgoing.text, "alt_text": image.alt_text}
    else:
        children = list(outgoing.state.get("children") or [])
        for image in outgoing.images[len(children) :]:
            children.append(
                _create(
                    http,
                    ig_user,
                    token,
                    image_url=image.url,
                    is_carousel_item="true",
                    alt_text=image.alt_text,
                )
            )
            outgoing.save_state(children=children)
        for child in children:
            _ensure_finished(outgoing, child, _status(http, child, token), child=True)
        fields = {
            "media_type": "CAROUSEL",
            "children": ",".join(children),
            "caption": outgoing.text,
        }
    container = _create(http, ig_user, token, **fields)
    outgoing.save_state(container_id=container, publishing=False)
    return container


def _create(http: requests.Session, ig_user: str, token: str, **fields: Any) -> str:
    response = graph.post(http, f"{ig_user}/media", token, **fields)
    if not response.ok:
        # Nothing is public before media_publish: a 5xx here is safe to retry.
        raise graph.error_for(response, platform=PLATFORM, may_have_published=False, token=token)
    container = str(json_or_empty(response).get("id") or "")
    if not container:
        raise RetryLater("Instagram tidak mengembalikan ID kontainer; dicoba lagi nanti.")
    return container


def _status(http: requests.Session, container: str, token: str) -> str:
    response = graph.get(http, container, token, fields="status_code,status")
    if not response.ok:
        raise graph.error_for(response, platform=PLATFORM, may_have_published=False, token=token)
    answer = json_or_empty(response)
    return str(answer.get("status_code") or "")


def _ensure_finished(
    outgoing: Outgoing, container: str, status: str, *, child: bool = False
) -> None:
    """FINISHED goes on; anything else waits, starts over or stops, in plain words."""
    if status == "FINISHED":
        return
    if status in ("", "IN_PROGRESS"):
        raise WaitForQuota(
            "Instagram masih memproses gambar; dicek lagi sebentar lagi.",
            wait_seconds=PROCESSING_WAIT_SECONDS,
            code="in_progress",
        )
    _forget_containers(outgoing)
    if status == "EXPIRED":
        raise RetryLater(
            "Kontainer Instagram kedaluwarsa (lebih dari 24 jam); dibuat ulang.",
            wait_seconds=1,
            code="expired",
        )
    what = "salah satu gambar carousel" if child else "gambar"
    raise Rejected(
        f"Instagram gagal memproses {what} (status {status}). Pastikan gambar JPEG, "
        "≤ 8 MB, rasio 4:5 sampai 1,91:1, dan dapat diunduh dari alamat publik situs.",
        code=status.lower(),
    )


def _publish_container(
    outgoing: Outgoing, http: requests.Session, container: str, token: str
) -> Published:
    outgoing.save_state(publishing=True)
    response = graph.post(
        http, f"{outgoing.external_id}/media_publish", token, creation_id=container
    )
    if not response.ok:
        error = graph.error_for(response, platform=PLATFORM, may_have_published=True, token=token)
        if isinstance(error, Rejected):
            # A container publishes once: if it already did (a lost answer), that is success.
            if _status_or_blank(http, container, token) == "PUBLISHED":
                return _published_media(outgoing, http, container, token)
            subcode = graph.subcode(response)
            if subcode == NOT_READY_SUBCODE:
                raise WaitForQuota(
                    "Instagram belum selesai memproses gambar; dicek lagi sebentar lagi.",
                    wait_seconds=PROCESSING_WAIT_SECONDS,
                    code=error.code,
                ) from None
            if subcode in NEW_CONTAINER_SUBCODES:
                _forget_containers(outgoing)
                raise RetryLater(
                    f"{error.message} Kontainer baru akan dibuat.", code=error.code
                ) from None
        raise error
    media = str(json_or_empty(response).get("id") or "")
    outgoing.save_state(media_id=media)
    return Published(remote_id=media, permalink=_permalink(http, media, token))


def _published_media(
    outgoing: Outgoing, http: requests.Session, container: str, token: str
) -> Published:
    """The media a PUBLISHED container became: from state when the answer arrived, else
    found among the media posted since the attempt began, by its caption."""
    media = outgoing.state.get("media_id")
    if media:
        return Published(remote_id=media, permalink=_permalink(http, media, token))
    found = _find_media(outgoing, http, token)
    # Published for certain, but not found by caption: keep the container id as reference.
    return found or Published(remote_id=container)


def _find_media(outgoing: Outgoing, http: requests.Session, token: str) -> Published | None:
    """The account's media since the attempt began (``since`` and paging), by caption."""
    not_before = read_back.since(outgoing)
    budget = read_back.Budget(PLATFORM)
    params = {
        "fields": "id,caption,permalink,timestamp",
        "since": int(not_before),
        "limit": READ_BACK_PAGE_SIZE,
    }
    while True:
        try:
            response = graph.get(http, f"{outgoing.external_id}/media", token, **params)
        except DeliveryError:
            return None
        if not response.ok:
            return None
        answer = json_or_empty(response)
        for item in answer.get("data") or []:
            if (item.get("caption") or "").strip() == outgoing.text.strip():
                return Published(remote_id=str(item["id"]), permalink=item.get("permalink", ""))
        after = ((answer.get("paging") or {}).get("cursors") or {}).get("after")
        if not after or not (answer.get("paging") or {}).get("next"):
            return None
        try:
            budget.spend()
        except OutcomeUnknown:
            return None
        params = {**params, "after": after}


def _permalink(http: requests.Session, media: str, token: str) -> str:
    """Nice to have: a failure here must not turn a published post into an error."""
    try:
        response = graph.get(http, media, token, fields="permalink")
    except DeliveryError:
        return ""
    return str(json_or_empty(response).get("permalink") or "") if response.ok else ""


def _status_or_blank(http: requests.Session, container: str, token: str) -> str:
    try:
        return _status(http, container, token)
    except DeliveryError:
        return ""


def _forget_containers(outgoing: Outgoing) -> None:
    outgoing.save_state(container_id=None, children=[], publishing=False)
