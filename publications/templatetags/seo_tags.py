"""Structured data for articles: a schema.org ``NewsArticle`` built in Python.

The JSON is made with ``json.dumps`` and its ``<``, ``>`` and ``&`` are escaped, so a
headline such as ``</script><script>…`` stays text inside the JSON-LD block.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from publications.models.images import OG_IMAGE_SPEC, STRUCTURED_IMAGE_SPECS

from .news_tags import absolute_url, publication_for

register = template.Library()

STATIC_LOGO = ("img/logo.png", 512, 512)
LOGO_SPEC = "max-600x600|format-png"

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` whose content cannot close the element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _publisher_logo(branding) -> dict:
    if branding is not None and branding.logo_id:
        rendition = branding.logo.get_rendition(LOGO_SPEC)
        url, width, height = rendition.url, rendition.width, rendition.height
    else:
        path, width, height = STATIC_LOGO
        url = static(path)
    return {"@type": "ImageObject", "url": absolute_url(url), "width": width, "height": height}


def news_article_data(page, authors, request=None, branding=None) -> dict:
    """The ``NewsArticle`` dictionary for an article page and its ordered authors."""
    canonical = absolute_url(page.get_url(request) or "")
    published = page.first_published_at or page.latest_revision_created_at or timezone.now()
    modified = page.last_published_at or published
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "datePublished": _iso(published),
        "dateModified": _iso(modified),
        "inLanguage": "id",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
            for author in authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": branding.organisation_name if branding else "Humas Kota Tangerang",
            "url": absolute_url("/"),
            "logo": _publisher_logo(branding),
        },
    }
    if page.hero_image_id:
        renditions = page.hero_image.get_renditions(*STRUCTURED_IMAGE_SPECS)
        data["image"] = [absolute_url(rendition.url) for rendition in renditions.values()]
    publication = publication_for(page, request)
    if publication:
        data["isPartOf"] = {"@type": "Periodical", "name": publication.title}
        data["articleSection"] = publication.title
    if page.kicker:
        data["alternativeHeadline"] = page.kicker
    return data


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, authors, branding=None) -> SafeString:
    """``branding``: the office's (``settings.home.BrandingSettings``), or the defaults."""
    request = context.get("request")
    return json_ld_script(news_article_data(page, authors, request, branding or None))


@register.simple_tag
def og_image(image):
    """The 1200x630 JPEG rendition shared on social networks (None without an image).

    ``get_renditions`` finds it among the renditions the page fetched; ``get_rendition``
    would also write it to the cache on every view."""
    return image.get_renditions(OG_IMAGE_SPEC)[OG_IMAGE_SPEC] if image else None
