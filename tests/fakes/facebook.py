"""A fake Facebook Page on the Graph API: ``/feed``, ``/photos`` and reading ``/posts``.

Routes (names for ``fail_next(endpoint=...)``): ``feed`` (the default), ``photos`` (alias
``publish`` = both), ``posts``. ``created`` holds the Page's posts; ``uploads`` the
unpublished photos waiting to be attached.
"""

import json
import re

from werkzeug import Request, Response

from .graph import FakeGraph, bad, graph_time, new_id
from .server import Call, json_response


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

    def route(self, method: str, path: str):
        parts = self.segments(path)
        if len(parts) == 2 and parts[0] == self.page_id:
            name = {
                ("POST", "feed"): "feed",
                ("POST", "photos"): "photos",
                ("GET", "posts"): "posts",
            }.get((method, parts[1]))
            return (name, ()) if name else None
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
        fields = call.params.get("fields", "id").split(",")
        limit = int(call.params.get("limit", 25))
        newest = list(reversed(self.created))[:limit]
        return json_response(
            {"data": [{k: p[k] for k in ["id", *fields] if k in p} for p in newest], "paging": {}}
        )
