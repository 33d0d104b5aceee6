"""What the Instagram and Facebook fakes share: the Graph API's token check, ids and error
envelope ``{"error": {"message", "type", "code", "error_subcode", "is_transient", …}}``."""

import datetime as dt
import itertools
from datetime import UTC, datetime
from urllib.parse import quote

from werkzeug import Response

from .server import Call, FakePlatform, json_response

GRAPH_VERSION = "v23.0"
_ids = itertools.count(17_900_000_000_000_001)


def new_id() -> str:
    """Numeric ids, unique across both fakes (they share one base URL)."""
    return str(next(_ids))


def graph_error(
    code: int,
    message: str,
    *,
    subcode: int | None = None,
    transient: bool = False,
    user_msg: str | None = None,
    kind: str = "OAuthException",
) -> dict:
    """A Graph error body, for answers and for ``fail_next(body=...)``."""
    error = {
        "message": message,
        "type": kind,
        "code": code,
        "is_transient": transient,
        "fbtrace_id": "AFakeTraceId",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    if user_msg:
        error["error_user_title"] = "Tidak dapat mengunggah"
        error["error_user_msg"] = user_msg
    return {"error": error}


WIB = dt.timezone(dt.timedelta(hours=7))


def since_until_days(params: dict, limit: int = 30) -> list[dt.date] | None:
    """The days ``since`` (included) … ``until`` (excluded), given as Unix timestamps or
    ``YYYY-MM-DD``; ``None`` when missing, reversed or too long. Days are WIB days (the fake
    keeps one calendar; the real platform uses its own)."""
    days = []
    for name in ("since", "until"):
        value = str(params.get(name, ""))
        try:
            if value.isdigit():
                days.append(datetime.fromtimestamp(int(value), WIB).date())
            else:
                days.append(dt.date.fromisoformat(value))
        except ValueError:
            return None
    since, until = days
    if not since < until or (until - since).days > limit:
        return None
    return [since + dt.timedelta(days=n) for n in range((until - since).days)]


def parse_time(value) -> float | None:
    """A Graph ``since``/``until``: Unix seconds or an ISO 8601 / ``strtotime`` date."""
    value = str(value or "")
    if not value:
        return None
    if value.lstrip("-").isdigit():
        return float(value)
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def page_of(items: list[dict], params: dict, url: str, time_field: str) -> dict:
    """One page of a time-ordered edge, newest first, as the Graph API pages it:
    ``since``/``until`` filter on ``time_field``, ``limit`` (≤ 100) items, and
    ``paging.cursors.after`` with a full ``paging.next`` URL while more remain."""
    since, until = parse_time(params.get("since")), parse_time(params.get("until"))
    chosen = [
        item
        for item in reversed(items)
        if (since is None or parse_time(item[time_field]) >= since)
        and (until is None or parse_time(item[time_field]) <= until)
    ]
    limit = max(1, min(int(params.get("limit", 25)), 100))
    start = int(params.get("after") or 0)
    data = chosen[start : start + limit]
    paging: dict = {}
    if data:
        paging["cursors"] = {"before": str(start), "after": str(start + len(data))}
    if start + limit < len(chosen):
        query = {**params, "after": str(start + limit)}
        paging["next"] = f"{url}?" + "&".join(f"{k}={quote(str(v))}" for k, v in query.items())
    return {"data": data, "paging": paging}


def graph_time() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class FakeGraph(FakePlatform):
    prefix = f"/graph/{GRAPH_VERSION}"
    token = ""

    def __init__(self, server) -> None:
        super().__init__(server)
        self.token_expired = False

    def expire_token(self) -> None:
        """From now on every request answers error 190 (session expired)."""
        self.token_expired = True

    def env(self) -> dict:
        """Environment for a worker process started by the test."""
        return {"GRAPH_API_URL": self.api_url}

    def segments(self, path: str) -> list[str]:
        return path[len(self.prefix) :].strip("/").split("/")

    def check_token(self, call: Call) -> Response | None:
        token = call.params.get("access_token") or ""
        auth = call.headers.get("Authorization", "")
        if not token and auth.split(" ")[0] in ("Bearer", "OAuth"):
            token = auth.split(" ", 1)[-1]
        if not token:
            return bad(104, "An access token is required to request this resource.")
        if self.token_expired:
            return bad(
                190,
                "Error validating access token: Session has expired.",
                subcode=463,
            )
        if token != self.token:
            return bad(190, "Invalid OAuth access token - Cannot parse access token")
        return None

    def error_body(self, status: int) -> dict:
        if status >= 500:
            return graph_error(
                2,
                "An unexpected error has occurred. Please retry your request later.",
                transient=True,
            )
        if status == 429:
            return graph_error(4, "(#4) Application request limit reached", transient=True)
        return graph_error(100, "(#100) Invalid parameter")


def bad(code: int, message: str, status: int = 400, **extra) -> Response:
    return json_response(graph_error(code, message, **extra), status)
