"""Serializer fields the city app reads, and the prefetches that keep listings bounded.

Each field reads a list prefetched by ``optimise_articles`` / ``optimise_editions`` (in
``publications.api``) when
the API lists many pages, and falls back to its own query on a detail view, where the
page is fetched alone.
"""

from collections.abc import Callable, Iterable

from django.urls import NoReverseMatch
from rest_framework.fields import Field
from wagtail.api.utils import get_full_url
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import SourceImageIOError
from wagtail.images.utils import to_svg_safe_spec

HERO_SIZES = {"hero_thumbnail": "fill-640x360", "hero_large": "width-1280"}
COVER_SIZES = {"cover_thumbnail": "width-480"}
AUTHOR_PHOTO_SIZE = "fill-160x160"
IMAGE_THUMBNAIL_SIZE = "max-480x480"


def _prefetched(instance, attr: str, query: Callable[[], Iterable]) -> list:
    value = getattr(instance, attr, None)
    return list(query()) if value is None else value


class RenditionField(ImageRenditionField):
    """Wagtail's rendition field (the same output), reading the rendition through
    ``get_renditions``: ``get_rendition`` writes every rendition it returns back to the
    cache, prefetched ones too (a pickled SET per picture, a quarter of a listing's time),
    where ``get_renditions`` writes only those it did not find prefetched or cached."""

    def to_representation(self, image) -> dict:
        spec = self.filter_spec
        if self.preserve_svg and image.is_svg():
            spec = to_svg_safe_spec(spec)
        try:
            [rendition] = image.get_renditions(spec).values()
        except SourceImageIOError:
            return {"error": "SourceImageIOError"}
        return {
            "url": rendition.url,
            "full_url": rendition.full_url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.alt,
        }


class WholeObjectField(Field):
    """A read-only field computed from the whole page rather than one attribute."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance


class HeadlineField(WholeObjectField):
    def to_representation(self, page) -> str:
        return page.title


class PublicationField(WholeObjectField):
    """The publication a page belongs to, found by tree path in one query per request.

    ``publication_model``: the models pass ``PublicationPage`` (this module imports none)."""

    def __init__(self, publication_model, **kwargs):
        self.publication_model = publication_model
        super().__init__(**kwargs)

    def to_representation(self, page) -> dict | None:
        PublicationPage = self.publication_model

        cache = self.context.setdefault("_publications_by_path", {})
        if not cache:
            for publication in PublicationPage.objects.only("id", "title", "slug", "path"):
                cache[publication.path] = publication
        publication = cache.get(page.path[: PublicationPage.steplen * 3])
        if publication is None:
            return None
        return {"id": publication.id, "title": publication.title, "slug": publication.slug}


class ProgrammesField(WholeObjectField):
    def to_representation(self, page) -> list[dict]:
        programmes = _prefetched(page, "api_programmes", page.programmes.all)
        return [{"name": p.name, "slug": p.slug, "pillar": p.pillar} for p in programmes]


class BylinesField(WholeObjectField):
    """Authors in byline order, each with a square photo rendition."""

    def to_representation(self, page) -> list[dict]:
        bylines = _prefetched(
            page,
            "api_bylines",
            lambda: page.authors.select_related("author__photo").order_by("sort_order"),
        )
        photo_field = RenditionField(AUTHOR_PHOTO_SIZE)
        return [
            {
                "name": byline.author.name,
                "slug": byline.author.slug,
                "role": byline.author.role,
                "url": get_full_url(self.context["request"], byline.author.get_absolute_url()),
                "photo": (
                    photo_field.to_representation(byline.author.photo)
                    if byline.author.photo
                    else None
                ),
            }
            for byline in bylines
        ]


class TagNamesField(WholeObjectField):
    def to_representation(self, page) -> list[str]:
        tagged = _prefetched(
            page, "api_tagged_items", lambda: page.tagged_items.select_related("tag")
        )
        return sorted(item.tag.name for item in tagged)


class CorrectionsField(WholeObjectField):
    def to_representation(self, page) -> list[dict]:
        corrections = _prefetched(
            page, "api_corrections", lambda: page.corrections.order_by("date")
        )
        return [{"date": c.date.isoformat(), "note": c.note} for c in corrections]


class RelatedArticlesField(WholeObjectField):
    def to_representation(self, page) -> list[dict]:
        links = _prefetched(
            page,
            "api_related_links",
            lambda: page.related_links.filter(article__live=True).select_related("article"),
        )
        router = self.context["router"]
        request = self.context["request"]
        return [
            {
                "id": link.article.id,
                "title": link.article.title,
                "html_url": link.article.get_full_url(request),
                "detail_url": get_full_url(
                    request, router.get_object_detail_urlpath(type(link.article), link.article.pk)
                ),
            }
            for link in links
        ]


class HtmlUrlField(WholeObjectField):
    """Wagtail's ``html_url``, with the request: the sites' root paths are then read once
    per request (Wagtail keeps them on it), not once per listed page from the cache."""

    def to_representation(self, page) -> str | None:
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class StreamHTMLField(Field):
    """A StreamField rendered to HTML with the block templates the website uses."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return str(value)


class DocumentURLField(Field):
    """An absolute download URL for a document (the e-paper or magazine PDF)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, document) -> str:
        return get_full_url(self.context["request"], document.url)
