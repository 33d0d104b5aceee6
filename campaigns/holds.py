"""Holding an account's deliveries, and letting them go: when its token fails, and when its
destination changes and waits for the head of Humas to confirm it.

The admin, the REST API and the dispatcher call these; the post-level decisions are in
``approvals``.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from . import policy
from .approvals import DESTINATION_CHANGED, RECONNECT, TransitionError
from .models import AccountStatus, DeliveryStatus, SocialAccount
from .notify import heads_of_humas, notify
from .states import APPROVED_UNSENT, PERSON, move

# Where an account's posts go: changing either re-targets what was approved for it.
DESTINATION_FIELDS = ("network", "external_id")


@transaction.atomic
def release_held(account: SocialAccount) -> int:
    """The account has new credentials: its held deliveries go out at their time, or now
    if that has passed (late ones are still caught by the missed window) — unless its
    destination changed and still waits for the head of Humas."""
    account.status = AccountStatus.CONNECTED
    account.last_error = ""
    account.save(update_fields=["status", "last_error"])
    account.refresh_from_db(fields=["destination_held"])
    if account.destination_held:
        return 0
    return _release(account)


def _release(account: SocialAccount) -> int:
    """Held deliveries go out at their time (or now); one held during a check is checked."""
    now = Value(timezone.now())
    held = account.deliveries.filter(status=DeliveryStatus.HELD)
    return move(
        held.filter(needs_reconcile=False),
        DeliveryStatus.SCHEDULED,
        by=PERSON,
        due_at=Greatest(Coalesce("scheduled_for", now), now),
        status_reason="",
    ) + move(
        held.filter(needs_reconcile=True),
        DeliveryStatus.CHECKING,
        by=PERSON,
        due_at=now,
        status_reason="",
    )


def hold_reason(account: SocialAccount) -> str:
    """Why nothing may be sent to ``account`` now ("" when it may)."""
    if account.destination_held:
        return DESTINATION_CHANGED
    if account.status == AccountStatus.NEEDS_RECONNECT or not account.is_active:
        return "Akun perlu dihubungkan ulang atau tidak aktif."
    return ""


def hold_for_new_destination(account: SocialAccount, user: User, previous: str) -> int:
    """The account now points elsewhere (another webhook URL, page or account id): its
    approved, unsent deliveries are held until the head of Humas confirms, so a changed
    address never receives a post nobody approved for it. Returns how many were held."""
    with transaction.atomic():
        account = type(account).objects.select_for_update().get(pk=account.pk)
        rows = account.deliveries.filter(status__in=APPROVED_UNSENT)
        already = rows.filter(status=DeliveryStatus.HELD).update(
            due_at=None, status_reason=DESTINATION_CHANGED
        )
        held = already + move(
            rows, DeliveryStatus.HELD, by=PERSON, due_at=None, status_reason=DESTINATION_CHANGED
        )
        if not held and not account.destination_held:
            return 0  # nothing approved is waiting: the new destination needs no confirmation
        if not account.destination_held:
            account.previous_destination = previous[:300]  # what the approvals were for
        account.destination_held = True
        account.destination_changed_at = timezone.now()
        account.destination_changed_by = user
        account.save(
            update_fields=[
                "destination_held",
                "previous_destination",
                "destination_changed_at",
                "destination_changed_by",
            ]
        )
        transaction.on_commit(lambda: _notify_destination_changed(account, user, held))
    return held


def confirm_destination(account: SocialAccount, user: User) -> int:
    """The head of Humas (or an administrator) confirms the account's new destination: the
    held deliveries go out at their own times. Returns how many were released."""
    policy.require(user, "confirm_destination", account)
    with transaction.atomic():
        account = type(account).objects.select_for_update().get(pk=account.pk)
        if not account.destination_held:
            raise TransitionError("Tidak ada perubahan tujuan yang menunggu konfirmasi.")
        changed_by = account.destination_changed_by
        account.destination_held = False
        account.previous_destination = ""
        account.save(update_fields=["destination_held", "previous_destination"])
        if account.status == AccountStatus.NEEDS_RECONNECT:
            account.deliveries.filter(status=DeliveryStatus.HELD).update(status_reason=RECONNECT)
            released = 0
        else:
            released = _release(account)
        transaction.on_commit(
            lambda: notify(
                [changed_by],
                f"Tujuan baru {account} dikonfirmasi",
                f"{user} mengonfirmasi tujuan {account.destination}; "
                f"{released} pengiriman yang ditahan dijadwalkan lagi.",
                account_admin_url(account),
            )
        )
    return released


def account_admin_url(account: SocialAccount, view: str = "edit") -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(f"campaigns_account:{view}", args=[account.pk])
    except NoReverseMatch:
        return ""


def _notify_destination_changed(account: SocialAccount, user: User, held: int) -> None:
    from django.contrib.auth import get_user_model

    administrators = get_user_model().objects.filter(is_superuser=True, is_active=True)
    notify(
        [*heads_of_humas(), *administrators],
        f"Tujuan akun {account} berubah: perlu konfirmasi",
        f"{user} mengubah tujuan akun ini dari “{account.previous_destination}” "
        f"menjadi “{account.destination}”. {held} pengiriman yang sudah disetujui "
        "ditahan sampai Kepala Humas mengonfirmasi tujuan baru.",
        account_admin_url(account, "confirm_destination"),
    )
