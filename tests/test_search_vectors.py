"""Reader search on each article's stored tsvector: what it holds, the bounded ranking and
count, and Wagtail's backend where there is no PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from home import search as reader_search
from home.views import live_articles
from publications.models import ArticlePage, Programme
from tests.factories import article

pytestmark = pytest.mark.django_db


def readers_articles():
    """The articles reader search looks through, as for a reader's request."""
    return live_articles(RequestFactory().get("/cari/"))


def found(client, **params):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [page.title for page in response.context["results"]]


def test_the_article_row_holds_its_weighted_indonesian_vector(koran_edition):
    # given a published article with a programme and a tag
    page = article(koran_edition, title="Jalan baru", lead="Pembangunan jalan lingkar.")
    page.programmes.add(Programme.objects.order_by("pk").first())
    page.tags.add(Tag.objects.create(name="trotoar", slug="trotoar"))
    page.save_revision().publish()

    vector = ArticlePage.objects.values_list("search_vector", flat=True).get(pk=page.pk)

    # then its own row holds Indonesian stems, the headline weighted highest
    assert "'bangun':" in vector and "pembangunan" not in vector
    assert "'jalan':1A" in vector
    assert "'trotoar'" in vector


def test_a_common_word_ranks_and_counts_only_the_newest_candidates(
    client, koran_edition, monkeypatch
):
    # given more matching articles than are ranked
    monkeypatch.setattr(reader_search, "CANDIDATES", 5)
    for number in range(8):
        article(koran_edition, title=f"Kota bersih {number}", lead="Kota bersih lagi.")

    with CaptureQueriesContext(connection) as queries:
        response = found(client, q="kota")

    # then the pager counts at most the candidates and says there are more; the database
    # was asked for one more candidate than that, and never to count every match
    assert response.context["results"].paginator.count == 5
    assert "Lebih dari 5 hasil" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    assert any("search_vector" in s and "LIMIT 6" in s for s in sql)
    assert not any("COUNT(" in s.upper() for s in sql)
    # and the best-ranked candidate comes first: the headline match outranks the lead
    article(koran_edition, title="Sampah dipilah", lead="Warga kota memilah plastik.")
    article(koran_edition, title="Sampah kota", lead="Truk baru.")
    assert titles(found(client, q="sampah kota"))[0] == "Sampah kota"


@pytest.mark.usefixtures("wagtail_search_index")
def test_without_postgresql_search_uses_wagtails_backend(client, koran_edition, monkeypatch):
    # given the embedded default's path (SQLite has no stored vectors)
    monkeypatch.setattr(reader_search, "uses_stored_vectors", lambda: False)
    article(koran_edition, title="Pompa banjir", lead="Genangan surut.")
    article(koran_edition, title="Pasar malam", lead="Pedagang berjualan.")

    with CaptureQueriesContext(connection) as queries:
        response = found(client, q="banjir")

    # then Wagtail's index finds the article, and the stored vector is not read
    assert titles(response) == ["Pompa banjir"]
    assert not any('"search_vector" @@' in q["sql"] for q in queries.captured_queries)
    assert found(client, q='"pompa banjir"').context["results"].paginator.count == 1


@pytest.mark.parametrize("few", [2, 100], ids=["sought-by-period", "all-matches-read"])
@pytest.mark.parametrize("candidates", [3, 6])
def test_several_words_find_the_newest_matches_across_periods(
    koran_edition, monkeypatch, few, candidates
):
    # given a phrase found in articles of every period, back to one older than three years,
    # with fewer ranked candidates than matches
    monkeypatch.setattr(reader_search, "CANDIDATES", candidates)
    monkeypatch.setattr(reader_search, "FEW", few)
    today = timezone.localdate()
    ages = [0, 3, 20, 200, 2000, 60]  # days; periods: week, month, quarter, year, 3 years
    matching = {
        age: article(
            koran_edition,
            title=f"Gotong royong warga {age}",
            display_date=today - datetime.timedelta(days=age),
        ).pk
        for age in ages
    }
    article(koran_edition, title="Royong tanpa gotong", lead="Gotong di sini, lalu royong.")

    # when searched for, whether all matches are read (few) or sought a period at a time
    found = reader_search.find_articles(readers_articles(), '"gotong royong"')

    # then the candidates are exactly the newest matches, and there are said to be more
    newest = [matching[age] for age in sorted(ages)[:candidates]]
    assert sorted(found.results) == sorted(newest)
    assert found.more is (candidates < len(ages))


def test_one_word_is_matched_by_the_search_index_alone(koran_edition):
    # given articles with and without a word, and the same word in a phrase
    hit = article(koran_edition, title="Pompa banjir baru", lead="Genangan surut.").pk
    article(koran_edition, title="Pasar malam", lead="Pedagang berjualan.")

    with CaptureQueriesContext(connection) as queries:
        found = reader_search.find_articles(readers_articles(), "banjir")

    # then one word needs neither the count nor the periods
    assert found.results == [hit]
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "UNION ALL" not in sql and "counted" not in sql
    assert reader_search.find_articles(readers_articles(), '"pompa banjir"').results == [hit]
