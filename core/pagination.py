"""Listing pages: a page number past the last page is a 404, so search engines and
readers never see the last page again under another URL; nonsense gives the first page."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404


def page_or_404(items: Any, per_page: int, number: str | int | None) -> Page[Any]:
    paginator = Paginator(items, per_page)
    try:
        page_number = int(number or 1)
    except (TypeError, ValueError):
        page_number = 1
    if page_number < 1:
        page_number = 1
    if page_number > paginator.num_pages:
        raise Http404("Halaman ini tidak ada.")
    return paginator.page(page_number)
