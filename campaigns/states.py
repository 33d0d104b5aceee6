"""Delivery states and their allowed moves: the one table, and the one function that moves.

Every change of a delivery's status — by the dispatcher (the machine) or by a person through
approvals, the admin or the API — goes through ``move``: one conditional ``UPDATE … WHERE
status IN (<states it may come from>)``, so a move that no longer applies (the row moved on
meanwhile) changes nothing, and the caller learns it from the count. ``planned`` is that
rule itself (the states it may come from, the columns it writes): ``move`` runs it, and so
do the publish run's own statements (``campaigns/publish_sql.py``), where the move shares
one statement with its attempt's log. The status sets other
modules use are defined here and nowhere else. The README's diagram is ``mermaid()``.

``checking`` is its own state: the outcome of a request is unknown and the platform will be
read back before anything is sent again. ``unconfirmed`` is the same doubt left to a person.
``needs_reconcile`` follows the state (true in ``checking`` and ``unconfirmed``); it is only
carried through ``held``, ``claimed`` and ``publishing``, where it says "this run is a check".
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone


class DeliveryStatus(models.TextChoices):
    DRAFT = "draft", "Draf"
    PENDING_APPROVAL = "pending_approval", "Menunggu persetujuan"
    SCHEDULED = "scheduled", "Terjadwal"
    CLAIMED = "claimed", "Diambil pekerja"
    PUBLISHING = "publishing", "Sedang dikirim"
    PUBLISHED = "published", "Terbit"
    RETRY_WAIT = "retry_wait", "Menunggu coba lagi"
    CHECKING = "checking", "Menunggu cek ulang"
    FAILED = "failed", "Gagal"
    UNCONFIRMED = "unconfirmed", "Belum terkonfirmasi"
    MISSED = "missed", "Terlewat"
    HELD = "held", "Ditahan"
    CANCELLED = "cancelled", "Dibatalkan"


S = DeliveryStatus
MACHINE, PERSON = "machine", "person"

# (from, to) → who may make the move, and why (the README's diagram shows the reasons).
TRANSITIONS: dict[tuple[str, str], tuple[frozenset[str], str]] = {}


def _allow(sources: Iterable[str], target: str, by: Iterable[str], why: str) -> None:
    for source in sources:
        actors, reasons = TRANSITIONS.get((source, target), (frozenset(), ""))
        TRANSITIONS[(source, target)] = (actors | set(by), f"{reasons} / {why}" if reasons else why)


# A person: submit, approve, reject, withdraw, cancel, retry, mark published, confirm.
_allow([S.DRAFT], S.PENDING_APPROVAL, [PERSON], "ajukan")
_allow([S.PENDING_APPROVAL], S.SCHEDULED, [PERSON], "setujui")
_allow([S.PENDING_APPROVAL, S.SCHEDULED, S.HELD], S.DRAFT, [PERSON], "tolak / tarik")
_allow([S.CANCELLED], S.DRAFT, [PERSON], "tarik (kedaluwarsa)")
_allow(
    [S.DRAFT, S.PENDING_APPROVAL, S.SCHEDULED, S.RETRY_WAIT, S.FAILED, S.MISSED, S.HELD],
    S.CANCELLED,
    [PERSON],
    "batalkan",
)
_allow([S.PENDING_APPROVAL], S.CANCELLED, [MACHINE], "kedaluwarsa")
_allow([S.FAILED, S.MISSED, S.HELD, S.UNCONFIRMED], S.SCHEDULED, [PERSON], "coba lagi")
_allow([S.HELD], S.SCHEDULED, [PERSON], "akun dihubungkan ulang / tujuan dikonfirmasi")
_allow([S.HELD], S.CHECKING, [PERSON], "akun dihubungkan ulang (cek dulu)")
_allow([S.UNCONFIRMED, S.CHECKING], S.PUBLISHED, [PERSON], "tandai sudah terbit")
# Held: the account needs reconnecting, or its destination changed and awaits confirmation.
_allow([S.SCHEDULED, S.RETRY_WAIT], S.HELD, [PERSON, MACHINE], "tahan akun")
# The machine: claim, publish, and what each answer (or silence) leads to.
_allow([S.SCHEDULED, S.RETRY_WAIT, S.CHECKING], S.CLAIMED, [MACHINE], "klaim")
_allow([S.SCHEDULED, S.RETRY_WAIT], S.MISSED, [MACHINE], "terlambat")
_allow([S.CLAIMED], S.SCHEDULED, [MACHINE], "klaim kedaluwarsa")
_allow([S.CLAIMED], S.CHECKING, [MACHINE], "klaim cek kedaluwarsa")
_allow([S.CLAIMED], S.PUBLISHING, [MACHINE], "mulai kirim")
_allow([S.CLAIMED], S.HELD, [MACHINE], "akun ditahan")
# A late answer may still be written while the swept row waits, its lease unchanged.
_allow([S.PUBLISHING, S.CHECKING, S.CLAIMED], S.PUBLISHED, [MACHINE], "terbit")
_allow([S.PUBLISHING], S.RETRY_WAIT, [MACHINE], "coba lagi nanti")
_allow([S.PUBLISHING], S.FAILED, [MACHINE], "ditolak")
_allow([S.PUBLISHING], S.HELD, [MACHINE], "token ditolak")
_allow([S.PUBLISHING], S.CHECKING, [MACHINE], "hasil tidak diketahui")
_allow([S.PUBLISHING], S.UNCONFIRMED, [MACHINE], "cek habis / tak bisa dicek")

# The status sets the rest of the code uses.
DUE = (S.SCHEDULED, S.RETRY_WAIT, S.CHECKING)  # the tick claims these once due
MAY_BE_MISSED = (S.SCHEDULED, S.RETRY_WAIT)  # a check is never written off as missed
IN_FLIGHT = (S.CLAIMED, S.PUBLISHING)
OUTCOME_UNKNOWN = (S.CHECKING, S.UNCONFIRMED)  # may be on the platform: needs_reconcile
CARRY_RECONCILE = (S.HELD, S.CLAIMED, S.PUBLISHING)  # keep needs_reconcile as it is
APPROVED_UNSENT = (S.SCHEDULED, S.RETRY_WAIT, S.HELD)  # a destination change holds these
FAILED_STATES = (S.FAILED, S.MISSED, S.HELD, S.UNCONFIRMED)  # need a person's attention
WITHDRAWABLE = (S.PENDING_APPROVAL, S.SCHEDULED, S.HELD)  # a post is withdrawn only from these


def sources(target: str, by: str) -> list[str]:
    """The states ``by`` may move a delivery from into ``target``."""
    return [
        source
        for (source, to), (actors, _why) in TRANSITIONS.items()
        if to == target and by in actors
    ]


def may(source: str, target: str, by: str) -> bool:
    actors, _why = TRANSITIONS.get((source, target), (frozenset(), ""))
    return by in actors


RETRYABLE_BY_USER = tuple(sources(S.SCHEDULED, PERSON))
CANCELLABLE = tuple(sources(S.CANCELLED, PERSON))
MARKABLE_PUBLISHED = tuple(sources(S.PUBLISHED, PERSON))


def move(rows: QuerySet[Any], target: str, *, by: str, **fields: Any) -> int:
    """Move every delivery in ``rows`` (a queryset) that may go to ``target`` by ``by``, as
    one conditional UPDATE; the others are left alone. Returns how many moved."""
    allowed, values = planned(target, by, fields)
    return rows.filter(status__in=allowed).update(**values)


def planned(target: str, by: str, fields: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """A move's two halves: the states it may come from, and every column it writes
    (``needs_reconcile`` follows the state). ``move`` runs it; the publish run's statements
    (``campaigns/publish_sql.py``) write the same move inside a statement that does more."""
    allowed = sources(target, by)
    if not allowed:
        raise ValueError(f"Tidak ada perpindahan ke {target} oleh {by}.")
    values = {"status": target, **fields}
    if target in OUTCOME_UNKNOWN:
        values.setdefault("needs_reconcile", True)
    elif target not in CARRY_RECONCILE:
        values.setdefault("needs_reconcile", False)
    values.setdefault("updated_at", timezone.now())
    return allowed, values


def mermaid() -> str:
    """The state diagram, from the table (the README shows this text)."""
    lines = ["stateDiagram-v2"]
    for (source, target), (actors, why) in TRANSITIONS.items():
        who = "+".join(sorted("mesin" if a == MACHINE else "orang" for a in actors))
        lines.append(f"    {source} --> {target}: {why} ({who})")
    return "\n".join(lines)
