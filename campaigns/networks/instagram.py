"""Instagram (Graph API content publishing): container → status → publish.

Rules: an image is required (sent as a JPEG rendition), caption ≤ 2,200 characters,
≤ 30 hashtags, ≤ 20 @-mentions. Links in captions are not clickable, so the link is not
appended ("link in bio" is the office's habit).
"""

from ..models.accounts import Network
from .base import Draft, count_hashtags, count_mentions

NETWORK = Network.INSTAGRAM
MAX_CAPTION = 2200
MAX_HASHTAGS = 30
MAX_MENTIONS = 20
MAX_IMAGES = 10  # a carousel


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
