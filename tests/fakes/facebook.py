"""A fake Facebook Page on the Graph API: ``/feed``, ``/photos`` and reading ``/posts``.

Routes (names for ``fail_next(endpoint=...)``): ``feed`` (the default), ``photos`` (alias
``publish`` = both), ``posts``; insights: ``page_insights``, ``post_insights``. ``created``
holds the Page's posts; ``uploads`` the unpublished photos waiting to be attached. Page
insights answer a daily series (``values`` with ``end_time``, 08:00 UTC after the day, as
the platform's Pacific-time days do), post insights lifetime values. Metrics withdrawn in
2025 (``page_impressions*``, ``page_fans``, ``post_impressions*``) answer error #100.
"""

import datetime
import json
import re

from werkzeug import Request, Response

from .graph import FakeGraph, bad, graph_time, new_id, page_of, since_until_days
from .server import Call, json_response

PAGE_METRICS = frozenset(
    {
        "page_follows",
        "page_media_view",
        "page_total_media_view_unique",
        "page_post_engagements",
        "page_views_total",
        "page_daily_follows",
        "page_daily_unfollows_unique",
    }
)
POST_METRICS = frozenset(
    {
        "post_media_view",
        "post_total_media_view_unique",
        "post_reactions_by_type_total",
        "post_clicks",
    }
)


