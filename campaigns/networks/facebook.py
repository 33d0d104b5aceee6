"""Facebook Page (Graph API): ``/{page-id}/feed`` for text and link, ``/{page-id}/photos``
for images. Text up to 63,206 characters; the link travels as the ``link`` field.

A photo post has no ``link`` field, so there the link is added to the caption. Several
photos are uploaded unpublished first (nothing public yet, safe to retry), then one ``/feed``
post attaches them. After an unknown outcome the Page's recent posts are read back and the
post is recognised by its exact text, posted no earlier than the moment we sent it; every
post since then is read (by time and paging, never a fixed count).
"""

import json
import time
from datetime import datetime
from typing import Any

import requests

from ..models.accounts import Network
from . import graph, read_back
from .base import Draft, OutcomeUnknown, Outgoing, Published, Rejected, RetryLater
from .http import json_or_empty, send

NETWORK = Network.FACEBOOK
PLATFORM = "Facebook"
MAX_TEXT = 63_206
READ_BACK_PAGE_SIZE = 100


def compose_text(text: str, link: str) -> str:
    return text.strip()


def validate(draft: Draft) -> list[str]:
    text = compose_text(draft.text, draft.link)
    errors = []
    if not text and not draft.link and not draft.image_count:
        errors.append("Facebook: tulis teks, tautan, atau pilih gambar.")
    if len(text) > MAX_TEXT:
        errors.append(f"Facebook: teks {len(text):,} karakter, batasnya {MAX_TEXT:,}.")
    return errors


def message_for(outgoing: Outgoing) -> str:
    """The words as they appear on the Page: with images, the link joins the caption."""
    text, link = outgoing.text, outgoing.link
    if outgoing.images and link and link not in text:
        return f"{text}\n\n{link}".strip()
    return text


def permalink_for(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


def publish(outgoing: Outgoing, http: requests.Session) -> Published:
    token = outgoing.credentials.get("access_token", "")
    page = outgoing.external_id
    message = message_for(outgoing)
    if not outgoing.images:
        fields = {"message": message, **({"link": outgoing.link} if outgoing.link else {})}
        answer = _publishing_post(outgoing, http, f"{page}/feed", token, fields)
        post_id = str(answer.get("id") or "")
    elif len(outgoing.images) == 1:
        fields = {"url": outgoing.images[0].url, "caption": message}
        answer = _publishing_post(outgoing, http, f"{page}/photos", token, fields)
        post_id = str(answer.get("post_id") or answer.get("id") or "")
    else:
        fields = {"message": message}
        for index, photo in enumerate(_upload_unpublished(outgoing, http, token)):
            fields[f"attached_media[{index}]"] = json.dumps({"media_fbid": photo})
        answer = _publishing_post(outgoing, http, f"{page}/feed", token, fields)
        post_id = str(answer.get("id") or "")
    return Published(remote_id=post_id, permalink=permalink_for(post_id) if post_id else "")


def reconcile(outgoing: Outgoing, http: requests.Session) -> Published | None:
    """Read every post on the Page since the attempt began (``since`` and ``paging.next``),
    however many went out since, and recognise ours by its exact text."""
    token = outgoing.credentials.get("access_token", "")
    not_before = read_back.since(outgoing)
    expected = message_for(outgoing).strip()
    budget = read_back.Budget(PLATFORM)
    response = graph.get(
        http,
        f"{outgoing.external_id}/posts",
        token,
        fields="id,message,permalink_url,created_time",
        since=int(not_before),
        limit=READ_BACK_PAGE_SIZE,
    )
    while True:
        if not response.ok:
            error = graph.error_for(
                response, platform=PLATFORM, may_have_published=False, token=token
            )
            if isinstance(error, (RetryLater, Rejected)):  # only "reconnect" or "not sure yet"
                raise OutcomeUnknown(f"Belum dapat memeriksa Facebook: {error.message}") from None
            raise error
        answer = json_or_empty(response)
        for item in answer.get("data") or []:
            if (item.get("message") or "").strip() != expected:
                continue
            if _timestamp(item.get("created_time")) < not_before:
                continue  # the same words posted earlier (a repeat campaign), not this delivery
            post_id = str(item["id"])
            return Published(post_id, item.get("permalink_url") or permalink_for(post_id))
        following = (answer.get("paging") or {}).get("next")
        if not following:
            return None  # every post since the attempt began was read: it is not there
        if not str(following).startswith(graph.url("")):
            raise OutcomeUnknown("Facebook memberi alamat halaman berikut yang tidak dikenal.")
        budget.spend()
        response = send(http, "GET", following)


def _publishing_post(
    outgoing: Outgoing, http: requests.Session, path: str, token: str, fields: dict[str, Any]
) -> dict[str, Any]:
    """The request that makes the post public: its moment is saved first, for reconcile."""
    outgoing.save_state(sent_at=time.time())
    response = graph.post(http, path, token, **fields)
    if not response.ok:
        raise graph.error_for(response, platform=PLATFORM, may_have_published=True, token=token)
    return json_or_empty(response)


def _upload_unpublished(outgoing: Outgoing, http: requests.Session, token: str) -> list[str]:
    """Each image as an unpublished photo, saved as it is made so a resumed run reuses it."""
    photos = list(outgoing.state.get("photo_ids") or [])
    for image in outgoing.images[len(photos) :]:
        response = graph.post(
            http, f"{outgoing.external_id}/photos", token, url=image.url, published="false"
        )
        if not response.ok:
            raise graph.error_for(
                response, platform=PLATFORM, may_have_published=False, token=token
            )
        photo = str(json_or_empty(response).get("id") or "")
        if not photo:
            raise RetryLater("Facebook tidak mengembalikan ID foto; dicoba lagi nanti.")
        photos.append(photo)
        outgoing.save_state(photo_ids=photos)
    return photos


def _timestamp(value: object) -> float:
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return float("inf")  # unknown time: do not rule the post out
