"""The office's roles, as Wagtail groups. Created by a data migration; used everywhere by name."""

from .models.publications import PublicationKind

EDITORS_GROUP_BY_KIND = {
    PublicationKind.KORAN: "Editor Koran Kota Benteng",
    PublicationKind.MAJALAH: "Editor Majalah LIVE",
    PublicationKind.BULETIN: "Editor Buletin Jumat",
}
HEAD_OF_HUMAS_GROUP = "Kepala Humas"
SOCIAL_MEDIA_MANAGERS_GROUP = "Manajer Media Sosial"
ANALYSTS_GROUP = "Analis"
REVIEW_WORKFLOW_NAME = "Review Humas"

# Each publication's images and documents live in a collection of their own; the office's
# logos and branding in "Kantor", which only Kepala Humas and administrators change.
COLLECTION_BY_KIND = {
    PublicationKind.KORAN: "Koran Kota Benteng",
    PublicationKind.MAJALAH: "Majalah LIVE",
    PublicationKind.BULETIN: "Buletin Jumat",
}
OFFICE_COLLECTION = "Kantor"
