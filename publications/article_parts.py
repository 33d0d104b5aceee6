"""The parts of an article page that its published version determines, cached as HTML.

An article's head (sharing tags and structured data), byline and dates, hero picture,
body, corrections, topics and author cards are what its published version shows, with
the names and pictures of the snippets it points at (authors, programmes, tags, images)
and the office's branding. They are rendered once per published version and kept in the
cache as one entry, read in one round trip: a reader who opens the article again costs
no query for its authors, topics, corrections, pictures or renditions.

The key holds everything the parts show that is not in the version itself: where the
page is (its URL path, the request's site, its publication's title), and a token that
changes whenever a snippet or picture an article can show is edited or deleted, or the
branding is saved (``SNIPPETS_VERSION_KEY``, read with the site on every page). Publishing
the article, moving it, renaming an author, a programme or a tag, re-cropping a picture:
each gives a new key, so readers see it at once; nothing has to be purged.

A preview, or a page never published, has no key: it is always rendered afresh.
"""

import uuid
from typing import Any

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag

from core.sites import links_key, share_with_every_page

# Part of the key: a change to what the parts show (their templates) bumps it.
PARTS_VERSION = 1
# The parts of ``publications/article_page.html`` (``{% article_part %}``), all cached together.
PART_NAMES = ("head", "meta", "hero", "body", "after-body")
PARTS_SECONDS = 86400
SNIPPETS_VERSION_KEY = "publications:article-snippets-version:v1"
_ON_REQUEST = "_article_snippets_version"


class ArticleParts:
    """The cached parts of one article page: those found, and those rendered to be kept."""

    def __init__(self, key: str, found: dict[str, str] | None, related_ids: list[int]):
        self.key = key
        self.found = found or {}
        self.related_ids = related_ids
        self.rendered: dict[str, str] = {}

    @property
    def complete(self) -> bool:
        return all(name in self.found for name in PART_NAMES)

    def keep(self) -> None:
        """Store what was rendered (after the page was)."""
        if self.rendered:
            value = {"parts": {**self.found, **self.rendered}, "related_ids": self.related_ids}
            cache.set(self.key, value, PARTS_SECONDS)


def parts_key(page, request) -> str | None:
    """The cache key of ``page``'s parts, or None when they must be rendered afresh."""
    if request is None or getattr(request, "is_preview", False) or not page.live_revision_id:
        return None
    from publications.templatetags.news_tags import publication_for

    publication = publication_for(page, request)
    moments = (page.first_published_at, page.last_published_at)
    return make_template_fragment_key(
        "article-parts",
        [
            repr(
                (
                    PARTS_VERSION,
                    page.pk,
                    page.live_revision_id,
                    *(moment.isoformat() if moment else "" for moment in moments),
                    page.url_path,
                    publication.title if publication else None,
                    snippets_version(request),
                    links_key(request),
                )
            )
        ],
    )


def cached_parts(page, request) -> ArticleParts | None:
    """The parts of ``page`` in the cache (``found`` empty when there are none yet)."""
    key = parts_key(page, request)
    if key is None:
        return None
    value = cache.get(key) or {}
    return ArticleParts(key, value.get("parts"), value.get("related_ids") or [])


def snippets_version(request=None) -> str:
    """The token that changes whenever a snippet or picture an article shows is edited."""
    version = getattr(request, _ON_REQUEST, None)
    if version is None:
        version = cache.get(SNIPPETS_VERSION_KEY)
        if version is None:
            cache.add(SNIPPETS_VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(SNIPPETS_VERSION_KEY) or ""
        if request is not None:
            setattr(request, _ON_REQUEST, version)
    return version


share_with_every_page(
    SNIPPETS_VERSION_KEY, lambda request, version: setattr(request, _ON_REQUEST, version)
)


def forget_article_parts() -> None:
    """A new token now, and another after the commit, so a request that read the old rows
    during the change cannot leave them under the new one."""
    cache.set(SNIPPETS_VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(SNIPPETS_VERSION_KEY, uuid.uuid4().hex, None))


def _shown_by_articles() -> tuple[type, ...]:
    """(The office branding, in every article's structured data, is home's: home.signals.)"""
    from publications.models import Author, NewsImage, NewsRendition, Programme

    return (Author, Programme, Tag, NewsImage, NewsRendition)


@receiver(post_save)
@receiver(post_delete)
def forget_article_parts_on_change(sender: type, created: bool = False, **kwargs: Any) -> None:
    """An edited or deleted snippet or picture (or rendition of one) changes what articles
    show. One just created is not shown by any published version yet."""
    if not created and issubclass(sender, _shown_by_articles()):
        forget_article_parts()
