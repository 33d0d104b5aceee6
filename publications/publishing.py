"""Publishing an edition as one unit: the edition and its unpublished articles, together."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import ArticlePage, EditionPage


def can_publish_edition(edition, user) -> bool:
    return isinstance(edition.specific_deferred, EditionPage) and (
        edition.permissions_for_user(user).can_publish()
    )


@transaction.atomic
def publish_edition_with_articles(edition: EditionPage, user) -> list[ArticlePage]:
    """Publish the edition's latest revision and the latest revision of each draft article.

    Same rule as Wagtail's bulk publish with "include descendants": articles never published
    go live with their latest revision (a workflow in progress on them is closed by the
    publish); live articles keep their own pace. All or nothing: if one article fails
    validation, nothing is published. Returns the articles published.
    """
    if not can_publish_edition(edition, user):
        raise PermissionDenied("Anda tidak berhak menerbitkan edisi ini.")
    revision = edition.get_latest_revision() or edition.specific.save_revision(user=user)
    revision.publish(user=user)

    published = []
    for article in ArticlePage.objects.child_of(edition).not_live().order_by("path"):
        if not article.permissions_for_user(user).can_publish():
            raise PermissionDenied(f"Anda tidak berhak menerbitkan artikel “{article.title}”.")
        article_revision = article.get_latest_revision() or article.save_revision(user=user)
        article_revision.publish(user=user)
        published.append(article)
    return published
