"""Telegram channel (Bot API): ``sendMessage``, or ``sendPhoto`` / ``sendMediaGroup`` with
images. Same copy, two ceilings: 4,096 characters without media, 1,024 as a caption."""

from ..models.accounts import Network
from .base import Draft

NETWORK = Network.TELEGRAM
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
