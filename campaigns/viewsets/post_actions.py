"""Buttons on a post: submit, approve, reject, withdraw, cancel, and retry or cancel one
delivery. One view reads ``ACTIONS``: what each button changes (a function of
``campaigns.approvals``, where the rules live), who may press it (``campaigns.policy``) and
what is said afterwards. Every button returns to the post."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.contrib import messages as django_messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views import View
from wagtail.admin import messages
from wagtail.admin.messages import render

from .. import approvals, policy
from ..forms import DecisionForm
from ..models import Delivery, Post


def show_errors(request, heading: str, error: ValidationError) -> None:
    """Every message of ``error`` in one admin message, under ``heading``."""
    detail = format_html(
        '<ul class="errorlist">{}</ul>',
        format_html_join("\n", "<li>{}</li>", ((text,) for text in error.messages)),
    )
    django_messages.error(request, render(heading, None, detail=detail))


@dataclass(frozen=True)
class PostAction:
    """One button. ``transition(obj, user, comment)`` makes the change; ``permission`` is the
    policy's name for it; ``done`` and ``failed`` may name the delivery's ``{account}``."""

    path: str
    model: type[models.Model]
    transition: Callable
    permission: str
    done: str
    failed: str


ACTIONS: dict[str, PostAction] = {
    "submit": PostAction(
        "submit/<int:pk>/",
        Post,
        lambda post, user, comment: approvals.submit(post, user),
        "submit",
        "Unggahan diajukan ke Kepala Humas untuk disetujui.",
        "Unggahan belum dapat diajukan:",
    ),
    "approve": PostAction(
        "approve/<int:pk>/",
        Post,
        approvals.approve,
        "approve",
        "Unggahan disetujui dan dijadwalkan.",
        "Unggahan tidak dapat disetujui:",
    ),
    "reject": PostAction(
        "reject/<int:pk>/",
        Post,
        approvals.reject,
        "reject",
        "Unggahan ditolak; penulis diberi tahu.",
        "Unggahan tidak dapat ditolak:",
    ),
    "withdraw": PostAction(
        "withdraw/<int:pk>/",
        Post,
        lambda post, user, comment: approvals.withdraw(post, user),
        "withdraw",
        "Unggahan ditarik kembali menjadi draf.",
        "Unggahan tidak dapat ditarik:",
    ),
    "cancel": PostAction(
        "cancel/<int:pk>/",
        Post,
        lambda post, user, comment: approvals.cancel(post, user),
        "cancel",
        "Pengiriman yang belum berjalan dibatalkan.",
        "Unggahan tidak dapat dibatalkan:",
    ),
    "retry_delivery": PostAction(
        "delivery/<int:pk>/retry/",
        Delivery,
        lambda delivery, user, comment: approvals.retry_delivery(delivery, user),
        "retry",
        "Pengiriman ke {account} dijadwalkan ulang sekarang.",
        "Pengiriman ke {account} tidak dapat dicoba ulang:",
    ),
    "cancel_delivery": PostAction(
        "delivery/<int:pk>/cancel/",
        Delivery,
        lambda delivery, user, comment: approvals.cancel_delivery(delivery, user),
        "cancel",
        "Pengiriman ke {account} dibatalkan.",
        "Pengiriman ke {account} tidak dapat dibatalkan:",
    ),
}


class PostActionView(View):
    """POST only: the policy decides, the transition acts, the post's page shows the result."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, pk):
        action = ACTIONS[self.action]
        obj = get_object_or_404(action.model, pk=pk)
        policy.require(request.user, action.permission, obj)
        post_id = obj.pk if isinstance(obj, Post) else cast(Delivery, obj).post_id
        words = {"account": obj.account} if isinstance(obj, Delivery) else {}
        form = DecisionForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        try:
            action.transition(obj, request.user, comment)
        except ValidationError as error:
            show_errors(request, action.failed.format(**words), error)
        else:
            messages.success(request, action.done.format(**words))
        return redirect(reverse("campaigns_post:edit", args=[post_id]))


def action_urls() -> list:
    """One URL per action, named as the action (``campaigns_post:approve``, ...)."""
    return [
        path(action.path, PostActionView.as_view(action=name), name=name)
        for name, action in ACTIONS.items()
    ]
