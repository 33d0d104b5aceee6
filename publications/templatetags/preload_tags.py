"""A ``<link rel="preload">`` for the picture that is a page's largest paint (the article's
hero, the home page's lead story), so the browser asks for it with the stylesheet."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def preload_picture(image, specs: str, sizes: str) -> str:
    """Preload the WebP candidates that ``{% picture image format-{webp,jpeg} … %}`` offers:
    the same filter specs, hence the same files, fetched once, early, at high priority."""
    if image is None:
        return ""
    renditions = image.get_renditions(*(f"format-webp|{spec}" for spec in specs.split()))
    srcset = ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions.values())
    return format_html(
        '<link rel="preload" as="image" type="image/webp" imagesrcset="{}" imagesizes="{}" '
        'fetchpriority="high">',
        srcset,
        sizes,
    )
