"""What people do to posts: submit, approve, reject, withdraw, cancel, retry.

The admin and the REST API both call these functions, so the rules live in one place.
Each decision is recorded as an ``Approval`` with the exact content decided on.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.links import remote_url

from . import audit, policy
from .models import (
    AccountStatus,
    Approval,
    ApprovalDecision,
    AttemptOutcome,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
    Post,
    PostStatus,
)
from .models.posts import EDITABLE_STATUSES
from .notify import heads_of_humas, notify, post_admin_url
from .states import (
    CANCELLABLE,
    MACHINE,
    MARKABLE_PUBLISHED,
    PERSON,
    RETRYABLE_BY_USER,
    WITHDRAWABLE,
    move,
)
from .validation import check_post

APPROVE_PERMISSION = policy.APPROVE_PERMISSION
RECONNECT = "Akun perlu dihubungkan ulang."
DESTINATION_CHANGED = "Tujuan akun berubah: menunggu konfirmasi Kepala Humas."
SELF_APPROVED = "Disetujui sendiri (self-approved)"


class TransitionError(ValidationError):
    """The action does not apply to the post or delivery as it is now."""


def snapshot(post: Post) -> dict[str, Any]:
    """The exact content a decision is about."""
    return {
        "text": post.text,
        "link": post.link(),
        "send_now": post.send_now,
        "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at else None,
        "images": [
            {"image_id": item.image_id, "alt_text": item.alt_text} for item in post.images.all()
        ],
        "deliveries": [
            {"account_id": d.account_id, "account": str(d.account), "text": d.text}
            for d in post.deliveries.select_related("account")
        ],
    }


def _record(
    post: Post, decision: str, user: User | None, logged_as: str, comment: str = ""
) -> Approval:
    """The decision with its content, and its line in the post's history (``audit``)."""
    audit.log_decision(post, logged_as, user, comment)
    return Approval.objects.create(
        post=post, decision=decision, actor=user, comment=comment, snapshot=snapshot(post)
    )


def _set_deliveries(post: Post, status: str, by: str = PERSON, **fields: Any) -> int:
    """Move the post's deliveries that may go to ``status`` (see ``campaigns.states``)."""
    return move(post.deliveries.all(), status, by=by, **fields)


def _is_overdue(post: Post, now: datetime.datetime | None = None) -> bool:
    return (
        not post.send_now
        and post.scheduled_at is not None
        and post.scheduled_at <= (now or timezone.now())
    )


@transaction.atomic
def submit(post: Post, user: User) -> Post:
    """A manager asks the head of Humas to approve the post as it is now."""
    if post.status not in EDITABLE_STATUSES:
        raise TransitionError("Hanya draf atau unggahan yang ditolak yang dapat diajukan.")
    errors = check_post(post)
    if _is_overdue(post):
        errors.append("Waktu tayang sudah lewat: pilih waktu yang akan datang.")
    if errors:
        raise ValidationError(errors)
    post.status = PostStatus.PENDING_APPROVAL
    post.save(update_fields=["status", "updated_at"])
    _set_deliveries(post, DeliveryStatus.PENDING_APPROVAL)
    _record(post, ApprovalDecision.SUBMITTED, user, audit.SUBMIT)
    when = (
        "segera setelah disetujui"
        if post.send_now
        else f"{timezone.localtime(post.scheduled_at):%d-%m-%Y %H:%M} WIB"
    )
    transaction.on_commit(
        lambda: notify(
            heads_of_humas(),
            f"Menunggu persetujuan: {post}",
            f"{user} mengajukan unggahan untuk tayang {when}. Tanpa persetujuan sebelum "
            "waktu itu, unggahan kedaluwarsa dan tidak dikirim.",
            post_admin_url(post),
        )
    )
    return post


def approve(post: Post, user: User, comment: str = "") -> Post:
    """The head of Humas approves: the deliveries are scheduled for the post's time.
    Too late (the time has passed) the post expires instead, and that is kept."""
    policy.require(user, "approve", post)  # the head of Humas, and not their own post
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.status != PostStatus.PENDING_APPROVAL:
            raise TransitionError("Unggahan ini tidak sedang menunggu persetujuan.")
        if not _is_overdue(post):
            return _approve(post, user, comment)
        _expire(post)
    raise TransitionError(
        "Waktu tayang sudah lewat sebelum disetujui: unggahan kedaluwarsa dan tidak dikirim."
    )


