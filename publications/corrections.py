"""A published correction is part of the record: it may be added to, never removed or rewritten.

Used twice: by the admin form (a clear message beside the editor's work) and by
``ArticlePage.clean()`` (the backstop for every other path: shell, import, API, revisions).
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone

CorrectionRow = tuple[int | None, datetime.datetime | None, str | None]


def published_corrections(page) -> dict[int, tuple[datetime.datetime, str]]:
    """Corrections readers have seen: the stored rows of an article that has been published.

    A page's child rows are written to the database when it is first created and on every
    publish; drafts live in revisions. So once the page has been published, its rows are
    what readers were shown.
    """
    from wagtail.models import Page

    if page.pk is None:
        return {}
    if not Page.objects.filter(pk=page.pk, last_published_at__isnull=False).exists():
        return {}
    corrections = _correction_model(page).objects.filter(page_id=page.pk)
    return {pk: (date, note) for pk, date, note in corrections.values_list("pk", "date", "note")}


def _correction_model(page):
    """The article's correction rows' model (``ArticleCorrection``), named by the relation:
    the models import this module, so it imports none of them."""
    return page._meta.get_field("corrections").related_model


def _to_minute(value: datetime.datetime | None) -> datetime.datetime | None:
    # The admin widget shows minutes only, so seconds are not something an editor can change.
    return value.replace(second=0, microsecond=0) if value else None


def _normalise(note: str | None) -> str:
    # Browsers send textarea line breaks as CRLF and forms strip outer whitespace.
    return (note or "").replace("\r\n", "\n").strip()


def _describe(date: datetime.datetime) -> str:
    return timezone.localtime(date).strftime("%d-%m-%Y %H.%M")


def silently_changed_corrections(
    published: dict[int, tuple[datetime.datetime, str]], kept: Iterable[CorrectionRow]
) -> list[str]:
    """Messages (Indonesian) for each published correction missing from or altered in ``kept``."""
    kept_by_pk = {pk: (date, note) for pk, date, note in kept if pk is not None}
    messages = []
    for pk, (date, note) in sorted(published.items(), key=lambda item: item[1][0]):
        if pk not in kept_by_pk:
            messages.append(
                f"Koreksi {_describe(date)} sudah terbit dan tidak boleh dihapus. "
                "Bila perlu meralatnya, tambahkan koreksi baru."
            )
            continue
        kept_date, kept_note = kept_by_pk[pk]
        if _to_minute(kept_date) != _to_minute(date) or _normalise(kept_note) != _normalise(note):
            messages.append(
                f"Koreksi {_describe(date)} sudah terbit dan isinya tidak boleh diubah. "
                "Bila perlu meralatnya, tambahkan koreksi baru."
            )
    return messages
