import functools
from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from wagtail.api import APIField
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Filter,
)
from wagtail.images.models import (
    Image as WagtailImage,
)

from publications.api_fields import IMAGE_THUMBNAIL_SIZE, RenditionField

# Open Graph's preferred size, and the three shapes search engines ask for.
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"
STRUCTURED_IMAGE_SPECS = (OG_IMAGE_SPEC, "fill-1200x900|format-jpeg", "fill-1200x1200|format-jpeg")
# Every rendition an article page shows, written as its templates write them: hero and
# body pictures, galleries, author photos, related-article cards; then the sharing images.
ARTICLE_RENDITION_SPECS = frozenset(
    spec
    for pattern in (
        "format-{webp,jpeg} width-{480,800,1200}",
        "format-{webp,jpeg} fill-{400x300,800x600}",
        "format-{webp,jpeg} fill-{96x96,192x192}",
        "format-{webp,jpeg} fill-{400x225,800x450}",
    )
    for spec in Filter.expand_spec(pattern)
) | set(STRUCTURED_IMAGE_SPECS)


# The pictures of listings, written as their templates write them: a teaser card
# (``components/article_card_body.html``), the home page's lead story, an edition's table of
# contents, an edition cover in a grid.
CARD_RENDITION_SPECS = frozenset(Filter.expand_spec("format-{webp,jpeg} fill-{400x225,800x450}"))
LEAD_RENDITION_SPECS = frozenset(
    Filter.expand_spec("format-{webp,jpeg} fill-{640x360,960x540,1280x720}")
)
TOC_RENDITION_SPECS = frozenset(Filter.expand_spec("format-{webp,jpeg} fill-{200x150,400x300}"))
COVER_RENDITION_SPECS = frozenset(Filter.expand_spec("format-{webp,jpeg} fill-{240x340,480x680}"))
# The home page shows the lead story and teaser cards from the same list of articles.
FRONT_PAGE_SPECS = CARD_RENDITION_SPECS | LEAD_RENDITION_SPECS


@functools.lru_cache(maxsize=512)
def _filter_for(spec: str) -> Filter:
    return Filter(spec=spec)


def parsed_filter(filter):
    """One ``Filter`` per spec for the life of the process, its operations parsed once.

    Wagtail makes a new ``Filter`` for every picture it renders and parses its spec again
    (building each operation through ``inspect``): about a millisecond per article page.
    """
    if isinstance(filter, str):
        return _filter_for(filter)
    if type(filter) is Filter:
        return _filter_for(filter.spec)
    return filter


class NewsImage(AbstractImage):
    """A photo in the library, with the caption and credit a newsroom prints beside it."""

    caption = models.CharField("keterangan foto", max_length=500, blank=True)
    credit = models.CharField("kredit foto", max_length=255, blank=True)

    admin_form_fields = (*WagtailImage.admin_form_fields, "caption", "credit")
    api_fields = [
        APIField("caption"),
        APIField("credit"),
        APIField("thumbnail", serializer=RenditionField(IMAGE_THUMBNAIL_SIZE, source="*")),
    ]

    def get_rendition(self, filter):
        return super().get_rendition(parsed_filter(filter))

    def get_renditions(self, *filters):
        return super().get_renditions(*(parsed_filter(filter) for filter in filters))

    class Meta(AbstractImage.Meta):
        verbose_name = "gambar"
        verbose_name_plural = "gambar"


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def renditions_of(image_field: str, specs: Iterable[str]) -> models.Prefetch:
    """Prefetch the renditions a listing shows of each page's ``image_field`` (selected
    with the page), in one query, where Wagtail's lookup reads them first: the
    ``prefetched_renditions`` of ``ImageQuerySet.prefetch_renditions()``. All of an image's
    renditions (dozens, one per size used anywhere) would make a model each."""
    return models.Prefetch(
        f"{image_field}__renditions",
        queryset=NewsRendition.objects.filter(filter_spec__in=sorted(specs)),
        to_attr="prefetched_renditions",
    )


def attach_renditions(images: Iterable[NewsImage | None], specs: Iterable[str]) -> None:
    """Fetch the renditions of all ``images`` made with ``specs`` in one query, and put
    each image's list where Wagtail's rendition lookup reads it first
    (``prefetched_renditions``, the attribute of ``prefetch_renditions()``).

    Lighter than ``prefetch_related_objects``, whose per-image managers Wagtail would
    query again for every picture tag. A spec left out is not an error, only slower:
    Wagtail then finds or makes that rendition with a query of its own.
    """
    images = [image for image in images if image is not None]
    if not images:
        return
    by_image = defaultdict(list)
    renditions = NewsRendition.objects.filter(
        image_id__in={image.pk for image in images}, filter_spec__in=set(specs)
    )
    for rendition in renditions:
        by_image[rendition.image_id].append(rendition)
    for image in images:
        image.prefetched_renditions = by_image[image.pk]
        for rendition in image.prefetched_renditions:
            rendition.image = image