def _approve(post: Post, user: User, comment: str) -> Post:
    errors = check_post(post)
    if errors:
        raise ValidationError(errors)
    due = post.due_time()
    post.status = PostStatus.APPROVED
    post.save(update_fields=["status", "updated_at"])
    _set_deliveries(post, DeliveryStatus.SCHEDULED, scheduled_for=due, due_at=due)
    move(
        post.deliveries.filter(account__status=AccountStatus.NEEDS_RECONNECT),
        DeliveryStatus.HELD,
        by=PERSON,
        status_reason=RECONNECT,
    )
    held = post.deliveries.filter(account__destination_held=True)
    held.filter(status=DeliveryStatus.HELD).update(status_reason=DESTINATION_CHANGED)
    move(held, DeliveryStatus.HELD, by=PERSON, status_reason=DESTINATION_CHANGED)
    if policy.self_approval(post, user):  # only reached when ALLOW_SELF_APPROVAL is on
        comment = f"{SELF_APPROVED}. {comment}".strip()
    _record(post, ApprovalDecision.APPROVED, user, audit.APPROVE, comment)
    return post


@transaction.atomic
def reject(post: Post, user: User, comment: str) -> Post:
    policy.require(user, "reject", post)
    if not comment.strip():
        raise ValidationError({"comment": "Tulis alasan penolakan untuk penulis."})
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status != PostStatus.PENDING_APPROVAL:
        raise TransitionError("Unggahan ini tidak sedang menunggu persetujuan.")
    post.status = PostStatus.REJECTED
    post.save(update_fields=["status", "updated_at"])
    _set_deliveries(post, DeliveryStatus.DRAFT)
    _record(post, ApprovalDecision.REJECTED, user, audit.REJECT, comment)
    notify(
        [post.author],
        f"Unggahan ditolak: {post}",
        f"Kepala Humas menolak unggahan Anda.\n\nAlasan: {comment}",
        post_admin_url(post),
    )
    return post


WITHDRAWABLE_POSTS = (PostStatus.PENDING_APPROVAL, PostStatus.APPROVED, PostStatus.EXPIRED)


def may_withdraw(post: Post, delivery_statuses: Iterable[str]) -> bool:
    """Whether the post can go back to draft: nothing of it was sent or is being sent."""
    waiting = set(WITHDRAWABLE)
    if post.status == PostStatus.EXPIRED:
        waiting.add(DeliveryStatus.CANCELLED)
    return post.status in WITHDRAWABLE_POSTS and set(delivery_statuses) <= waiting


def progress_label(post: Post, delivery_statuses: Iterable[str]) -> str:
    """The post's status as people need it: an approved post says how its deliveries went,
    never "terjadwal" once some failed or were sent."""
    label: str = post.get_status_display()
    if post.status != PostStatus.APPROVED:
        return label
    statuses = set(delivery_statuses)
    attention = statuses & {DeliveryStatus.FAILED, DeliveryStatus.MISSED}
    uncertain = statuses & {DeliveryStatus.CHECKING, DeliveryStatus.UNCONFIRMED}
    if attention and uncertain:
        return "Disetujui — ada pengiriman gagal dan yang belum pasti terbit"
    if attention:
        return "Disetujui — ada pengiriman gagal atau terlewat"
    if uncertain:
        return "Disetujui — ada pengiriman yang belum pasti terbit"
    if statuses and statuses <= {DeliveryStatus.PUBLISHED, DeliveryStatus.CANCELLED}:
        return "Disetujui — sudah terbit"
    if statuses & {DeliveryStatus.CLAIMED, DeliveryStatus.PUBLISHING, DeliveryStatus.PUBLISHED}:
        return "Disetujui — sedang dikirim"
    return label


@transaction.atomic
def withdraw(post: Post, user: User) -> Post:
    """Back to draft, to edit: only before anything was sent."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.status not in WITHDRAWABLE_POSTS:
        raise TransitionError(
            "Hanya unggahan yang diajukan, terjadwal atau kedaluwarsa yang dapat ditarik."
        )
    if not may_withdraw(post, post.deliveries.values_list("status", flat=True)):
        raise TransitionError("Sebagian sudah dikirim atau sedang dikirim: tidak dapat ditarik.")
    post.status = PostStatus.DRAFT
    post.save(update_fields=["status", "updated_at"])
    _set_deliveries(post, DeliveryStatus.DRAFT, scheduled_for=None, due_at=None)
    _record(post, ApprovalDecision.CANCELLED, user, audit.WITHDRAW, "Ditarik kembali menjadi draf.")
    return post


@transaction.atomic
def cancel(post: Post, user: User) -> Post:
    """Stop every delivery that has not gone out yet."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    move(
        post.deliveries.all(),
        DeliveryStatus.CANCELLED,
        by=PERSON,
        due_at=None,
        status_reason=f"Dibatalkan oleh {user}.",
    )
    if not post.deliveries.exclude(status=DeliveryStatus.CANCELLED).exists():
        post.status = PostStatus.CANCELLED
        post.save(update_fields=["status", "updated_at"])
    _record(post, ApprovalDecision.CANCELLED, user, audit.CANCEL)
    return post


