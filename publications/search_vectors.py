"""Each article's words, stored as a weighted ``tsvector`` on its own row (PostgreSQL).

Reader search matches the article table's GIN-indexed ``search_vector`` directly, instead
of joining Wagtail's index entries and ranking every match (1.2 s at 200,000 articles).
The vector follows the row: it is written whenever the row is saved whole (created,
published, unpublished, copied), never from a draft revision, so draft wording is never
found. Off PostgreSQL the column stays empty and search uses Wagtail's backend.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.rich_text import get_text_for_indexing

from .models import ArticlePage


def search_config() -> str | None:
    """The text search configuration (Indonesian) of the vectors and of reader search."""
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")


def uses_stored_vectors() -> bool:
    return connection.vendor == "postgresql"


# What a save must touch for the vector to change (a full save touches everything).
SEARCHED_FIELDS = frozenset({"title", "kicker", "lead", "body"})


def body_text(page) -> str:
    """The body's words, as Wagtail indexes them (block text, without markup)."""
    field = type(page)._meta.get_field("body")
    return " ".join(text for text in field.get_searchable_content(page.body) if text)


def body_text_blocks(page) -> str:
    """The words of the body's text blocks, read from the stored JSON: no block is built
    and no picture fetched (for the excerpts of a page of search results)."""
    parts = []
    for block in page.body.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            parts.append(get_text_for_indexing(value))
        elif kind in ("heading", "quote") and isinstance(value, dict):
            parts += [str(value.get(key) or "") for key in ("text", "attribution")]
    return " ".join(part for part in parts if part)


def searchable_texts(page, names: list[str] | None = None) -> tuple[str, str, str]:
    """(headline, kicker and lead, body with programme and tag names): weights A, B, C."""
    if names is None:
        names = [programme.name for programme in page.programmes.all()]
        names += [tag.name for tag in page.tags.all()]
    return page.title, f"{page.kicker} {page.lead}", " ".join([body_text(page), *names])


def vector_for(page, names: list[str] | None = None) -> SearchVector:
    """The SQL expression of the page's vector, from its words in memory (an article,
    or its historical model in a migration)."""
    config = search_config()
    title, lead, rest = searchable_texts(page, names)
    return (
        SearchVector(Value(title), config=config, weight="A")
        + SearchVector(Value(lead), config=config, weight="B")
        + SearchVector(Value(rest), config=config, weight="C")
    )


@receiver(post_save, sender=ArticlePage)
def store_search_vector(sender, instance, raw=False, update_fields=None, **kwargs):
    """Write the vector of the row just saved; a partial save of other fields keeps it."""
    if raw or not uses_stored_vectors():
        return
    if update_fields is not None and not SEARCHED_FIELDS & set(update_fields):
        return
    ArticlePage.objects.filter(pk=instance.pk).update(search_vector=vector_for(instance))
