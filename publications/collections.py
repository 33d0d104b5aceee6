"""Each publication's files are its own: where images and documents live, and who sees them.

The collections and their grants are made by migration 0006; the names are below.
Wagtail's collection permissions then do the rest: an editor may add and change files only
in their publication's collection (the only one they may add to, so Wagtail makes it the
upload default and hides the choice), may choose any image and Kantor's documents, and only
Kepala Humas and administrators change Kantor's logos and branding.

A document is public once a live, public page uses it: an e-paper uploaded ahead of its
edition stays out of the API and cannot be downloaded until the edition goes live.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, IntegerField, OuterRef, QuerySet
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .models.publications import PublicationKind

# Each publication's images and documents live in a collection of their own; the office's
# logos and branding in "Kantor", which only Kepala Humas and administrators change.
COLLECTION_BY_KIND = {
    PublicationKind.KORAN: "Koran Kota Benteng",
    PublicationKind.MAJALAH: "Majalah LIVE",
    PublicationKind.BULETIN: "Buletin Jumat",
}
OFFICE_COLLECTION = "Kantor"


def collection_named(name: str) -> Collection:
    """A collection just below the root, by name (made by migration 0006)."""
    return Collection.objects.get(depth=2, name=name)


def publication_collection(kind: str) -> Collection:
    return collection_named(COLLECTION_BY_KIND[kind])


def office_collection() -> Collection:
    return collection_named(OFFICE_COLLECTION)


def _uses_on_live_pages() -> QuerySet:
    """Wagtail's reference index rows from a live page, without view restrictions, to a
    document. The index records what a page's saved row points at: for a live page, its
    published content (a draft's new e-paper is not there until it is published)."""
    live_pages = (
        Page.objects.live()
        .public()
        .filter(pk=Cast(OuterRef("object_id"), output_field=IntegerField()))
    )
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
    ).filter(Exists(live_pages))


def published_documents(documents: QuerySet) -> QuerySet:
    """The documents of ``documents`` that a live page without view restrictions uses, in
    one query whatever their number."""
    used = _uses_on_live_pages().annotate(
        document_id=Cast("to_object_id", output_field=IntegerField())
    )
    # ``pk__in``, not ``Exists``: the search backend accepts only field lookups (?search=).
    return documents.filter(pk__in=used.values("document_id"))


def may_download(document, user) -> bool:
    """Readers may download a document that is published; whoever may choose or change it
    in the admin (its publication's editors, Kepala Humas) may always, to check it."""
    policy = policy_registry.get_by_type(get_document_model())
    if user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    ):
        return True
    return _uses_on_live_pages().filter(to_object_id=str(document.pk)).exists()
