"""`make smoke`'s crawler (scripts/smoke_crawl.py) on a tiny site of its own: it follows
what a person could click, never what deletes or logs out, and reports every 5xx with the
URL, the role and the page that linked to it."""

import importlib.util
from pathlib import Path

import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client
from django.urls import path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "smoke_crawl.py"
spec = importlib.util.spec_from_file_location("smoke_crawl", SCRIPT)
smoke_crawl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(smoke_crawl)

pytestmark = pytest.mark.urls(__name__)
called: list[str] = []

HOME = """<html><body>
<a href="/admin/fine/">fine</a>
<a href="/admin/items/1/">first item</a> <a href="/admin/items/2/">second item, same view</a>
<a href="/admin/items/?ordering=name">by name</a> <a href="/admin/items/?ordering=-name">desc</a>
<a href="/admin/items/1/delete/">delete</a> <a href="/admin/logout/">log out</a>
<a href="https://example.org/admin/elsewhere/">another site</a> <a href="/reader/">site</a>
<a href="/admin/moved/">moved</a>
<form method="get" action="/admin/items/"><input name="q"></form>
<form method="post" action="/admin/items/1/delete/"><input name="q"></form>
<script type="application/json">{"menu": [{"url": "/admin/from-the-menu/"}]}</script>
</body></html>"""


def page(html: str = "<html><body>ok</body></html>"):
    def view(request, **kwargs):
        called.append(request.get_full_path())
        return HttpResponse(html)

    return view


def broken(request):
    called.append(request.path)
    raise RuntimeError("a view that fails")


urlpatterns = [
    path("admin/", page(HOME), name="wagtailadmin_home"),  # core.csp looks it up
    path("admin/fine/", page('<a href="/admin/broken/">broken</a>')),
    path("admin/broken/", broken),
    path("admin/items/", page()),
    path("admin/items/<int:pk>/", page()),
    path("admin/items/<int:pk>/delete/", page()),
    path("admin/logout/", page()),
    path("admin/from-the-menu/", page()),
    path("admin/moved/", lambda request: HttpResponseRedirect("/admin/arrived/")),
    path("admin/arrived/", page()),
    path("reader/", page()),
]


@pytest.fixture
def outcome():
    called.clear()
    client = Client(raise_request_exception=False)
    crawler = smoke_crawl.Crawler(
        client, "tester", smoke_crawl.admin_scope, per_pattern=1, text_links="/admin/"
    )
    return crawler.run(["/admin/"])


def test_the_crawler_reports_a_server_error_with_its_url_role_and_referrer(outcome):
    assert [(f.url, f.status, f.role, f.referrer) for f in outcome.failures] == [
        ("/admin/broken/", 500, "tester", "/admin/fine/")
    ]
    assert "a view that fails" in outcome.failures[0].error


def test_the_crawler_follows_links_menus_redirects_sort_orders_and_search_forms(outcome):
    visited = {url for _, url, _ in outcome.visited}
    assert {
        "/admin/",
        "/admin/fine/",
        "/admin/items/1/",
        "/admin/items/?ordering=name",
        "/admin/items/?q=demo",
        "/admin/from-the-menu/",
        "/admin/arrived/",
    } <= visited


def test_the_crawler_never_deletes_logs_out_or_leaves_its_scope(outcome):
    assert not any("delete" in url or "logout" in url for url in called)
    assert "/reader/" not in called
    # one URL per view: the second item and the descending sort are the same screens
    assert "/admin/items/2/" not in called
    assert "/admin/items/?ordering=-name" not in called
