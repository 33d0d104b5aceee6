"""What a cached card of a page depends on, read without loading the whole page."""

from django.db.models import QuerySet

# What a card's key reads of its page and of its picture.
KEY_FIELDS = ("path", "url_path", "title", "live_revision", "last_published_at")
# (An image file reads its width and height as it loads: deferred, each would be a query.)
PICTURE_FIELDS = (
    "file",
    "width",
    "height",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


def keyed(queryset: QuerySet, image_field: str, *also: str) -> QuerySet:
    """``queryset`` reading only what the cards' keys need (with each page's picture), and
    the fields named in ``also``."""
    return (
        queryset.select_related(image_field)
        .prefetch_related(None)
        .only(
            *KEY_FIELDS,
            *also,
            image_field,
            *(f"{image_field}__{name}" for name in PICTURE_FIELDS),
        )
    )


def picture_key(image) -> tuple | None:
    """What a cached fragment showing ``image`` depends on: its file and focal point
    (either change makes new renditions)."""
    if image is None:
        return None
    return (
        image.pk,
        image.file.name,
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )
