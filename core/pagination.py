"""Listing pages: a page number past the last page is a 404, so search engines and
readers never see the last page again under another URL; nonsense gives the first page.

A listing's total (``COUNT(*)`` over every match: the costliest query of a topic page, a
few milliseconds at 20,000 articles) can be kept with the page cache's purge tokens of the
path that shows it (``KeptCount``): it is then current for exactly as long as a cached copy
of that page would be, since whatever adds a page to the listing or takes one out purges
that path (or everything).
"""

import hashlib
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

from .pagecache import purge_token_keys


class KeptCount:
    """``queryset.count()``, kept ``seconds`` in the cache with the purge tokens of ``path``
    and of the whole site, and counted again once either is renewed. ``keys`` can be read
    with other entries in one round trip and handed to ``value``."""

    def __init__(self, queryset: Any, path: str, seconds: int):
        self.queryset = queryset
        self.seconds = seconds
        self.keys: list[str] = []
        if seconds and isinstance(queryset, QuerySet):
            # Which rows are counted, said cheaply: the SQL without columns or order.
            query = queryset.order_by().values("pk").query
            label = (queryset.model._meta.label, *query.sql_with_params())
            digest = hashlib.md5(repr(label).encode(), usedforsecurity=False).hexdigest()
            self.keys = [f"count:{digest}", *purge_token_keys(path)]
        self.count: int | None = None

    def value(self, found: dict[str, Any] | None = None) -> int:
        """The count, from ``found`` (a cache read of ``keys``) or the cache where current."""
        if self.count is None:
            self.count = self._kept(found) if self.keys else self.queryset.count()
        return self.count

    def _kept(self, found: dict[str, Any] | None) -> int:
        if found is None:
            found = cache.get_many(self.keys)
        key, *token_keys = self.keys
        tokens = tuple(found.get(token_key) for token_key in token_keys)
        stored = found.get(key)
        if stored is not None and stored[0] == tokens:
            return int(stored[1])
        count: int = self.queryset.count()
        cache.set(key, (tokens, count), self.seconds)
        return count


def page_or_404(
    items: Any, per_page: int, number: str | int | None, *, count: KeptCount | None = None
) -> Page[Any]:
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count.value()  # instead of Paginator's own COUNT(*)
    try:
        page_number = int(number or 1)
    except (TypeError, ValueError):
        page_number = 1
    if page_number < 1:
        page_number = 1
    if page_number > paginator.num_pages:
        raise Http404("Halaman ini tidak ada.")
    return paginator.page(page_number)
