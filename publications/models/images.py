from django.db import models
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
)
from wagtail.images.models import (
    Image as WagtailImage,
)

from publications.api_fields import IMAGE_THUMBNAIL_SIZE


class NewsImage(AbstractImage):
    """A photo in the library, with the caption and credit a newsroom prints beside it."""

    caption = models.CharField("keterangan foto", max_length=500, blank=True)
    credit = models.CharField("kredit foto", max_length=255, blank=True)

    admin_form_fields = (*WagtailImage.admin_form_fields, "caption", "credit")
    api_fields = [
        APIField("caption"),
        APIField("credit"),
        APIField("thumbnail", serializer=ImageRenditionField(IMAGE_THUMBNAIL_SIZE, source="*")),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "gambar"
        verbose_name_plural = "gambar"


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
