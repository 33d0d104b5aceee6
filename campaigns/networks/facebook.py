"""Facebook Page (Graph API): ``/{page-id}/feed`` for text and link, ``/{page-id}/photos``
for images. Text up to 63,206 characters; the link travels as the ``link`` field."""

from ..models.accounts import Network
from .base import Draft

NETWORK = Network.FACEBOOK
MAX_TEXT = 63_206


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
