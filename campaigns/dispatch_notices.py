"""What the dispatcher tells people: a delivery failed, may or may not have been published,
or was missed. Kept out of ``dispatch`` so the publish path stays short to read."""

from .models import Delivery
from .notify import heads_of_humas, notify, post_admin_url


def failure(delivery: Delivery, reason: str) -> None:
    notify(
        [delivery.post.author, delivery.account.owner, *heads_of_humas()],
        f"Gagal mengirim ke {delivery.account}: {delivery.post}",
        reason,
        post_admin_url(delivery.post),
    )


def uncertain(delivery: Delivery, reason: str) -> None:
    """The request may well have arrived: say so, and ask a person to look first."""
    notify(
        [delivery.post.author, delivery.account.owner, *heads_of_humas()],
        f"Belum pasti terbit di {delivery.account}: {delivery.post}",
        "Status pengiriman ini belum pasti: permintaan mungkin sudah diterima platform, "
        "tetapi jawabannya tidak sampai dan pemeriksaan otomatis tidak dapat memastikannya.\n"
        f"Periksa akun {delivery.account} di platform:\n"
        "- bila unggahan sudah ada, pilih \u201cTandai sudah terbit\u201d (sertakan tautannya);\n"
        "- bila tidak ada, pilih \u201cTidak ada, kirim ulang\u201d.\n"
        "Jangan mengubah teks atau mengirim ulang sebelum memeriksa: unggahan bisa terbit dua "
        f"kali.\n\nCatatan: {reason}",
        post_admin_url(delivery.post),
    )


def missed(delivery_ids: list[int]) -> None:
    for delivery in Delivery.objects.filter(pk__in=delivery_ids).select_related(
        "post__author", "account__owner"
    ):
        notify(
            [delivery.post.author, delivery.account.owner, *heads_of_humas()],
            f"Terlewat: {delivery.post} ke {delivery.account}",
            delivery.status_reason,
            post_admin_url(delivery.post),
        )
