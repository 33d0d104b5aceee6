"""Which keyword rules a news item matches, and one spelling per article URL.

Matching is case-insensitive and on whole phrases: "Tangerang LIVE" matches "TANGERANG live!"
and "tangerang  live" but not "TangerangLIVEly". Accents, punctuation and runs of spaces are
folded away first, so an outlet's typography does not hide a mention. URLs are normalised
before storing, so an item seen again with other tracking parameters is the same clipping.
"""

import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.html import strip_tags

from ..models import KeywordRule

_NOT_WORD = re.compile(r"[\W_]+")
_TRACKING_PARAMS = {"fbclid"}


def normalise_text(text: str) -> str:
    """Lower-case words separated by single spaces; accents, markup and punctuation gone."""
    plain = html.unescape(strip_tags(text or ""))
    decomposed = unicodedata.normalize("NFKD", plain)
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", without_marks.casefold()).split())


class KeywordMatcher:
    """The active rules, normalised once per poll. A rule may name words that cancel a match
    when they follow the phrase ("Kota Tangerang" but not "Kota Tangerang Selatan")."""

    def __init__(self, phrases: Iterable[str | tuple[str, str]]):
        self.rules = []
        for rule in phrases:
            phrase, not_followed_by = rule if isinstance(rule, tuple) else (rule, "")
            normalised = normalise_text(phrase)
            if not normalised:
                continue
            exceptions = [w for part in not_followed_by.split(",") if (w := normalise_text(part))]
            self.rules.append((phrase, normalised, exceptions))

    @classmethod
    def from_rules(cls) -> "KeywordMatcher":
        rules = KeywordRule.objects.filter(is_active=True).values_list("phrase", "not_followed_by")
        return cls(list(rules))

    def matches(self, title: str, summary: str = "") -> list[str]:
        """The phrases (as the analyst wrote them) found in the title or the summary."""
        padded = f" {normalise_text(title)} {normalise_text(summary)} "
        return [
            phrase
            for phrase, normalised, exceptions in self.rules
            if _found(padded, normalised, exceptions)
        ]


def _found(padded: str, phrase: str, exceptions: list[str]) -> bool:
    """``phrase`` occurs at least once not followed by one of ``exceptions``."""
    needle = f" {phrase} "
    start = padded.find(needle)
    while start != -1:
        rest = padded[start + len(needle) - 1 :]  # keeps the leading space
        if not any(rest.startswith(f" {word} ") for word in exceptions):
            return True
        start = padded.find(needle, start + 1)
    return False


def normalise_url(url: str) -> str:
    """One spelling per article: https for http (newsrooms serve both; the article is one),
    host lower-cased; utm_* and fbclid, the fragment and a trailing slash dropped; the other
    query parameters kept in their order."""
    parts = urlsplit(url.strip())
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    ]
    path = parts.path.rstrip("/")
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, parts.netloc.lower(), path, urlencode(query, doseq=True), ""))
