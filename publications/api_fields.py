"""Serializer fields the city app reads, and the prefetches that keep listings bounded.

Each field reads a list prefetched by ``optimise_articles`` / ``optimise_editions`` when
the API lists many pages, and falls back to its own query on a detail view, where the
page is fetched alone.
"""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch
from rest_framework.fields import Field
from wagtail.api.utils import get_full_url
from wagtail.images.api.fields import ImageRenditionField

HERO_SIZES = {"hero_thumbnail": "fill-640x360", "hero_large": "width-1280"}
COVER_SIZES = {"cover_thumbnail": "width-480"}
AUTHOR_PHOTO_SIZE = "fill-160x160"
IMAGE_THUMBNAIL_SIZE = "max-480x480"


def _prefetched(instance, attr: str, query: Callable[[], Iterable]) -> list:
    value = getattr(instance, attr, None)
    return list(query()) if value is None else value


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
    """The publication a page belongs to, found by tree path in one query per request."""

    def to_representation(self, page) -> dict | None:
        from publications.models import PublicationPage

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
        photo_field = ImageRenditionField(AUTHOR_PHOTO_SIZE)
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


def _wanted(fields: set[str] | None, *names: str) -> bool:
    return fields is None or any(name in fields for name in names)


def optimise_articles(queryset: QuerySet, fields: set[str] | None = None) -> QuerySet:
    """Fetch what the article fields read in a fixed number of queries per listing, and
    only for the ``fields`` the response shows (None: all of them). Renditions come in
    one query, of the sizes the API gives only."""
    from publications.models import (
        ArticleAuthor,
        ArticleCorrection,
        ArticleTag,
        NewsRendition,
        RelatedArticle,
    )
    from publications.models.images import renditions_of

    queryset = queryset.select_related("locale").defer("search_vector")
    if _wanted(fields, "hero_image", "hero_credit", "hero_caption", *HERO_SIZES):
        queryset = queryset.select_related("hero_image")
    if _wanted(fields, *HERO_SIZES):
        queryset = queryset.prefetch_related(renditions_of("hero_image", HERO_SIZES.values()))
    photos = NewsRendition.objects.filter(filter_spec=AUTHOR_PHOTO_SIZE)
    lookups = {
        "authors": Prefetch(
            "authors",
            queryset=ArticleAuthor.objects.select_related("author__photo")
            .prefetch_related(
                Prefetch("author__photo__renditions", photos, to_attr="prefetched_renditions")
            )
            .order_by("sort_order"),
            to_attr="api_bylines",
        ),
        "programmes": Prefetch("programmes", to_attr="api_programmes"),
        "tags": Prefetch(
            "tagged_items",
            queryset=ArticleTag.objects.select_related("tag"),
            to_attr="api_tagged_items",
        ),
        "corrections": Prefetch(
            "corrections",
            queryset=ArticleCorrection.objects.order_by("date"),
            to_attr="api_corrections",
        ),
        "related_articles": Prefetch(
            "related_links",
            queryset=RelatedArticle.objects.filter(article__live=True).select_related("article"),
            to_attr="api_related_links",
        ),
    }
    return queryset.prefetch_related(
        *(lookup for name, lookup in lookups.items() if _wanted(fields, name))
    )


def optimise_editions(queryset: QuerySet, fields: set[str] | None = None) -> QuerySet:
    """Covers, their renditions (of the API's size) and PDFs of an edition listing,
    fetched once, for the ``fields`` the response shows (None: all of them)."""
    from publications.models.images import renditions_of

    model = queryset.model
    documents = [
        name
        for name in ("epaper", "pdf")
        if any(f.name == name for f in model._meta.fields) and _wanted(fields, name, f"{name}_url")
    ]
    queryset = queryset.select_related("locale", *documents)
    if _wanted(fields, "cover", *COVER_SIZES):
        queryset = queryset.select_related("cover")
    if _wanted(fields, *COVER_SIZES):
        queryset = queryset.prefetch_related(renditions_of("cover", COVER_SIZES.values()))
    return queryset
