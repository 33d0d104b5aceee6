"""Listing pages: a page number past the last page is a 404, so search engines and
readers never see the last page again under another URL; nonsense gives the first page."""

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator told how many items there are, for lists whose exact count would cost
    a scan of every match (search): the caller counts a bounded query instead."""

    def __init__(self, object_list, per_page, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def page_or_404(items, per_page: int, number, count: int | None = None) -> Page:
    if count is None:
        paginator = Paginator(items, per_page)
    else:
        paginator = CountedPaginator(items, per_page, count)
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        number = 1
    if number > paginator.num_pages:
        raise Http404("Halaman ini tidak ada.")
    return paginator.page(number)
