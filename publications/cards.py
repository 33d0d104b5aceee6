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
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .models.keys import keyed
from .templatetags.news_tags import card_key

__all__ = ["Listing", "card_key", "cards", "cards_by_page", "keyed", "listings"]

CARD_SECONDS = 86400


@dataclass
class Listing:
    """One listing's cards: ``pages`` (read through ``keyed``) rendered from ``template``
    with each page as ``as_variable`` and its ``variables`` (one dict per page, part of the
    key)."""

    pages: Sequence[Any]
    template: str
    name: str
    as_variable: str = "article"
    image_field: str = "hero_image"
    variables: Iterable[dict[str, Any]] | None = None


def cards(request, pages: Sequence[Any], full: QuerySet | None, **listing: Any) -> list[SafeString]:
    """The HTML of a card per page of ``pages``, in their order (``Listing`` names the
    rest). Cards not in the cache are rendered from pages loaded in one query from ``full``
    (which selects what the template shows); with ``full`` None, ``pages`` are loaded in
    full already and rendered as they are."""
    return listings(request, full, Listing(pages, **listing))[0]


def cards_by_page(
    request, pages: Sequence[Any], full: QuerySet | None, **listing: Any
) -> dict[int, SafeString]:
    """``cards``, as each page's id and its card: for a caller that fills in a card with
    what belongs to that page (a search result's excerpt)."""
    (found,) = _cards(request, full, [Listing(pages, **listing)])
    return {page.pk: card for page, card in found}


def listings(request, full: QuerySet | None, *wanted: Listing) -> list[list[SafeString]]:
    """The cards of several listings of one page: every card read in one cache round trip,
    and every page whose card is missing loaded once, in one query (a lead story shown in
    two places is loaded once)."""
    return [[card for _, card in found] for found in _cards(request, full, wanted)]


def _cards(request, full, wanted: Sequence[Listing]) -> list[list[tuple[Any, SafeString]]]:
    """Each listing's (page, card) pairs, in its order; a page gone between the two queries
    (unpublished meanwhile) has no card."""
    planned = []
    for listing in wanted:
        pages = list(listing.pages)
        extras = list(listing.variables) if listing.variables is not None else [{}] * len(pages)
        keys = [
            make_template_fragment_key(
                listing.name,
                [card_key(page, listing.image_field, request), *sorted(extra.items())],
            )
            for page, extra in zip(pages, extras, strict=True)
        ]
        planned.append((listing, list(zip(pages, keys, extras, strict=True))))
    every_key = [key for _, cards_of in planned for _, key, _ in cards_of]
    found = cache.get_many(every_key) if every_key else {}
    missing = {page.pk for _, cards_of in planned for page, key, _ in cards_of if key not in found}
    if missing:
        loaded = (
            {page.pk: page for _, cards_of in planned for page, _, _ in cards_of}
            if full is None
            else {page.pk: page for page in full.filter(pk__in=missing)}
        )
        rendered = {
            key: render_to_string(
                listing.template, {listing.as_variable: loaded[page.pk], **extra}, request
            )
            for listing, cards_of in planned
            for page, key, extra in cards_of
            if key not in found and page.pk in loaded
        }
        cache.set_many(rendered, CARD_SECONDS)
        found.update(rendered)
    return [
        [(page, mark_safe(found[key])) for page, key, _ in cards_of if key in found]  # noqa: S308
        for _, cards_of in planned
    ]