class FakeFacebook(FakeGraph):
    token = "fb-page-token-rahasia"  # tests/campaigns/factories.py DEFAULT_CREDENTIALS
    user_token = "fb-user-token"  # a *user* token: Graph answers #200 for Page posts
    aliases = {"publish": frozenset({"feed", "photos"})}
    create_routes = frozenset({"feed", "photos"})
    default_fault_route = "feed"

    def __init__(self, server, page_id: str = "104000000000001") -> None:
        super().__init__(server)
        self.page_id = page_id
        self.photos: dict[str, dict] = {}
        # Insights: {day: {metric: value}} for the Page, {post id: {metric: value}}.
        self.days: dict[datetime.date, dict[str, int]] = {}
        self.insights: dict[str, dict] = {}

    @property
    def create_calls(self) -> int:
        """Requests that could make a post public (unpublished photo uploads excluded)."""
        return sum(
            1
            for call in self.calls_to("feed", "photos")
            if str(call.params.get("published", "true")).lower() != "false"
        )

    @property
    def uploads(self) -> list[dict]:
        return [photo for photo in self.photos.values() if not photo["published"]]

    def add_existing_post(self, message: str, created_time: str) -> dict:
        """A post already on the Page before the test (e.g. last year's same announcement)."""
        with self.lock:
            post = self._new_post(message)
            post["created_time"] = created_time
            return post

    def set_day(self, day: datetime.date, **values: int) -> None:
        """The Page's values for one day (a later call revises them)."""
        with self.lock:
            self.days.setdefault(day, {}).update(values)

    def add_post(self, message: str = "Pengumuman", **insights) -> str:
        """A post already on the Page with its lifetime insights; returns its id."""
        with self.lock:
            post = self._new_post(message)
            self.insights[post["id"]] = dict(insights)
            return post["id"]

    def route(self, method: str, path: str):
        parts = self.segments(path)
        if len(parts) == 2 and parts[0] == self.page_id:
            name = {
                ("POST", "feed"): "feed",
                ("POST", "photos"): "photos",
                ("GET", "posts"): "posts",
                ("GET", "insights"): "page_insights",
            }.get((method, parts[1]))
            return (name, ()) if name else None
        if len(parts) == 2 and method == "GET" and parts[1] == "insights":
            known = any(post["id"] == parts[0] for post in self.created)
            return ("post_insights", ()) if known else None
        return None

    def check_token(self, call: Call) -> Response | None:
        if call.params.get("access_token") == self.user_token:
            return bad(
                200,
                "(#200) If posting to a page, requires both pages_read_engagement and "
                "pages_manage_posts as an admin with sufficient administrative permission",
                status=403,
            )
        return super().check_token(call)

    def answer(self, call: Call, request: Request) -> Response:
        if refused := self.check_token(call):
            return refused
        return getattr(self, f"_{call.route}")(call)

    def _new_post(self, message: str, **extra) -> dict:
        number = new_id()
        post = {
            "id": f"{self.page_id}_{number}",
            "message": message,
            "created_time": graph_time(),
            "permalink_url": f"https://www.facebook.com/{self.page_id}/posts/{number}",
            **extra,
        }
        if not message:
            del post["message"]
        self.created.append(post)
        return post

    def _feed(self, call: Call) -> Response:
        params = call.params
        message, link = params.get("message", ""), params.get("link", "")
        attached = []
        for key in sorted(k for k in params if k.startswith("attached_media[")):
            try:
                fbid = json.loads(params[key])["media_fbid"]
            except (ValueError, KeyError, TypeError):
                return bad(100, f"(#100) Param {key} must be a JSON object with media_fbid")
            photo = self.photos.get(str(fbid))
            if photo is None or photo["published"] or photo.get("attached"):
                return bad(100, f"(#100) Invalid media_fbid {fbid}")
            attached.append(photo)
        if not (message or link or attached):
            return bad(100, "(#100) Missing message or attachment")
        if link and not re.match(r"^https?://", link):
            return bad(100, "(#100) The link is not a valid URL")
        for photo in attached:
            photo["attached"] = True
        post = self._new_post(message, link=link, photos=[p["id"] for p in attached])
        return json_response({"id": post["id"]})

    def _photos(self, call: Call) -> Response:
        params = call.params
        url = params.get("url", "")
        if not re.match(r"^https?://", url):
            return bad(324, "(#324) Requires upload file")
        published = str(params.get("published", "true")).lower() != "false"
        photo = {"id": new_id(), "url": url, "published": published}
        self.photos[photo["id"]] = photo
        if not published:
            return json_response({"id": photo["id"]})
        caption = params.get("caption") or params.get("message") or ""
        post = self._new_post(caption, photos=[photo["id"]])
        return json_response({"id": photo["id"], "post_id": post["id"]})

    def _posts(self, call: Call) -> Response:
        """The Page's posts, newest first, filtered by ``since``/``until`` and paged."""
        fields = call.params.get("fields", "id").split(",")
        url = self.server.url_for(call.path)
        answer = page_of(self.created, call.query, url, "created_time")
        answer["data"] = [{k: p[k] for k in ["id", *fields] if k in p} for p in answer["data"]]
        return json_response(answer)

    # --- insights ---------------------------------------------------------------------
    def _page_insights(self, call: Call) -> Response:
        params = call.params
        metrics = [m for m in params.get("metric", "").split(",") if m]
        if not metrics:
            return bad(3001, "No metric was specified to be fetched.", subcode=1504028)
        if unknown := [m for m in metrics if m not in PAGE_METRICS]:
            return bad(100, f"(#100) The value must be a valid insights metric: {unknown[0]}")
        if params.get("period") != "day":
            return bad(100, "(#100) period must be day for this request")
        days = since_until_days(params, limit=90)
        if days is None:
            return bad(100, "(#100) since and until must be a range of at most 90 days")
        data = []
        for metric in metrics:
            values = [
                {"value": self.days[d][metric], "end_time": _end_time(d)}
                for d in days
                if metric in self.days.get(d, {})
            ]
            data.append(
                {
                    "name": metric,
                    "period": "day",
                    "values": values,
                    "title": metric,
                    "description": "",
                    "id": f"{self.page_id}/insights/{metric}/day",
                }
            )
        return json_response({"data": data, "paging": {}})

    def _post_insights(self, call: Call) -> Response:
        post_id = self.segments(call.path)[0]
        metrics = [m for m in call.params.get("metric", "").split(",") if m]
        if not metrics or (unknown := [m for m in metrics if m not in POST_METRICS]):
            wrong = unknown[0] if metrics else ""
            return bad(100, f"(#100) The value must be a valid insights metric: {wrong}")
        known = self.insights.get(post_id, {})
        data = [
            {
                "name": metric,
                "period": "lifetime",
                "values": [{"value": known[metric]}],
                "id": f"{post_id}/insights/{metric}/lifetime",
            }
            for metric in metrics
            if metric in known
        ]
        return json_response({"data": data, "paging": {}})


def _end_time(day: datetime.date) -> str:
    """The end of the platform's day: 08:00 UTC the next morning (midnight Pacific)."""
    return f"{day + datetime.timedelta(days=1)}T08:00:00+0000"
