"""Decisions on posts in Wagtail's audit log, so the post's history and Reports → Site
history show who submitted, approved, rejected, withdrew or cancelled it, and who retried,
cancelled or marked published one of its deliveries, and when, as they do for pages.
``campaigns.approvals`` writes the entries; the ``Approval`` rows stay the record of what
exactly was decided on."""

from typing import Any

from django.contrib.auth.models import User
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry

from .models import Delivery, Post

SUBMIT = "campaigns.submit"
APPROVE = "campaigns.approve"
REJECT = "campaigns.reject"
WITHDRAW = "campaigns.withdraw"
CANCEL = "campaigns.cancel"
EXPIRE = "campaigns.expire"
RETRY_DELIVERY = "campaigns.retry_delivery"
CANCEL_DELIVERY = "campaigns.cancel_delivery"
MARK_PUBLISHED = "campaigns.mark_published"

# action: (label in the history filter, message in the history)
ACTIONS = {
    SUBMIT: ("Ajukan untuk persetujuan", "Diajukan ke Kepala Humas untuk disetujui"),
    APPROVE: ("Setujui unggahan", "Disetujui Kepala Humas"),
    REJECT: ("Tolak unggahan", "Ditolak Kepala Humas"),
    WITHDRAW: ("Tarik kembali menjadi draf", "Ditarik kembali menjadi draf"),
    CANCEL: ("Batalkan unggahan", "Pengiriman yang belum berjalan dibatalkan"),
    EXPIRE: ("Kedaluwarsa", "Kedaluwarsa: tidak disetujui sebelum waktu tayang"),
    RETRY_DELIVERY: ("Coba lagi pengiriman", "Pengiriman ke {account} dicoba ulang"),
    CANCEL_DELIVERY: ("Batalkan pengiriman", "Pengiriman ke {account} dibatalkan"),
    MARK_PUBLISHED: ("Tandai sudah terbit", "Pengiriman ke {account} ditandai sudah terbit"),
}


class DecisionFormatter(LogFormatter):
    """The decision's words (naming the account, for a delivery), and the comment given
    with it (a rejection's reason)."""

    def format_message(self, log_entry: ModelLogEntry) -> str:
        return str(self.message.format(account=log_entry.data.get("account", "")))

    def format_comment(self, log_entry: ModelLogEntry) -> str:
        return str(log_entry.data.get("comment", ""))


@hooks.register("register_log_actions")
def register_decisions(actions: Any) -> None:  # Wagtail's LogActionRegistry
    for action, (label, message) in ACTIONS.items():
        formatter = type("Formatter", (DecisionFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)


def log_decision(post: Post, action: str, user: User | None, comment: str = "") -> None:
    """One entry in the post's history (Wagtail's ``ModelLogEntry``), with the comment
    unless it only repeats the entry's message (a withdrawal's "Ditarik kembali ...")."""
    said = comment.strip()
    if said.rstrip(".") == ACTIONS[action][1]:
        said = ""
    log(post, action, user=user, data={"comment": said} if said else None)


def log_delivery(delivery: Delivery, action: str, user: User | None) -> None:
    """One entry in the history of the delivery's post, naming the account."""
    log(delivery.post, action, user=user, data={"account": str(delivery.account)})
