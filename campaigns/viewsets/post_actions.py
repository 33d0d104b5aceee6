"""Buttons on a post: submit, approve, reject, withdraw, cancel, and retry or cancel one
delivery. Each calls ``campaigns.approvals``, where the rules live, and returns to the post."""

from collections.abc import Callable

from django.contrib import messages as django_messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
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


def _edit_url(post_id: int) -> str:
    return reverse("campaigns_post:edit", args=[post_id])


def _act(request, post_id: int, action: Callable, done: str, failed: str, allowed: tuple):
    """Run ``action`` if the policy allows ``allowed`` = (policy action, object)."""
    policy.require(request.user, *allowed)
    try:
        action()
    except ValidationError as error:
        show_errors(request, failed, error)
    else:
        messages.success(request, done)
    return redirect(_edit_url(post_id))


@require_POST
def submit(request, pk):
    post = get_object_or_404(Post, pk=pk)
    return _act(
        request,
        pk,
        lambda: approvals.submit(post, request.user),
        "Unggahan diajukan ke Kepala Humas untuk disetujui.",
        "Unggahan belum dapat diajukan:",
        ("submit", post),
    )


def _decide(request, pk, decide, decision: str, done: str, refused: str):
    """Approve or reject, with the head of Humas's comment from the form."""
    post = get_object_or_404(Post, pk=pk)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        lambda: decide(post, request.user, comment),
        done,
        refused,
        (decision, post),
    )


@require_POST
def approve(request, pk):
    return _decide(
        request,
        pk,
        approvals.approve,
        "approve",
        "Unggahan disetujui dan dijadwalkan.",
        "Unggahan tidak dapat disetujui:",
    )


@require_POST
def reject(request, pk):
    return _decide(
        request,
        pk,
        approvals.reject,
        "reject",
        "Unggahan ditolak; penulis diberi tahu.",
        "Unggahan tidak dapat ditolak:",
    )


@require_POST
def withdraw(request, pk):
    post = get_object_or_404(Post, pk=pk)
    return _act(
        request,
        pk,
        lambda: approvals.withdraw(post, request.user),
        "Unggahan ditarik kembali menjadi draf.",
        "Unggahan tidak dapat ditarik:",
        ("withdraw", post),
    )


@require_POST
def cancel(request, pk):
    post = get_object_or_404(Post, pk=pk)
    return _act(
        request,
        pk,
        lambda: approvals.cancel(post, request.user),
        "Pengiriman yang belum berjalan dibatalkan.",
        "Unggahan tidak dapat dibatalkan:",
        ("cancel", post),
    )


@require_POST
def retry_delivery(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    return _act(
        request,
        delivery.post_id,
        lambda: approvals.retry_delivery(delivery, request.user),
        f"Pengiriman ke {delivery.account} dijadwalkan ulang sekarang.",
        f"Pengiriman ke {delivery.account} tidak dapat dicoba ulang:",
        ("retry", delivery),
    )


@require_POST
def cancel_delivery(request, pk):
    delivery = get_object_or_404(Delivery, pk=pk)
    return _act(
        request,
        delivery.post_id,
        lambda: approvals.cancel_delivery(delivery, request.user),
        f"Pengiriman ke {delivery.account} dibatalkan.",
        f"Pengiriman ke {delivery.account} tidak dapat dibatalkan:",
        ("cancel", delivery),
    )
