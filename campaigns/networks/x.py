"""X (API v2): ``POST /2/tweets``, images through the media upload endpoint.

280 *weighted* characters counted by twitter-text (every URL is 23; CJK and most emoji
weigh 2), at most 4 images. The link is appended to the text.
"""

from twitter_text import parse_tweet

from ..models.accounts import Network
from .base import Draft

NETWORK = Network.X
MAX_WEIGHTED = 280
MAX_IMAGES = 4


def compose_text(text: str, link: str) -> str:
    text = text.strip()
    return f"{text}\n\n{link}" if link and link not in text else text


def weighted_length(text: str) -> int:
    return parse_tweet(text).weightedLength


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
