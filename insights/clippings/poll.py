"""Polling the outlets' RSS/Atom feeds for items that match the keyword rules.

Each outlet is one ``CollectionRun``: a feed that times out, answers with an HTTP error or is
not a feed marks that outlet and its run failed, with the reason, and the poll goes on to the
next outlet. Clippings already stored are never touched again (their tone is an analyst's
work), and an item seen twice, even with other tracking parameters, is stored once.

Feed URLs are typed in by analysts: they are fetched through the guarded outbound client
(``core.outbound``), which refuses internal addresses, also after a redirect. Only items
whose link is http(s) become clippings.
"""

import datetime
import html
import logging
from dataclasses import dataclass
from typing import Any

import feedparser
import requests
from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from core import outbound
from core.links import remote_url

from ..collectors.store import Explained, collection_run, plain_reason
from ..models import Clipping, Collector, Outlet, RunStatus
from .matching import KeywordMatcher, normalise_url
from .mentions import refresh_mentions, wib_day

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 5 * 1024 * 1024
SUMMARY_CHARS = 2000
USER_AGENT = "Benteng/1.0 (Humas Kota Tangerang; kliping media)"
REFUSED = "Alamat umpan ditolak: {}"


class FeedError(Explained):
    """The feed could not be read; the message is shown to analysts (Indonesian, no URL)."""


@dataclass
class PollResult:
    outlets_ok: int = 0
    outlets_failed: int = 0
    clippings_created: int = 0


@shared_task(name="insights.poll_news_feeds", ignore_result=True)
def poll_news_feeds() -> dict[str, Any]:
    """Poll every active outlet with a feed; one outlet's failure never stops the others."""
    matcher = KeywordMatcher.from_rules()
    result = PollResult()
    new_days: set[datetime.date] = set()
    for outlet in Outlet.objects.filter(is_active=True).exclude(feed_url=""):
        try:
            created = poll_outlet(outlet, matcher)
        except Exception:
            logger.warning("Feed of outlet %s failed", outlet.pk, exc_info=True)
            result.outlets_failed += 1
            continue
        result.outlets_ok += 1
        result.clippings_created += len(created)
        new_days.update(wib_day(clipping.published_at) for clipping in created)
    refresh_mentions(new_days)
    return result.__dict__


def poll_outlet(outlet: Outlet, matcher: KeywordMatcher) -> list[Clipping]:
    """Read one feed and store its new matching items; raises after recording a failure."""
    with collection_run(Collector.NEWS_FEEDS, subject=outlet.name) as run:
        try:
            feed = fetch_feed(outlet.feed_url)
            candidates = _matching_clippings(outlet, feed.entries, matcher)
            known = set(
                Clipping.objects.filter(url__in=candidates.keys()).values_list("url", flat=True)
            )
            fresh = [clipping for url, clipping in candidates.items() if url not in known]
            # ignore_conflicts: a manual entry or a parallel poll may have stored one meanwhile.
            Clipping.objects.bulk_create(fresh, ignore_conflicts=True)
        except Exception as error:
            reason = plain_reason(error)
            _record(outlet, RunStatus.FAILED, reason)
            raise
        counts = f"{len(feed.entries)} entri dibaca, {len(candidates)} cocok, {len(fresh)} baru."
        run.samples_written = len(fresh)
        run.message = f"{feed.warning} {counts}" if feed.warning else counts
        run.status = RunStatus.PARTIAL if feed.warning else RunStatus.OK
        _record(outlet, run.status, feed.warning)
    return fresh


@dataclass
class Feed:
    entries: list[Any]  # feedparser's entries (untyped)
    warning: str = ""


def fetch_feed(url: str) -> Feed:
    """The entries of the feed at ``url``, or ``FeedError`` saying why there are none.

    feedparser recovers what it can from a damaged feed: with entries, that is a warning
    (the run is partial); without, the feed failed."""
    timeout = settings.FEED_TIMEOUT_SECONDS
    try:
        response = outbound.session().get(
            url, timeout=timeout, stream=True, headers={"User-Agent": USER_AGENT}
        )
        with response:
            if response.status_code >= 400:
                raise FeedError(f"Umpan menjawab HTTP {response.status_code}.")
            body = _read_capped(response)
            content_type = response.headers.get("Content-Type", "")
    except outbound.OutboundRefused as error:
        raise FeedError(REFUSED.format(error)) from None
    except requests.Timeout:
        raise FeedError(f"Umpan tidak menjawab dalam {timeout} detik.") from None
    except requests.RequestException:
        raise FeedError("Tidak dapat terhubung ke umpan.") from None
    parsed = feedparser.parse(body, response_headers={"content-type": content_type})
    damaged = parsed.bozo and not isinstance(
        parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
    )
    if not parsed.entries and not parsed.version:
        raise FeedError("Umpan tidak dapat dibaca: bukan RSS/Atom.")
    if not parsed.entries and damaged:
        raise FeedError("Umpan rusak (XML tidak sah) dan tidak ada berita yang terbaca.")
    warning = "Umpan tidak sepenuhnya sah; sebagian berita mungkin terlewat." if damaged else ""
    return Feed(list(parsed.entries), warning)


def _read_capped(response: requests.Response) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=64 * 1024):
        size += len(chunk)
        if size > MAX_FEED_BYTES:
            raise FeedError("Umpan terlalu besar (lebih dari 5 MB).")
        chunks.append(chunk)
    return b"".join(chunks)


def _matching_clippings(
    outlet: Outlet, entries: list[Any], matcher: KeywordMatcher
) -> dict[str, Clipping]:
    """New ``Clipping`` objects keyed by normalised URL (the first of duplicates wins)."""
    now = timezone.now()
    found: dict[str, Clipping] = {}
    for entry in entries:
        link = remote_url(entry.get("link"), max_length=2000)
        title = entry.get("title") or ""
        summary = entry.get("summary") or ""
        if not link:
            continue
        phrases = matcher.matches(title, summary)
        url = normalise_url(link)
        if not phrases or url in found or len(url) > 1000:
            continue
        found[url] = Clipping(
            outlet=outlet,
            url=url,
            title=" ".join(title.split())[:500] or url[:500],
            summary=_plain(summary)[:SUMMARY_CHARS],
            published_at=_published_at(entry, now),
            matched_keywords=", ".join(phrases)[:500],
        )
    return found


def _plain(text: str) -> str:
    """Readable text of an HTML summary, for the listing (accents kept, unlike matching)."""
    return " ".join(html.unescape(strip_tags(text)).split())


def _published_at(entry: Any, now: datetime.datetime) -> datetime.datetime:
    """The entry's time (feedparser gives UTC); now when missing or in the future."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return now
    year, month, day, hour, minute, second = parsed[:6]
    moment = datetime.datetime(year, month, day, hour, minute, second, tzinfo=datetime.UTC)
    return min(moment, now)


def _record(outlet: Outlet, status: str, error: str) -> None:
    outlet.last_polled_at = timezone.now()
    outlet.last_status = status
    outlet.last_error = error
    outlet.save(update_fields=["last_polled_at", "last_status", "last_error"])