@transaction.atomic
def cancel_delivery(delivery: Delivery, user: User) -> Delivery:
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status not in CANCELLABLE:
        raise TransitionError(
            f"Pengiriman berstatus \u201c{delivery.get_status_display()}\u201d tidak dapat "
            "dibatalkan."
        )
    move(
        Delivery.objects.filter(pk=delivery.pk),
        DeliveryStatus.CANCELLED,
        by=PERSON,
        due_at=None,
        status_reason=f"Dibatalkan oleh {user}.",
    )
    delivery.refresh_from_db()
    audit.log_delivery(delivery, audit.CANCEL_DELIVERY, user)
    return delivery


@transaction.atomic
def retry_delivery(delivery: Delivery, user: User) -> Delivery:
    """A person asks for another try now (after a failure, a miss, a hold, or after
    checking on the platform that an unconfirmed post did not appear)."""
    delivery = Delivery.objects.select_for_update().select_related("account").get(pk=delivery.pk)
    if delivery.status not in RETRYABLE_BY_USER:
        raise TransitionError(
            f"Pengiriman berstatus \u201c{delivery.get_status_display()}\u201d tidak dapat "
            "dicoba ulang."
        )
    if delivery.account.status == AccountStatus.NEEDS_RECONNECT:
        raise TransitionError("Hubungkan ulang akun ini dulu (perbarui tokennya), lalu coba lagi.")
    if delivery.account.destination_held:
        raise TransitionError(
            "Tujuan akun ini berubah: Kepala Humas perlu mengonfirmasinya dulu, lalu coba lagi."
        )
    now = timezone.now()
    move(
        Delivery.objects.filter(pk=delivery.pk),
        DeliveryStatus.SCHEDULED,
        by=PERSON,
        scheduled_for=now,
        due_at=now,
        attempt_count=0,
        status_reason=f"Dicoba ulang oleh {user}.",
    )
    delivery.refresh_from_db()
    audit.log_delivery(delivery, audit.RETRY_DELIVERY, user)
    return delivery


@transaction.atomic
def mark_published(delivery: Delivery, user: User, permalink: str = "") -> Delivery:
    """A person saw an unconfirmed post on the platform: record it as published, and who
    said so (an attempt in the delivery log), so that it is never sent again."""
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status not in MARKABLE_PUBLISHED:
        raise TransitionError(
            "Hanya pengiriman yang belum terkonfirmasi atau menunggu cek ulang dapat ditandai "
            "terbit."
        )
    now = timezone.now()
    who = user.get_full_name() or user.get_username()
    decided = f"Ditandai sudah terbit oleh {who} setelah diperiksa di platform."
    move(
        Delivery.objects.filter(pk=delivery.pk),
        DeliveryStatus.PUBLISHED,
        by=PERSON,
        permalink=remote_url(permalink) or delivery.permalink,
        published_at=now,
        due_at=None,
        status_reason=decided,
    )
    delivery.refresh_from_db()
    DeliveryAttempt.objects.create(
        delivery=delivery,
        kind="reconcile",
        started_at=now,
        finished_at=now,
        outcome=AttemptOutcome.PUBLISHED,
        message=decided,
        permalink=delivery.permalink,
        remote_id=delivery.remote_id,
    )
    audit.log_delivery(delivery, audit.MARK_PUBLISHED, user)
    return delivery


def _expire(post: Post) -> None:
    post.status = PostStatus.EXPIRED
    post.save(update_fields=["status", "updated_at"])
    _set_deliveries(
        post,
        DeliveryStatus.CANCELLED,
        by=MACHINE,
        due_at=None,
        status_reason="Tidak disetujui sebelum waktu tayang.",
    )
    _record(
        post,
        ApprovalDecision.EXPIRED,
        None,
        audit.EXPIRE,
        "Persetujuan tidak diberikan tepat waktu.",
    )
    notify(
        [post.author],
        f"Unggahan kedaluwarsa: {post}",
        "Unggahan ini tidak disetujui sebelum waktu tayangnya, jadi tidak dikirim. "
        "Tarik kembali menjadi draf untuk menjadwalkan ulang.",
        post_admin_url(post),
    )


def expire_overdue(now: datetime.datetime | None = None) -> int:
    """Posts still waiting for approval when their time comes are not sent."""
    now = now or timezone.now()
    overdue = Post.objects.filter(
        status=PostStatus.PENDING_APPROVAL, send_now=False, scheduled_at__lte=now
    )
    count = 0
    for post in overdue:
        with transaction.atomic():
            _expire(post)
        count += 1
    return count
