"""The bench's seed (``scripts/bench_seed.py``): rows written with COPY still make a page tree
Wagtail can serve, with the search vectors reader search reads; and its tree check (aggregate
SQL, instead of treebeard's walk over every node) notices a broken tree."""

from pathlib import Path

import pytest
from django.db.models import F
from django.test import RequestFactory

from home.search import find_articles
from home.views import live_articles
from publications.models import ArticlePage
from publications.search_vectors import vector_for

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def readers_articles():
    """The articles reader search looks through, as for a reader's request."""
    return live_articles(RequestFactory().get("/cari/"))


@pytest.fixture
def bench_seed(monkeypatch):
    monkeypatch.syspath_prepend(str(SCRIPTS))
    import bench_seed

    return bench_seed


@pytest.mark.slow
def test_a_small_seed_is_a_consistent_tree_of_searchable_articles(bench_seed, publications, client):
    # given a seed of the bench's three publications, written with COPY
    facts = bench_seed.seed(120)

    # then the tree is what Wagtail would have made, with every article live and served
    assert bench_seed.tree_problems() == []
    articles = ArticlePage.objects.live()
    assert articles.count() == facts["articles"] > 100
    newest = articles.order_by("-display_date", "-pk").first()
    assert client.get(newest.url).status_code == 200
    # each article carries the vector its own save would write (the index was rebuilt)
    assert not ArticlePage.objects.filter(search_vector=None).exists()
    for article in articles.order_by("?")[:5]:
        expected = ArticlePage.objects.filter(pk=article.pk).annotate(fresh=vector_for(article))
        stored, fresh = expected.values_list("search_vector", "fresh").get()
        assert stored == fresh
    # and reader search finds the seeded articles through the index
    assert newest.pk in find_articles(readers_articles(), f'"{newest.title}"').results
    assert client.get("/cari/?q=kota").context["results"].paginator.count > 0


def test_the_tree_check_reports_what_treebeard_would_repair(bench_seed, koran_edition):
    assert bench_seed.tree_problems() == []
    pages = type(koran_edition).objects.filter(pk=koran_edition.pk)

    pages.update(numchild=F("numchild") + 1)
    assert bench_seed.tree_problems() == ["wrong numchild: 1 pages"]

    pages.update(numchild=F("numchild") - 1, depth=F("depth") + 1)
    assert bench_seed.tree_problems() == ["wrong depth: 1 pages"]

    pages.update(depth=F("depth") - 1, url_path="/elsewhere/")
    assert bench_seed.tree_problems() == ["wrong url_path: 1 pages"]


def test_the_tree_check_finds_orphans_and_bad_paths(bench_seed, koran_edition):
    type(koran_edition).objects.filter(pk=koran_edition.pk).update(path="0001000100ZZ0001")
    assert bench_seed.tree_problems() == ["orphans: 1 pages", "wrong numchild: 1 pages"]
