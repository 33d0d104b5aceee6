"""Listings built from cached cards.

A listing (the home page, a topic, an edition's contents, a publication's archive) asks
the database only for what each card's cache key depends on, reads every card from the
cache in one round trip, and loads and renders in full only the pages whose card is not
there: a listing whose pages did not change makes no page objects and no rendition
lookups at all.

The key is the page's published version and place in the tree, its picture (file and
focal point), its publication's title and the request's site: publishing or moving a
page, or changing its picture, gives its card a new key, so only that card is rendered
again. Keys are made with Django's ``make_template_fragment_key``, as the ``{% cache %}``
tag makes them.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .models.keys import keyed
from .templatetags.news_tags import card_key

__all__ = ["card_key", "cards", "cards_by_page", "keyed"]

CARD_SECONDS = 86400


def cards(
    request,
    pages: Sequence[Any],
    full: QuerySet | None,
    *,
    template: str,
    name: str,
    as_variable: str = "article",
    image_field: str = "hero_image",
    variables: Iterable[dict[str, Any]] | None = None,
) -> list[SafeString]:
    """The HTML of a card per page of ``pages`` (read through ``keyed``), in their order.

    Cards not in the cache are rendered from ``template`` with the page as ``as_variable`` and
    the page's ``variables`` (one dict per page, part of the key), their pages loaded in
    one query from ``full`` (which selects what the template shows); with ``full`` None,
    ``pages`` are loaded in full already and rendered as they are.
    """
    found = cards_by_page(
        request,
        pages,
        full,
        template=template,
        name=name,
        as_variable=as_variable,
        image_field=image_field,
        variables=variables,
    )
    # A page gone between the two queries (unpublished meanwhile) has no card.
    return [found[page.pk] for page in pages if page.pk in found]


def cards_by_page(
    request,
    pages: Sequence[Any],
    full: QuerySet | None,
    *,
    template: str,
    name: str,
    as_variable: str = "article",
    image_field: str = "hero_image",
    variables: Iterable[dict[str, Any]] | None = None,
) -> dict[int, SafeString]:
    """``cards``, as each page's id and its card: for a caller that fills in a card with
    what belongs to that page (a search result's excerpt)."""
    variables = list(variables) if variables is not None else [{}] * len(pages)
    keys = [
        make_template_fragment_key(
            name, [card_key(page, image_field, request), *sorted(extra.items())]
        )
        for page, extra in zip(pages, variables, strict=True)
    ]
    found = cache.get_many(keys) if keys else {}
    missing = [page.pk for page, key in zip(pages, keys, strict=True) if key not in found]
    if missing:
        loaded = (
            {page.pk: page for page in pages}
            if full is None
            else {page.pk: page for page in full.filter(pk__in=missing)}
        )
        rendered = {
            key: render_to_string(template, {as_variable: loaded[page.pk], **extra}, request)
            for page, key, extra in zip(pages, keys, variables, strict=True)
            if key not in found and page.pk in loaded
        }
        cache.set_many(rendered, CARD_SECONDS)
        found.update(rendered)
    return {
        page.pk: mark_safe(found[key])  # noqa: S308 - our templates
        for page, key in zip(pages, keys, strict=True)
        if key in found
    }
