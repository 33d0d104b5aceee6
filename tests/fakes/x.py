"""A fake X API v2: ``/2/tweets``, one-shot ``/2/media/upload``, ``/2/media/metadata``,
``/2/users/me``, a user's timeline and the OAuth 2.0 token endpoint.

Routes (names for ``fail_next(endpoint=...)``): ``tweets`` (alias ``publish``, the default),
``media_upload``, ``media_metadata``, ``me``, ``user_tweets``, ``tweets_lookup`` (``GET
/2/tweets?ids=…``, with ``public_metrics`` set by ``set_metrics``), ``oauth2_token`` (``POST
/2/oauth2/token``, ``grant_type=refresh_token``: X rotates the refresh token on every use, so
an old one is refused with ``400 invalid_request``, as X documents). ``created`` holds the tweets
as X shows them: links turned into t.co links, ``&<>`` escaped, a media link appended.
"""

import html
import itertools
import re
import time
from datetime import UTC, datetime

from werkzeug import Request, Response

from campaigns.networks.x import weighted_length

from .server import Call, FakePlatform, json_response

_ids = itertools.count(1_900_000_000_000_000_001)
URL = re.compile(r"https?://\S+")


def problem(status: int, title: str, detail: str, kind: str = "about:blank", **extra) -> dict:
    return {"title": title, "detail": detail, "type": kind, "status": status, **extra}


def invalid(message: str) -> Response:
    return json_response(
        problem(
            400,
            "Invalid Request",
            "One or more parameters to your request was invalid.",
            "https://api.twitter.com/2/problems/invalid-request",
            errors=[{"message": message}],
        ),
        400,
    )


