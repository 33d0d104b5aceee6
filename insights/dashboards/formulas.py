"""The rates analysts read, computed when shown from raw counts (never stored).

Every function states its denominator. A zero or missing denominator gives ``None``, shown
as "—": a rate that cannot be computed is not a rate of zero.
"""

import datetime
import functools
from collections.abc import Iterable
from decimal import Decimal

from django.utils import dateformat, formats, numberformat

Number = int | float | Decimal


def _ratio(numerator: Number | None, denominator: Number | None) -> float | None:
    """numerator ÷ denominator x 100, or None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return float(numerator) / float(denominator) * 100


def engagement_rate_by_reach(engagements: Number | None, reach: Number | None) -> float | None:
    """Engagements ÷ reach x 100 (own accounts, official API). Denominator: reach."""
    return _ratio(engagements, reach)


def engagement_rate_by_followers(
    likes: Number | None, comments: Number | None, followers: Number | None
) -> float | None:
    """(Likes + comments) ÷ followers x 100 — the only rate for public and peer accounts.
    Denominator: followers."""
    if likes is None and comments is None:
        return None
    return _ratio(float(likes or 0) + float(comments or 0), followers)


def follower_growth(start: Number | None, end: Number | None) -> int | None:
    """F_end - F_start (an absolute count, no denominator)."""
    if start is None or end is None:
        return None
    return int(end) - int(start)


def follower_growth_rate(start: Number | None, end: Number | None) -> float | None:
    """(F_end - F_start) ÷ F_start x 100. Denominator: followers at the start."""
    growth = follower_growth(start, end)
    return _ratio(growth, start)


def share_of_voice(ours: Number | None, peers: Iterable[Number] | Number | None) -> float | None:
    """Ours ÷ (ours + the peer set's) x 100. Denominator: ours plus every peer in the set."""
    if ours is None or peers is None:
        return None
    peer_total = peers if isinstance(peers, int | float | Decimal) else sum(peers)
    return _ratio(ours, float(ours) + float(peer_total))


def net_sentiment(positive: Number | None, negative: Number | None) -> float | None:
    """(Positive - negative) ÷ (positive + negative) x 100, from -100 to +100. Denominator:
    rated items that are positive or negative (neutral and unrated are left out)."""
    if positive is None or negative is None:
        return None
    return _ratio(float(positive) - float(negative), float(positive) + float(negative))


def click_through_rate(clicks: Number | None, views: Number | None) -> float | None:
    """Clicks on our tracked links ÷ views (or reach) x 100. Denominator: views (or reach)."""
    return _ratio(clicks, views)


def potential_reach(audiences: Iterable[Number | None]) -> int:
    """Σ audience estimate of the outlets that mentioned us, each outlet counted once — an
    upper bound, not people reached. No denominator."""
    return int(sum(audience or 0 for audience in audiences))


def progress(actual: Number | None, target: Number | None) -> float | None:
    """Actual ÷ target x 100, for KPI bars. Denominator: the target set before the campaign."""
    return _ratio(actual, target)


def format_number(value: Number, digits: int = 0) -> str:
    """Through Django's ``id`` locale, whatever language the reader's admin is in: the
    cards, tables, charts and exports all write numbers the same way."""
    # Rounded here: Django's number_format cuts the digits off rather than rounding them.
    rounded = round(Decimal(str(value)), digits)
    # What formats.number_format does under translation.override("id"), without switching
    # the language for every number (a year's charts and tables write thousands of them).
    return numberformat.format(
        rounded,
        formats.get_format("DECIMAL_SEPARATOR", "id"),
        digits,
        formats.get_format("NUMBER_GROUPING", "id"),
        formats.get_format("THOUSAND_SEPARATOR", "id"),
        force_grouping=True,
        use_l10n=True,
    )


def format_rate(value: float | None, digits: int = 2) -> str:
    """'3,25 %' in Indonesian notation, or '—' when the rate cannot be computed."""
    if value is None:
        return "—"
    return f"{format_number(value, digits)} %"


def format_count(value: Number | None) -> str:
    """'1.234.567' in Indonesian notation, or '—' for a missing number (never 0)."""
    if value is None:
        return "—"
    number = int(value)
    if formats.get_format("NUMBER_GROUPING", "id") == 3:  # Python's own grouping, 5x faster
        return f"{number:,}".replace(",", formats.get_format("THOUSAND_SEPARATOR", "id"))
    return format_number(number)


@functools.lru_cache(maxsize=4096)
def format_day(day: datetime.date) -> str:
    """'04-11-2026': the ``id`` locale's short date (kept: a year of charts writes each day
    a dozen times)."""
    return dateformat.format(day, formats.get_format("SHORT_DATE_FORMAT", "id"))
