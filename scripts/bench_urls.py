"""`make bench` only: the site's URLs plus a trivial view returning a given number of bytes."""

from bench_redirect import PLAIN_PATH, plain_redirect
from django.http import HttpRequest, HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def trivial(request: HttpRequest, size: int) -> HttpResponse:
    """The least a Django view can do: as many bytes as the page it is compared with."""
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/trivial/<int:size>/", trivial),
    path(PLAIN_PATH.lstrip("/"), plain_redirect),  # the yardstick of scripts/bench_redirect.py
    *site_urlpatterns,
]
