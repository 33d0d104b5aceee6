"""What the city API's listings keep in the cache: each page's serialised item, and the
total count of a listing. An uncached article listing then serialises, and fetches the
relations of, only the pages that changed, and counts the articles only after a change.

An item is kept per page, per fields shown (``?fields=``) and per the request's site and
address, together with what it was made from: the page's published version and place in
the tree, and the page cache's purge tokens, read *before* its relations were fetched: the
whole site's and that of the page's own API URL (``/api/v2/pages/<id>/``).
``publications.purge`` purges that URL whenever something it shows changes: the page
published or moved, its edition, a related article published or unpublished; renaming an
author, a programme or a tag, editing a picture, or publishing a publication purges
everything.

A stored item whose tokens or page have changed since is serialised again.

A pages listing's count is kept per query (its SQL, which names the pages whose view is
restricted), with the purge tokens of the whole site and of ``/api/v2/pages/`` (every
page published, unpublished, moved or deleted purges that path: ``SITEWIDE_PATHS``; a
tag renamed, which ``?tags=`` filters by, purges everything).
"""

import hashlib
from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model, prefetch_related_objects
from django.utils import translation
from wagtail.api.utils import get_base_url

from core.pagecache import purge_token_keys
from core.pagination import KeptCount
from core.sites import links_key

from .api_json import EncodedItems, encode_item
from .purge import api_detail_path

# Part of every item's key: a change to what the API's fields output bumps it.
ITEM_KEY_VERSION = 1
LISTING_PATH = "/api/v2/pages/"


def _digest(value) -> str:
    return hashlib.md5(repr(value).encode(), usedforsecurity=False).hexdigest()


def fields_signature(serializer_class) -> tuple:
    """The fields a serializer shows, with those of its nested serializers."""
    children = getattr(serializer_class, "child_serializer_classes", {})
    return (
        tuple(serializer_class.Meta.fields),
        tuple((name, fields_signature(child)) for name, child in sorted(children.items())),
    )


def _item_context(view) -> str:
    """What every item of this listing depends on besides its page: the fields shown and
    the site and address its links are made for."""
    request = view.request
    return _digest(
        (
            ITEM_KEY_VERSION,
            view.get_queryset().model._meta.label,
            fields_signature(view.get_serializer_class()),
            view.get_serializer_context().get("_wagtail_rich_text_format"),
            get_base_url(request),
            links_key(request),
            translation.get_language(),
        )
    )


def _page_stamp(page) -> tuple:
    """The page's published version and place: its row is read before the tokens are."""
    return (page.live_revision_id, page.last_published_at, page.url_path)


class ListingCount(KeptCount):
    """A pages listing's ``queryset.count()``, kept until a page is published, unpublished,
    moved or deleted, or a tag renamed (``?tags=``); a search's results are counted each
    time. Looked up with the listing's items when they are kept (one cache round trip for
    both: ``listed_items``), else on its own."""

    def __init__(self, queryset):
        super().__init__(queryset, LISTING_PATH, settings.API_ITEM_CACHE_SECONDS)


def listed_items(
    view, pages: Sequence[Model], prefetches: Callable[[], Iterable], count: ListingCount
) -> list:
    """The serialised ``pages`` of ``view``'s listing, in order: from the cache where still
    current, the others serialised (their relations fetched with the lookups ``prefetches``
    makes) and kept; as JSON text (``api_json``) when kept. The listing's ``count`` is
    looked up in the same cache read."""
    pages = list(pages)
    seconds = settings.API_ITEM_CACHE_SECONDS
    if not seconds or not pages:
        return _serialised(view, pages, prefetches)
    context = _item_context(view)
    keys = {page.pk: f"api:item:{context}:{page.pk}" for page in pages}
    tokens = {page.pk: purge_token_keys(api_detail_path(page.pk)) for page in pages}
    token_keys = {key for pair in tokens.values() for key in pair}
    found = cache.get_many([*keys.values(), *token_keys, *count.keys])
    count.value(found)  # read before anything below is fetched
    stamps = {
        page.pk: (
            *(found.get(key) for key in tokens[page.pk]),
            *_page_stamp(page),
        )
        for page in pages
    }
    items = {}
    for pk, key in keys.items():
        stored = found.get(key)
        if stored is not None and stored[0] == stamps[pk]:
            items[pk] = stored[1]
    missing = [page for page in pages if page.pk not in items]
    if missing:
        made = map(encode_item, _serialised(view, missing, prefetches))
        fresh = dict(zip((page.pk for page in missing), made, strict=True))
        cache.set_many({keys[pk]: (stamps[pk], item) for pk, item in fresh.items()}, seconds)
        items.update(fresh)
    return EncodedItems(items[page.pk] for page in pages)


def _serialised(view, pages: list, prefetches: Callable[[], Iterable]) -> list:
    prefetch_related_objects(pages, *prefetches())
    return view.get_serializer(pages, many=True).data
