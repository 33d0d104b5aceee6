"""X: the account's follower count and the ``public_metrics`` of our posts, read with the
publishing token. Reads are paid per post, so only last month's posts are asked, up to
100 ids per request. A post's counts are lifetime totals, stored as today's snapshot.

The token lasts about two hours: refused (401), it is renewed from the stored refresh token
as publishing renews it (``campaigns.token_refresh.renew``) and the read asked once more;
only a refused refresh fails the run and asks for the account to be reconnected."""

from typing import Any

from django.conf import settings

from campaigns.networks import x
from campaigns.networks.base import Outgoing, Reconnect, RetryLater
from campaigns.networks.http import json_or_empty
from campaigns.token_refresh import renew

from ..models import Metric
from .reading import CollectFailed, Reading, TokenRejected, failure, fetch, number

PLATFORM = "X"
IDS_PER_REQUEST = 100
POST_METRICS = {
    "like_count": Metric.LIKES,
    "retweet_count": Metric.SHARES,
    "reply_count": Metric.REPLIES,
    "impression_count": Metric.VIEWS,
}


def collect_x(reading: Reading) -> None:
    me = _read(reading, "/2/users/me", {"user.fields": "public_metrics"}).get("data") or {}
    followers = number((me.get("public_metrics") or {}).get("followers_count"))
    reading.write([reading.account_sample(Metric.FOLLOWERS, reading.today, followers)])
    deliveries = reading.published_deliveries()
    for start in range(0, len(deliveries), IDS_PER_REQUEST):
        batch = {d.remote_id: d for d in deliveries[start : start + IDS_PER_REQUEST]}
        params = {"ids": ",".join(batch), "tweet.fields": "public_metrics"}
        tweets = _read(reading, "/2/tweets", params).get("data") or []
        samples, found = [], set()
        for tweet in tweets:
            delivery = batch.get(str(tweet.get("id")))
            if delivery is None:
                continue
            found.add(delivery.remote_id)
            counts = tweet.get("public_metrics") or {}
            samples += [
                reading.delivery_sample(delivery, metric, number(counts.get(name)))
                for name, metric in POST_METRICS.items()
            ]
        reading.write(samples)
        if gone := sorted(set(batch) - found):
            reading.partial(f"X tidak menemukan unggahan {', '.join(gone)} (dihapus?).")


def _read(reading: Reading, path: str, params: dict[str, Any]) -> dict[str, Any]:
    credentials = reading.credentials
    try:
        return _read_with(reading, credentials, path, params)
    except Reconnect:
        pass  # the token expired: renew it, then ask once more
    try:
        renew(reading.account, credentials, x)
        reading.account.refresh_from_db(fields=["credentials_encrypted", "credentials_updated_at"])
        return _read_with(reading, reading.credentials, path, params)
    except Reconnect as refused:
        raise TokenRejected(refused.message) from None
    except RetryLater as error:
        raise CollectFailed(f"{PLATFORM}: {error.message}") from None


def _read_with(
    reading: Reading, credentials: dict[str, Any], path: str, params: dict[str, Any]
) -> dict[str, Any]:
    token = credentials.get("access_token", "")
    response = fetch(
        PLATFORM,
        reading.http,
        "GET",
        f"{settings.X_API_URL}{path}",
        params=params,
        headers={"Authorization": f"Bearer {token}"},
    )
    if not response.ok:
        # The publishing adapter's reading of the answer; it needs only the credentials.
        outgoing = Outgoing(0, reading.account.external_id, "", "", [], credentials, "")
        error = x.error_for(response, outgoing, may_have_published=False)
        if isinstance(error, Reconnect) and response.status_code == 401:
            raise error
        raise failure(error, response, PLATFORM, token)
    return json_or_empty(response)
