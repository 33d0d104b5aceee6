"""A fake Instagram Graph API: publishing limit, containers, their status, media_publish.

Routes (names for ``fail_next(endpoint=...)``): ``publishing_limit``, ``create_container``,
``container_status``, ``media_publish`` (alias ``publish``, the default), ``media_read``,
``media_list``; insights: ``account_insights``, ``profile``, ``media_insights``.
``created`` holds published media; ``containers`` every container made. Insights answer in
the documented shapes: the account's ``total_value`` per metric over ``since``…``until``
(days in WIB, set with ``set_day``), media insights as lifetime ``values``.
"""

import datetime
import re

from werkzeug import Request, Response

from campaigns.networks.base import count_hashtags

from .graph import FakeGraph, bad, graph_time, new_id, page_of, since_until_days
from .server import Call, json_response

ACCOUNT_METRICS = frozenset(
    {
        "reach",
        "views",
        "likes",
        "comments",
        "shares",
        "saves",
        "total_interactions",
        "profile_links_taps",
        "follows_and_unfollows",
        "accounts_engaged",
        "replies",
    }
)
MEDIA_METRICS = frozenset(
    {"reach", "views", "likes", "comments", "shares", "saved", "total_interactions", "follows"}
)


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
        # Insights: {day: {metric: value}}, the profile's fields, {media id: {metric: value}}.
        self.days: dict[datetime.date, dict[str, int]] = {}
        self.profile = {"followers_count": 52_300, "media_count": 1_200}
        self.insights: dict[str, dict[str, int]] = {}
        self.deleted_media: set[str] = set()

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

    def set_day(self, day: datetime.date, **values: int) -> None:
        """The account's totals for one day (a later call revises them, as Instagram does)."""
        with self.lock:
            self.days.setdefault(day, {}).update(values)

    def add_media(self, caption: str = "", **insights: int) -> str:
        """A published media (as if posted earlier) with its lifetime insights."""
        with self.lock:
            media_id = new_id()
            self.media[media_id] = {
                "id": media_id,
                "caption": caption,
                "media_type": "IMAGE",
                "permalink": f"https://www.instagram.com/p/FAKE{media_id[-6:]}/",
                "timestamp": graph_time(),
            }
            self.insights[media_id] = dict(insights)
            return media_id

    def set_media_insights(self, media_id: str, **insights: int) -> None:
        with self.lock:
            self.insights.setdefault(media_id, {}).update(insights)

    def delete_media(self, media_id: str) -> None:
        with self.lock:
            self.media.pop(media_id, None)
            self.deleted_media.add(media_id)

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
                ("GET", "insights"): "account_insights",
            }.get((method, parts[1]))
            return (name, ()) if name else None
        if len(parts) == 2 and method == "GET" and parts[1] == "insights":
            known = parts[0] in self.media or parts[0] in self.deleted_media
            return ("media_insights", ()) if known else None
        if len(parts) == 1 and method == "GET":
            if parts[0] == self.ig_user_id:
                return "profile", ()
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
        """The account's media, newest first, filtered by ``since``/``until`` and paged."""
        fields = call.params.get("fields", "id").split(",")
        url = self.server.url_for(call.path)
        answer = page_of(self.created, call.query, url, "timestamp")
        answer["data"] = [{k: m[k] for k in ["id", *fields] if k in m} for m in answer["data"]]
        return json_response(answer)

    # --- insights ---------------------------------------------------------------------
    def _account_insights(self, call: Call, parts) -> Response:
        params = call.params
        metrics = [m for m in params.get("metric", "").split(",") if m]
        if not metrics:
            return bad(100, "(#100) The parameter metric is required", subcode=1504028)
        if unknown := [m for m in metrics if m not in ACCOUNT_METRICS]:
            return bad(100, f"(#100) metric[0] must be one of the following values: {unknown[0]}")
        if params.get("period") != "day":
            return bad(100, "(#100) The parameter period must be day for these metrics")
        if params.get("metric_type") != "total_value":
            return bad(
                100,
                "(#100) The following metrics should be specified with parameter "
                "metric_type=total_value",
            )
        days = since_until_days(params)
        if days is None:
            return bad(100, "(#100) since and until are required and at most 30 days apart")
        data = []
        for metric in metrics:
            values = [self.days[d][metric] for d in days if metric in self.days.get(d, {})]
            if not values:
                continue
            data.append(
                {
                    "name": metric,
                    "period": "day",
                    "title": metric.replace("_", " ").capitalize(),
                    "description": "",
                    "total_value": {"value": sum(values)},
                    "id": f"{self.ig_user_id}/insights/{metric}/day",
                }
            )
        return json_response({"data": data, "paging": {}})

    def _profile(self, call: Call, parts) -> Response:
        fields = call.params.get("fields", "id").split(",")
        profile = {"id": self.ig_user_id, "username": "tangerangkota", **self.profile}
        return json_response({k: profile[k] for k in ["id", *fields] if k in profile})

    def _media_insights(self, call: Call, parts) -> Response:
        media_id = parts[0]
        if media_id in self.deleted_media:
            return bad(
                100,
                f"Unsupported get request. Object with ID '{media_id}' does not exist, cannot "
                "be loaded due to missing permissions, or does not support this operation.",
                subcode=33,
                kind="GraphMethodException",
            )
        metrics = [m for m in call.params.get("metric", "").split(",") if m]
        if not metrics or (unknown := [m for m in metrics if m not in MEDIA_METRICS]):
            wrong = unknown[0] if metrics else ""
            return bad(100, f"(#100) metric[0] must be one of the following values: {wrong}")
        known = self.insights.get(media_id, {})
        data = [
            {
                "name": metric,
                "period": "lifetime",
                "values": [{"value": known[metric]}],
                "title": metric.capitalize(),
                "id": f"{media_id}/insights/{metric}/lifetime",
            }
            for metric in metrics
            if metric in known
        ]
        return json_response({"data": data})
