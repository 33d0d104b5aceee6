"""Instagram and Facebook Page insights through the Graph API, with the publishing adapters'
base URL, token and error mapping.

Instagram account metrics are asked one day at a time: with ``metric_type=total_value`` the
platform sums over the whole ``since``…``until`` range, so a per-day number needs a one-day
range. Followers and media count are the account's fields today. A post's insights are its
lifetime totals, stored as today's snapshot. Facebook Page metrics come as a daily series
(``values`` with ``end_time``, the end of the platform's day), post metrics as lifetime totals.
``page_impressions*`` and ``page_fans`` were withdrawn in 2025: views and follows replace them.
"""

import datetime
from typing import Any

from django.utils import timezone

from campaigns.models import Delivery
from campaigns.networks import graph
from campaigns.networks.http import json_or_empty

from ..models import Metric
from .reading import CollectFailed, Reading, failure, fetch, number

ACCOUNT_METRICS = {
    "reach": Metric.REACH,
    "views": Metric.VIEWS,
    "likes": Metric.LIKES,
    "comments": Metric.COMMENTS,
    "shares": Metric.SHARES,
    "saves": Metric.SAVES,
    "total_interactions": Metric.TOTAL_INTERACTIONS,
    "profile_links_taps": Metric.PROFILE_LINK_TAPS,
}
MEDIA_METRICS = {
    "reach": Metric.REACH,
    "views": Metric.VIEWS,
    "likes": Metric.LIKES,
    "comments": Metric.COMMENTS,
    "shares": Metric.SHARES,
    "saved": Metric.SAVES,
    "total_interactions": Metric.TOTAL_INTERACTIONS,
}
PAGE_METRICS = {
    "page_follows": Metric.FOLLOWERS,
    "page_media_view": Metric.VIEWS,
    "page_total_media_view_unique": Metric.REACH,
}
POST_METRICS = {
    "post_media_view": Metric.VIEWS,
    "post_total_media_view_unique": Metric.REACH,
    "post_reactions_by_type_total": Metric.LIKES,  # all reactions, summed over their types
}


def collect_instagram(reading: Reading) -> None:
    ig_user = reading.account.external_id
    samples, missing = [], set()
    for day in reading.days:
        since = _midnight(day)
        rows = _read(
            reading,
            "Instagram",
            f"{ig_user}/insights",
            metric=",".join(ACCOUNT_METRICS),
            period="day",
            metric_type="total_value",
            since=since,
            until=since + 86_400,
        ).get("data")
        found = {}
        for row in rows if isinstance(rows, list) else []:
            if (metric := ACCOUNT_METRICS.get(row.get("name"))) is not None:
                found[metric] = number((row.get("total_value") or {}).get("value"))
        missing |= {m for m in ACCOUNT_METRICS.values() if found.get(m) is None}
        samples += [reading.account_sample(m, day, value) for m, value in found.items()]
    profile = _read(reading, "Instagram", ig_user, fields="followers_count,media_count")
    for field, metric in (
        ("followers_count", Metric.FOLLOWERS),
        ("media_count", Metric.MEDIA_COUNT),
    ):
        samples.append(reading.account_sample(metric, reading.today, number(profile.get(field))))
    if missing:
        reading.partial(f"Instagram tidak memberi angka: {', '.join(sorted(missing))}.")
    reading.write(samples)
    for delivery in reading.published_deliveries():
        rows = _post_rows(reading, "Instagram", delivery, metric=",".join(MEDIA_METRICS))
        reading.write(
            reading.delivery_sample(delivery, MEDIA_METRICS[name], value)
            for name, value in rows.items()
            if name in MEDIA_METRICS
        )


def collect_facebook(reading: Reading) -> None:
    days = reading.days
    rows = _read(
        reading,
        "Facebook",
        f"{reading.account.external_id}/insights",
        metric=",".join(PAGE_METRICS),
        period="day",
        since=days[0].isoformat(),
        until=(days[-1] + datetime.timedelta(days=1)).isoformat(),
    ).get("data")
    samples, seen = [], set()
    for row in rows if isinstance(rows, list) else []:
        if (metric := PAGE_METRICS.get(row.get("name"))) is None:
            continue
        for point in row.get("values") or []:
            day = _graph_day(point.get("end_time"))
            if day in days:
                samples.append(reading.account_sample(metric, day, number(point.get("value"))))
                seen.add(metric)
    if missing := set(PAGE_METRICS.values()) - seen:
        reading.partial(f"Facebook tidak memberi angka: {', '.join(sorted(missing))}.")
    reading.write(samples)
    for delivery in reading.published_deliveries():
        rows = _post_rows(
            reading, "Facebook", delivery, metric=",".join(POST_METRICS), period="lifetime"
        )
        reading.write(
            reading.delivery_sample(delivery, POST_METRICS[name], value)
            for name, value in rows.items()
            if name in POST_METRICS
        )


def _read(reading: Reading, platform: str, path: str, **params: Any) -> dict[str, Any]:
    token = reading.credentials.get("access_token", "")
    response = fetch(
        platform, reading.http, "GET", graph.url(path), params={**params, "access_token": token}
    )
    if not response.ok:
        error = graph.error_for(response, platform=platform, may_have_published=False, token=token)
        raise failure(error, response, platform, token)
    return json_or_empty(response)


def _post_rows(
    reading: Reading, platform: str, delivery: Delivery, **params: Any
) -> dict[str, int | None]:
    """``{name: value}`` of one post's lifetime insights; a post the platform no longer has
    (deleted, or refused as a plain request error) is skipped and the run marked partial."""
    try:
        rows = _read(reading, platform, f"{delivery.remote_id}/insights", **params).get("data")
    except CollectFailed as error:
        reading.partial(f"Unggahan {delivery.remote_id}: {error}")
        return {}
    values: dict[str, int | None] = {}
    for row in rows if isinstance(rows, list) else []:
        points = row.get("values") or [{}]
        value = (row.get("total_value") or points[0] or {}).get("value")
        if isinstance(value, dict):  # reactions by type: {"like": 10, "love": 2}
            value = sum(v for v in value.values() if number(v) is not None)
        values[row.get("name")] = number(value)
    return values


def _midnight(day: datetime.date) -> int:
    """The day's start in WIB as a Unix timestamp (the unit ``since``/``until`` take)."""
    start = datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())
    return int(start.timestamp())


def _graph_day(end_time: object) -> datetime.date | None:
    """A daily value's ``end_time`` is the end of the platform's day: the day before it."""
    try:
        end = datetime.datetime.strptime(str(end_time), "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None
    return end.astimezone(datetime.UTC).date() - datetime.timedelta(days=1)
