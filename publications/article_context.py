"""What an article page shows, gathered for its template (``ArticlePage.get_context``).

The parts its published version determines come from the cache when a reader saw this
version before (``publications.article_parts``): then only the related articles' cards are
looked up. Otherwise everything is fetched in a fixed number of queries: one per relation
(the related articles in full, their cards rendered from them), and one for the renditions
of every picture (hero, body, authors, related articles) however many there are.

It lives above the models (it reads the cached parts and cards) and is handed to
``ArticlePage`` when the app starts (``PublicationsConfig.ready``).
"""

from typing import Any

from django.db.models import QuerySet

from publications.article_parts import cached_parts
from publications.blocks import images_in
from publications.cards import cards, keyed
from publications.models import ArticlePage
from publications.models.images import (
    ARTICLE_RENDITION_SPECS,
    CARD_RENDITION_SPECS,
    attach_renditions,
    renditions_of,
)


def gather_context(page: ArticlePage, request, context: dict[str, Any]) -> dict[str, Any]:
    parts = cached_parts(page, request)
    context.update(article_parts=parts, edition=page.edition_link(request))
    if parts is not None and parts.complete:
        context["related_articles"] = related_cards(request, parts.related_ids)
        return context
    # Each list is a handful of rows, put in order here: ORDER BY costs more to compile
    # than these rows cost to sort (``order_by()`` drops the models' ordering).
    bylines = sorted(page.authors.select_related("author__photo").order_by(), key=_position)
    authors = [byline.author for byline in bylines]
    related_ids = page.related_article_ids()
    # Rendered anew with the parts: the related articles are read in full at once (their
    # cards' keys need no query of their own), their pictures' renditions with the page's.
    related = _in_order(related_ids, related_articles().in_bulk(related_ids))
    body_images = images_in(page.body)
    pictures = [
        page.hero_image,
        *body_images,
        *(author.photo for author in authors),
        *(article.hero_image for article in related),
    ]
    attach_renditions(pictures, ARTICLE_RENDITION_SPECS)
    if parts is not None:
        parts.related_ids = related_ids
    context.update(
        authors=authors,
        programmes=sorted(page.programmes.order_by(), key=lambda programme: programme.name),
        tags=list(page.tags.all()),
        related_articles=_cards(request, related, full=None),
        corrections=sorted(page.corrections.order_by(), key=lambda correction: correction.date),
    )
    return context


def related_articles() -> QuerySet:
    """The live articles a related card may show, with what it shows (not their body)."""
    return ArticlePage.objects.live().select_related("hero_image").defer("search_vector", "body")


def related_cards(request, ids: list[int]) -> list:
    """The cards of the live articles among ``ids``, in their order (``publications.cards``):
    one query for what their keys read, the cards from the cache."""
    if not ids:
        return []
    full = related_articles().prefetch_related(renditions_of("hero_image", CARD_RENDITION_SPECS))
    pages = _in_order(ids, keyed(full, "hero_image").in_bulk(ids))
    return _cards(request, pages, full)


def _cards(request, pages: list, full: QuerySet | None) -> list:
    return cards(
        request,
        pages,
        full,
        template="components/article_card_body.html",
        name="related-card",
        variables=[{"no_lead": True}] * len(pages),
    )


def _in_order(ids: list[int], found: dict) -> list:
    return [found[pk] for pk in ids if pk in found]


def _position(orderable) -> int:
    return orderable.sort_order or 0
