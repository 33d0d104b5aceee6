"""The office's roles, as Wagtail groups. Created by a data migration; used everywhere by name."""

from django.contrib.auth.models import Group, User

# Keyed by publication kind (``publications.models.PublicationKind``: its values are these).
EDITORS_GROUP_BY_KIND = {
    "koran": "Editor Koran Kota Benteng",
    "majalah": "Editor Majalah LIVE",
    "buletin": "Editor Buletin Jumat",
}
HEAD_OF_HUMAS_GROUP = "Kepala Humas"
SOCIAL_MEDIA_MANAGERS_GROUP = "Manajer Media Sosial"
ANALYSTS_GROUP = "Analis"
REVIEW_WORKFLOW_NAME = "Review Humas"

# Short role keys (used by fixtures, demo users and tests) → the Wagtail group of that role.
ROLE_GROUPS = {
    "editor_koran": EDITORS_GROUP_BY_KIND["koran"],
    "editor_majalah": EDITORS_GROUP_BY_KIND["majalah"],
    "editor_buletin": EDITORS_GROUP_BY_KIND["buletin"],
    "head": HEAD_OF_HUMAS_GROUP,
    "social": SOCIAL_MEDIA_MANAGERS_GROUP,
    "analyst": ANALYSTS_GROUP,
}


def give_role(user: User, role: str) -> None:
    """Put ``user`` in the group of ``role`` (a key of ``ROLE_GROUPS``)."""
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
