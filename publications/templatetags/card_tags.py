"""Listings of cached cards in templates (``publications.cards``)."""

from django import template

from publications.cards import cards, keyed

register = template.Library()


@register.simple_tag(takes_context=True)
def toc_cards(context, edition) -> list:
    """An edition's table of contents: a card per live, public article, in order."""
    articles = edition.articles(context.get("request"))
    return cards(
        context.get("request"),
        list(keyed(articles, "hero_image")),
        articles,
        template="publications/toc_item.html",
        name="toc",
    )


# A publication's archive: the first row of covers is above the fold, so loaded at once.
EAGER_COVERS = 4


@register.simple_tag(takes_context=True)
def edition_cards(context, editions, publication) -> list:
    """A page of a publication's archive (``editions``, read through ``keyed``): a card
    per edition."""
    first_page = editions.number == 1
    variables = [
        {"eager": first_page and n < EAGER_COVERS, "publication_title": publication.title}
        for n in range(len(editions.object_list))
    ]
    return cards(
        context.get("request"),
        editions.object_list,
        publication.editions(context.get("request")),
        template="publications/edition_card.html",
        name="edition-card",
        as_variable="edition",
        image_field="cover",
        variables=variables,
    )
