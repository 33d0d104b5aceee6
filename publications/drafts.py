"""Drafts nobody finishes: an article that autosave created and its editor then left
(never published, in no review, untouched for an hour) no longer keeps its slug from the
next article with the same headline. It keeps its text under ``<slug>-draf-<id>``."""

import datetime

from django.utils import timezone
from wagtail.models import Page

ABANDONED_DRAFT_AFTER = datetime.timedelta(hours=1)


def is_abandoned_draft(page: Page) -> bool:
    if page.live or page.first_published_at is not None:
        return False
    if page.workflow_in_progress:
        return False
    last_touched = page.latest_revision_created_at
    return last_touched is not None and timezone.now() - last_touched > ABANDONED_DRAFT_AFTER


def free_slug_from_abandoned_draft(parent: Page, slug: str, page: Page | None = None) -> bool:
    """Move an abandoned draft sibling off ``slug``; True when the slug is now free."""
    if not slug or parent is None:
        return False
    siblings = parent.get_children().filter(slug=slug)
    if page is not None and page.pk:
        siblings = siblings.not_page(page)
    blocker = siblings.first()
    if blocker is None:
        return False
    blocker = blocker.specific
    if not is_abandoned_draft(blocker):
        return False
    blocker.slug = f"{slug}-draf-{blocker.pk}"[:255]
    blocker.save()
    blocker.save_revision(changed=False)
    return True
