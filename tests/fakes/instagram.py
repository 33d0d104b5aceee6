"""A fake Instagram Graph API: publishing limit, containers, their status, media_publish.

Routes (names for ``fail_next(endpoint=...)``): ``publishing_limit``, ``create_container``,
``container_status``, ``media_publish`` (alias ``publish``, the default), ``media_read``,
``media_list``. ``created`` holds published media; ``containers`` every container made.
"""

import re

from werkzeug import Request, Response

from campaigns.networks.base import count_hashtags

from .graph import FakeGraph, bad, graph_time, new_id
from .server import Call, json_response


class FakeInstagram(FakeGraph):
    token = "ig-token-rahasia"  # tests/campaigns/factories.py DEFAULT_CREDENTIALS
    aliases = {"publish": frozenset({"media_publish"})}
    create_routes = frozenset({"media_publish"})
    default_fault_route = "media_publish"

    def __init__(self, server, ig_user_id: str = "17841400000000001") -> None:
        super().__init__(server)
        self.ig_user_id = ig_user_id
        self.containers: dict[str, dict] = {}
        self.media: dict[str, dict] = {}
        self.quota_total = 100
        self.quota_duration = 86_400
        self.extra_usage = 0
        self.new_container_statuses = ["FINISHED"]

    # --- programming ------------------------------------------------------------------
    def exhaust_quota(self) -> None:
        self.extra_usage = self.quota_total - len(self.created)

    def set_container_statuses(self, *statuses: str) -> None:
        """Statuses successive polls of each *new* container return (the last one stays)."""
        self.new_container_statuses = list(statuses)

    def set_status(self, container_id: str, *statuses: str) -> None:
        with self.lock:
            self.containers[container_id]["statuses"] = list(statuses)

    def add_container(self, *statuses: str, caption: str = "") -> str:
        """A container made earlier (e.g. by a run that died), in the given state."""
        with self.lock:
            container = {
                "id": new_id(),
                "caption": caption,
                "alt_text": "",
                "is_carousel_item": False,
                "media_type": "IMAGE",
                "image_url": self.image_url(),
                "statuses": list(statuses or ["FINISHED"]),
            }
            self.containers[container["id"]] = container
            return container["id"]

    @property
    def container_creates(self) -> int:
        return len(self.calls_to("create_container"))

    @property
    def quota_usage(self) -> int:
        return len(self.created) + self.extra_usage

    # --- routing ----------------------------------------------------------------------
    def route(self, method: str, path: str):
        parts = self.segments(path)
        if len(parts) == 2 and parts[0] == self.ig_user_id:
            name = {
                ("GET", "content_publishing_limit"): "publishing_limit",
                ("POST", "media"): "create_container",
                ("GET", "media"): "media_list",
                ("POST", "media_publish"): "media_publish",
            }.get((method, parts[1]))
            return (name, ()) if name else None
        if len(parts) == 1 and method == "GET":
            if parts[0] in self.containers:
                return "container_status", ()
            if parts[0] in self.media:
                return "media_read", ()
        return None

    def answer(self, call: Call, request: Request) -> Response:
        if refused := self.check_token(call):
            return refused
        handler = getattr(self, f"_{call.route}")
        return handler(call, self.segments(call.path))

    # --- the API ----------------------------------------------------------------------
    def _publishing_limit(self, call: Call, parts) -> Response:
        fields = call.params.get("fields", "")
        row: dict = {}
        if "quota_usage" in fields:
            row["quota_usage"] = self.quota_usage
        if "config" in fields:
            row["config"] = {"quota_total": self.quota_total, "quota_duration": self.quota_duration}
        return json_response({"data": [row]})

    def _create_container(self, call: Call, parts) -> Response:
        params = call.params
        caption = params.get("caption", "")
        if len(caption) > 2200:
            return bad(100, "(#100) The caption is too long (more than 2200 characters).")
        if count_hashtags(caption) > 30:
            return bad(100, "(#100) The caption has more than 30 hashtags.")
        container = {
            "id": new_id(),
            "caption": caption,
            "alt_text": params.get("alt_text", ""),
            "is_carousel_item": params.get("is_carousel_item") == "true",
            "statuses": list(self.new_container_statuses),
        }
        if params.get("media_type") == "CAROUSEL":
            children = [c for c in params.get("children", "").split(",") if c]
            if not 2 <= len(children) <= 10:
                return bad(100, "(#100) A carousel needs 2 to 10 children.")
            for child in children:
                known = self.containers.get(child)
                if not known or not known["is_carousel_item"]:
                    return bad(100, f"(#100) The children parameter is invalid: {child}.")
                if known["statuses"][0] != "FINISHED":
                    return bad(9007, "The media is not ready for publishing.", subcode=2207027)
            container |= {"media_type": "CAROUSEL", "children": children}
        else:
            url = params.get("image_url", "")
            if not re.match(r"^https?://", url):
                return bad(100, "(#100) The parameter image_url is required.")
            container |= {"media_type": "IMAGE", "image_url": url}
        self.containers[container["id"]] = container
        return json_response({"id": container["id"]})

    def _container_status(self, call: Call, parts) -> Response:
        container = self.containers[parts[0]]
        status = container["statuses"][0]
        if len(container["statuses"]) > 1:
            container["statuses"].pop(0)
        answer = {"id": container["id"], "status_code": status}
        if "status" in call.params.get("fields", "").split(","):
            answer["status"] = status if status != "ERROR" else "Error: Media download failed."
        return json_response(answer)

    def _media_publish(self, call: Call, parts) -> Response:
        container = self.containers.get(call.params.get("creation_id", ""))
        if container is None or container["is_carousel_item"]:
            return bad(100, "(#100) The parameter creation_id is invalid.")
        status = container["statuses"][0]
        if status == "PUBLISHED":
            return bad(100, "(#100) This media container has already been published.")
        if status == "EXPIRED":
            return bad(100, "The media container has expired.", subcode=2207020)
        if status != "FINISHED":
            return bad(9007, "The media is not ready for publishing.", subcode=2207027)
        if self.quota_usage >= self.quota_total:
            return bad(9, "Application request limit reached", subcode=2207042)
        media_id = new_id()
        media = {
            "id": media_id,
            "caption": container["caption"],
            "media_type": container["media_type"],
            "permalink": f"https://www.instagram.com/p/FAKE{media_id[-6:]}/",
            "timestamp": graph_time(),
            "container_id": container["id"],
        }
        self.media[media_id] = media
        self.created.append(media)
        container["statuses"] = ["PUBLISHED"]
        return json_response({"id": media_id})

    def _media_read(self, call: Call, parts) -> Response:
        media = self.media[parts[0]]
        fields = call.params.get("fields", "id").split(",")
        return json_response({key: media[key] for key in ["id", *fields] if key in media})

    def _media_list(self, call: Call, parts) -> Response:
        fields = call.params.get("fields", "id").split(",")
        limit = int(call.params.get("limit", 25))
        newest = list(reversed(self.created))[:limit]
        return json_response(
            {"data": [{k: m[k] for k in ["id", *fields] if k in m} for m in newest]}
        )
