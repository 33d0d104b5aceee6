"""Listing pages: a page number past the last page is a 404, so search engines and
readers never see the last page again under another URL; nonsense gives the first page."""

from django.core.paginator import Page, Paginator
from django.http import Http404


def page_or_404(items, per_page: int, number) -> Page:
    paginator = Paginator(items, per_page)
    try:
        number = int(number or 1)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        number = 1
    if number > paginator.num_pages:
        raise Http404("Halaman ini tidak ada.")
    return paginator.page(number)
