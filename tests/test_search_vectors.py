"""Reader search on each article's stored tsvector: what it holds, the bounded ranking and
count, and Wagtail's backend where there is no PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from home import search as reader_search
from publications.models import ArticlePage, Programme
from tests.factories import article

pytestmark = pytest.mark.django_db


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
