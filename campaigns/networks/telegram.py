"""Telegram channel (Bot API): ``sendMessage``, or ``sendPhoto`` / ``sendMediaGroup`` with
images. Same copy, two ceilings: 4,096 characters without media, 1,024 as a caption.

The bot token is part of every URL (``/bot<token>/<method>``), so no URL ever goes into a
message or a log line. The Bot API cannot read a channel's history, so an unknown outcome
cannot be reconciled here: a person checks the channel.
"""

import time
from typing import Any

import requests
from django.conf import settings

from ..models.accounts import Network
from .base import (
    DeliveryError,
    Draft,
    ErrorDetails,
    OutcomeUnknown,
    Outgoing,
    Published,
    Reconnect,
    Rejected,
    RetryLater,
)
from .http import json_or_empty, send

NETWORK = Network.TELEGRAM
# The Bot API cannot read a channel back: an unknown outcome goes straight to a person.
CAN_READ_BACK = False
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_IMAGES = 10


def compose_text(text: str, link: str) -> str:
    text = text.strip()
    return f"{text}\n\n{link}" if link and link not in text else text


def validate(draft: Draft) -> list[str]:
    text = compose_text(draft.text, draft.link)
    errors = []
    if not text and not draft.image_count:
        errors.append("Telegram: tulis teks atau pilih gambar.")
    if draft.image_count and len(text) > MAX_CAPTION:
        errors.append(
            f"Telegram: keterangan gambar {len(text)} karakter, batasnya {MAX_CAPTION} "
            f"(tanpa gambar {MAX_TEXT})."
        )
    elif len(text) > MAX_TEXT:
        errors.append(f"Telegram: pesan {len(text)} karakter, batasnya {MAX_TEXT}.")
    if draft.image_count > MAX_IMAGES:
        errors.append(f"Telegram: paling banyak {MAX_IMAGES} gambar.")
    return errors


def publish(outgoing: Outgoing, http: requests.Session) -> Published:
    chat = outgoing.external_id
    images = outgoing.images
    payload: dict[str, Any]
    if not images:
        method, payload = "sendMessage", {"chat_id": chat, "text": outgoing.text}
    elif len(images) == 1:
        payload = {"chat_id": chat, "photo": images[0].url}
        method, payload = "sendPhoto", payload | _caption(outgoing.text)
    else:
        media = [{"type": "photo", "media": image.url} for image in images]
        media[0] |= _caption(outgoing.text)
        method, payload = "sendMediaGroup", {"chat_id": chat, "media": media}
    outgoing.save_state(sent_at=time.time())  # and the dispatcher checks its claim first
    result = _call(outgoing, http, method, payload)
    message = result[0] if isinstance(result, list) and result else result
    message = message if isinstance(message, dict) else {}
    message_id = str(message.get("message_id") or "")
    return Published(remote_id=message_id, permalink=permalink_for(chat, message, message_id))


def reconcile(outgoing: Outgoing, http: requests.Session) -> Published | None:
    raise OutcomeUnknown(
        "Telegram tidak menyediakan cara membaca ulang kanal: periksa kanal secara manual, "
        "lalu tandai terbit atau kirim ulang."
    )


def permalink_for(chat: str, message: dict[str, Any], message_id: str) -> str:
    """``t.me/<channel>/<id>`` for a public channel; ``t.me/c/…`` (members only) otherwise."""
    if not message_id:
        return ""
    username = chat[1:] if chat.startswith("@") else (message.get("chat") or {}).get("username")
    if username:
        return f"https://t.me/{username}/{message_id}"
    if chat.startswith("-100"):
        return f"https://t.me/c/{chat[4:]}/{message_id}"
    return ""


def _caption(text: str) -> dict[str, str]:
    return {"caption": text} if text else {}


def _call(outgoing: Outgoing, http: requests.Session, method: str, payload: dict[str, Any]) -> Any:
    token = outgoing.credentials.get("bot_token", "")
    url = f"{settings.TELEGRAM_API_URL}/bot{token}/{method}"
    response = send(http, "POST", url, json=payload)
    body = json_or_empty(response)
    if response.ok and body.get("ok"):
        return body.get("result")
    raise error_for(response, body, token)


def error_for(response: requests.Response, body: dict[str, Any], token: str) -> DeliveryError:
    """Read ``{"ok": false, "error_code", "description", "parameters"}``."""
    code = int(body.get("error_code") or response.status_code)
    said = str(body.get("description") or response.reason or "")[:300]
    said = said.replace(token, "***") if token else said
    parameters = body.get("parameters") or {}
    common: ErrorDetails = {"http_status": response.status_code, "code": str(code)}
    if parameters.get("migrate_to_chat_id"):
        return Rejected(
            f"Grup Telegram ini sudah pindah ke ID {parameters['migrate_to_chat_id']}; "
            f"perbarui ID di pengaturan akun. ({said})",
            **common,
        )
    if code == 429:
        return RetryLater(
            f"Telegram meminta jeda pengiriman; dicoba lagi nanti. ({said})",
            wait_seconds=parameters.get("retry_after"),
            **common,
        )
    if code in (401, 403):
        return Reconnect(
            "Bot Telegram tidak diizinkan mengirim (token salah, bot dikeluarkan, atau bukan "
            f"admin kanal); hubungkan ulang akun. ({said})",
            **common,
        )
    if code >= 500:
        return OutcomeUnknown(
            f"Telegram mengalami gangguan ({response.status_code}); belum pasti apakah pesan "
            "terkirim. Periksa kanal.",
            **common,
        )
    if "chat not found" in said.lower():
        return Rejected(
            "Kanal Telegram tidak ditemukan: periksa ID kanal dan pastikan bot menjadi admin. "
            f"({said})",
            **common,
        )
    return Rejected(f"Telegram menolak pesan: {said}", **common)
