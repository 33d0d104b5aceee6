"""The head of Humas's dashboard panel: posts waiting for a decision, soonest first."""

from collections.abc import Mapping
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .. import approvals
from ..forms import format_wib
from ..models import Post, PostStatus

LIMIT = 10


class PendingPostsPanel(Component):
    name = "campaigns_pending_posts"
    template_name = "campaigns/home/pending_posts.html"
    order = 90

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        waiting = Post.objects.filter(status=PostStatus.PENDING_APPROVAL).select_related(
            "author", "campaign"
        )
        posts = waiting.order_by(F("scheduled_at").asc(nulls_first=True), "pk")[:LIMIT]
        return {
            "posts": [
                {
                    "post": post,
                    "url": reverse("campaigns_post:edit", args=[post.pk]),
                    "schedule": "Segera" if post.send_now else format_wib(post.scheduled_at),
                }
                for post in posts
            ],
            "total": waiting.count(),
            "listing_url": reverse("campaigns_post:index") + "?status=pending_approval",
        }


@hooks.register("construct_homepage_panels")
def add_pending_posts_panel(request: HttpRequest, panels: list[Component]) -> None:
    if request.user.has_perm(approvals.APPROVE_PERMISSION):
        panels.append(PendingPostsPanel())
