"""What an article page shows, gathered for its template (``ArticlePage.get_context``).

The parts its published version determines come from the cache when a reader saw this
version before (``publications.article_parts``): then only the related articles' cards are
looked up. Otherwise everything is fetched in a fixed number of queries: one per relation,
and one for the renditions of every picture (hero, body, authors) however many there are.

It lives above the models (it reads the cached parts and cards) and is handed to
``ArticlePage`` when the app starts (``PublicationsConfig.ready``).
"""

from typing import Any

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
    body_images = images_in(page.body)
    pictures = [page.hero_image, *body_images, *(author.photo for author in authors)]
    attach_renditions(pictures, ARTICLE_RENDITION_SPECS)
    if parts is not None:
        parts.related_ids = related_ids
    context.update(
        authors=authors,
        programmes=sorted(page.programmes.order_by(), key=lambda programme: programme.name),
        tags=list(page.tags.all()),
        related_articles=related_cards(request, related_ids),
        corrections=sorted(page.corrections.order_by(), key=lambda correction: correction.date),
    )
    return context


def related_cards(request, ids: list[int]) -> list:
    """The cards of the live articles among ``ids``, in their order (``publications.cards``):
    one query for what their keys read, the cards from the cache."""
    if not ids:
        return []
    full = (
        ArticlePage.objects.live()
        .select_related("hero_image")
        .prefetch_related(renditions_of("hero_image", CARD_RENDITION_SPECS))
        .defer("search_vector")
    )
    found = keyed(full, "hero_image").in_bulk(ids)
    pages = [found[pk] for pk in ids if pk in found]
    return cards(
        request,
        pages,
        full,
        template="components/article_card_body.html",
        name="related-card",
        variables=[{"no_lead": True}] * len(pages),
    )


def _position(orderable) -> int:
    return orderable.sort_order or 0