class FakeX(FakePlatform):
    prefix = "/x"
    token = "x-user-token-rahasia"  # tests/campaigns/factories.py DEFAULT_CREDENTIALS
    client_id = "benteng-x-client"
    aliases = {"publish": frozenset({"tweets"})}
    create_routes = frozenset({"tweets"})
    default_fault_route = "tweets"

    def __init__(self, server, user_id: str = "1500000000000000001") -> None:
        super().__init__(server)
        self.user = {"id": user_id, "name": "Pemkot Tangerang", "username": "tangerangkota"}
        self.uploads: dict[str, dict] = {}
        self.token_expired = False
        self.followers_count = 8_800
        self.metrics: dict[str, dict] = {}  # tweet id → public_metrics
        self.stale_timeline_reads = 0  # timeline reads that do not show new tweets yet
        self.refresh_token = "x-refresh-rahasia-1"
        self.refreshes = 0  # tokens issued by the token endpoint
        self.rotates_refresh_token = True  # X may also answer without a new refresh token

    def env(self) -> dict:
        return {"X_API_URL": self.api_url}

    def expire_token(self) -> None:
        self.token_expired = True

    def lag_timeline(self, reads: int = 1) -> None:
        """The next ``reads`` timeline reads come back empty, as X's eventually consistent
        timeline does right after a post."""
        self.stale_timeline_reads = reads

    def rate_limit(self, reset_in: float = 60, *, endpoint: str = "tweets", times=1) -> None:
        """The next request(s) answer 429 with ``x-rate-limit-reset`` ``reset_in`` s ahead."""
        self.fail_next(
            429,
            problem(429, "Too Many Requests", "Too Many Requests"),
            endpoint=endpoint,
            times=times,
            headers={
                "x-rate-limit-limit": "100",
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(int(time.time() + reset_in)),
            },
        )

    def add_tweet(self, text: str = "Unggahan lama", **public_metrics: int) -> str:
        """A tweet posted earlier, with its public metrics; returns its id."""
        with self.lock:
            tweet_id = str(next(_ids))
            self.created.append(
                {
                    "id": tweet_id,
                    "text": text,
                    "original_text": text,
                    "media_ids": [],
                    "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                    "edit_history_tweet_ids": [tweet_id],
                }
            )
            self.set_metrics(tweet_id, **public_metrics)
            return tweet_id

    def set_metrics(self, tweet_id: str, **public_metrics: int) -> None:
        zero = {
            "retweet_count": 0,
            "reply_count": 0,
            "like_count": 0,
            "quote_count": 0,
            "bookmark_count": 0,
            "impression_count": 0,
        }
        with self.lock:
            self.metrics[tweet_id] = zero | self.metrics.get(tweet_id, {}) | public_metrics

    def delete_tweet(self, tweet_id: str) -> None:
        with self.lock:
            self.created = [t for t in self.created if t["id"] != tweet_id]

    def error_body(self, status: int) -> dict:
        titles = {
            500: "Internal Server Error",
            503: "Service Unavailable",
            429: "Too Many Requests",
        }
        title = titles.get(status, "Error")
        return problem(status, title, title)

    def route(self, method: str, path: str):
        tail = path[len(self.prefix) :]
        fixed = {
            ("POST", "/2/tweets"): "tweets",
            ("POST", "/2/media/upload"): "media_upload",
            ("POST", "/2/media/metadata"): "media_metadata",
            ("GET", "/2/users/me"): "me",
            ("GET", "/2/tweets"): "tweets_lookup",
            ("POST", "/2/oauth2/token"): "oauth2_token",
        }
        if name := fixed.get((method, tail)):
            return name, ()
        if method == "GET" and (match := re.fullmatch(r"/2/users/(\d+)/tweets", tail)):
            return "user_tweets", (match[1],)
        return None

    def answer(self, call: Call, request: Request) -> Response:
        if call.route == "oauth2_token":
            return self._oauth2_token(call, request)
        if call.headers.get("Authorization") != f"Bearer {self.token}" or self.token_expired:
            return json_response(problem(401, "Unauthorized", "Unauthorized"), 401)
        return getattr(self, f"_{call.route}")(call, request)

    def _oauth2_token(self, call: Call, request: Request) -> Response:
        """X's token endpoint: form-encoded, ``client_id`` in the body (a public client),
        errors as OAuth 2.0 ``{"error", "error_description"}``."""
        if call.body_kind != "form" or call.params.get("client_id") != self.client_id:
            return json_response(
                {
                    "error": "unauthorized_client",
                    "error_description": "Missing valid authorization header",
                },
                401,
            )
        if call.params.get("grant_type") != "refresh_token":
            return json_response(
                {"error": "invalid_request", "error_description": "Missing required parameter"},
                400,
            )
        if not self.refresh_token or call.params.get("refresh_token") != self.refresh_token:
            return json_response(
                {
                    "error": "invalid_request",
                    "error_description": "Value passed for the token was invalid.",
                },
                400,
            )
        self.refreshes += 1
        self.token = f"x-user-token-baru-{self.refreshes}"
        self.token_expired = False
        body = {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": self.token,
            "scope": "tweet.read tweet.write users.read media.write offline.access",
        }
        if self.rotates_refresh_token:
            self.refresh_token = body["refresh_token"] = f"x-refresh-rahasia-{self.refreshes + 1}"
        return json_response(body)

    def _tweets(self, call: Call, request: Request) -> Response:
        if call.body_kind != "json":
            return invalid("Requests with bodies must have content-type of application/json.")
        text = call.params.get("text", "")
        media_ids = (call.params.get("media") or {}).get("media_ids") or []
        if not text and not media_ids:
            return invalid("You must provide text or media.")
        if weighted_length(text) > 280:
            return invalid("The text is too long (more than 280 weighted characters).")
        if len(media_ids) > 4 or any(str(m) not in self.uploads for m in media_ids):
            return invalid("Your media IDs are invalid.")
        if any(tweet["original_text"] == text for tweet in self.created):
            return json_response(
                problem(
                    403,
                    "Forbidden",
                    "You are not allowed to create a Tweet with duplicate content.",
                ),
                403,
            )
        tweet_id = str(next(_ids))
        shown = html.escape(URL.sub(lambda _: f"https://t.co/{tweet_id[-10:]}", text), quote=False)
        if media_ids:
            shown = f"{shown} https://t.co/m{tweet_id[-9:]}".strip()
        tweet = {
            "id": tweet_id,
            "text": shown,
            "original_text": text,
            "media_ids": list(media_ids),
            "created_at": datetime.now(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "edit_history_tweet_ids": [tweet_id],
        }
        self.created.append(tweet)
        headers = {
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": "99",
            "x-rate-limit-reset": str(int(time.time() + 900)),
        }
        return json_response(
            {"data": {"id": tweet_id, "text": shown, "edit_history_tweet_ids": [tweet_id]}},
            201,
            headers,
        )

    def _media_upload(self, call: Call, request: Request) -> Response:
        if call.body_kind != "multipart" or "media" not in call.files:
            return invalid("The media field is required (multipart/form-data).")
        content = call.files["media"]
        if not content.startswith(b"\xff\xd8\xff"):
            return invalid("Unsupported media type: expected JPEG, PNG, GIF or WEBP.")
        if call.params.get("media_category", "tweet_image") != "tweet_image":
            return invalid("media_category must be tweet_image for an image.")
        media_id = str(next(_ids))
        self.uploads[media_id] = {"id": media_id, "size": len(content), "alt_text": ""}
        return json_response(
            {
                "data": {
                    "id": media_id,
                    "media_key": f"3_{media_id}",
                    "size": len(content),
                    "expires_after_secs": 86_400,
                    "image": {"image_type": "image/jpeg"},
                }
            }
        )

    def _media_metadata(self, call: Call, request: Request) -> Response:
        upload = self.uploads.get(str(call.params.get("id", "")))
        alt = ((call.params.get("metadata") or {}).get("alt_text") or {}).get("text", "")
        if call.body_kind != "json" or upload is None:
            return invalid("The id field must be an uploaded media id.")
        if len(alt) > 1000:
            return invalid("alt_text.text must be at most 1000 characters.")
        upload["alt_text"] = alt
        return json_response(
            {"data": {"id": upload["id"], "associated_metadata": {"alt_text": {"text": alt}}}}
        )

    def _me(self, call: Call, request: Request) -> Response:
        user = dict(self.user)
        if "public_metrics" in call.params.get("user.fields", "").split(","):
            user["public_metrics"] = {
                "followers_count": self.followers_count,
                "following_count": 120,
                "tweet_count": len(self.created),
                "listed_count": 3,
            }
        return json_response({"data": user})

    def _tweets_lookup(self, call: Call, request: Request) -> Response:
        ids = [i for i in call.params.get("ids", "").split(",") if i]
        if not 1 <= len(ids) <= 100 or not all(i.isdigit() for i in ids):
            return invalid("The `ids` query parameter value must be 1 to 100 numeric ids.")
        fields = set(call.params.get("tweet.fields", "").split(","))
        by_id = {t["id"]: t for t in self.created}
        data, errors = [], []
        for tweet_id in ids:
            tweet = by_id.get(tweet_id)
            if tweet is None:
                errors.append(
                    {
                        "value": tweet_id,
                        "detail": f"Could not find tweet with ids: [{tweet_id}].",
                        "title": "Not Found Error",
                        "resource_type": "tweet",
                        "parameter": "ids",
                        "resource_id": tweet_id,
                        "type": "https://api.twitter.com/2/problems/resource-not-found",
                    }
                )
                continue
            item = {k: tweet[k] for k in ("id", "text", "edit_history_tweet_ids")}
            if "public_metrics" in fields:
                item["public_metrics"] = dict(self.metrics.get(tweet_id) or {})
            data.append(item)
        body: dict = {"data": data} if data else {}
        if errors:
            body["errors"] = errors
        return json_response(body)

    def _user_tweets(self, call: Call, request: Request) -> Response:
        """Newest first; ``start_time``/``end_time`` (RFC 3339) and ``since_id`` narrow it,
        ``pagination_token`` (from ``meta.next_token``) pages through it."""
        user_id = self.segments_user(call.path)
        if user_id != self.user["id"]:
            return json_response(problem(404, "Not Found Error", "Could not find user."), 404)
        try:
            count = int(call.params.get("max_results", 10))
        except ValueError:
            count = 0
        if not 5 <= count <= 100:
            return invalid("max_results must be between 5 and 100.")
        fields = {"id", "text", "edit_history_tweet_ids"}
        fields |= set(call.params.get("tweet.fields", "").split(","))
        try:
            start = _rfc3339(call.params.get("start_time"))
            end = _rfc3339(call.params.get("end_time"))
        except ValueError:
            return invalid("start_time and end_time must be RFC 3339 timestamps.")
        since_id = int(call.params.get("since_id") or 0)
        if self.stale_timeline_reads > 0:
            self.stale_timeline_reads -= 1
            return json_response({"meta": {"result_count": 0}})
        chosen = [
            t
            for t in reversed(self.created)
            if (start is None or _rfc3339(t["created_at"]) >= start)
            and (end is None or _rfc3339(t["created_at"]) <= end)
            and int(t["id"]) > since_id
        ]
        offset = int(call.params.get("pagination_token") or 0)
        data = [{k: t[k] for k in fields if k in t} for t in chosen[offset : offset + count]]
        meta = {"result_count": len(data)}
        if not data:
            return json_response({"meta": meta})
        meta |= {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"]}
        if offset + count < len(chosen):
            meta["next_token"] = str(offset + count)
        return json_response({"data": data, "meta": meta})

    def segments_user(self, path: str) -> str:
        return path[len(self.prefix) :].split("/")[3]


def _rfc3339(value) -> float | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
