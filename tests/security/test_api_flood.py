"""No public request to the city API can tie up the database: list filters, offsets and
search words are capped, and each attack is a 400 with a message, never a 500."""

import pytest

from tests.factories import NewsImageFactory, article, pdf_document

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/pages/?type=publications.ArticlePage"
ENDPOINTS = {
    "pages": "/api/v2/pages/?type=publications.ArticlePage",
    "untyped pages": "/api/v2/pages/?",
    "images": "/api/v2/images/?",
    "documents": "/api/v2/documents/?",
}


@pytest.fixture
def content(koran_edition):
    """One article with tags, an image and a document, so every endpoint has something."""
    tagged = article(koran_edition, title="Banjir surut")
    tagged.tags.add("banjir", "cisadane")
    tagged.save_revision().publish()
    NewsImageFactory()
    pdf_document()
    return tagged


def rejected(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code)
    return response.json()["message"]


def test_hundred_tags_in_one_listing_are_refused_before_any_join(client, content):
    # when a client asks for articles carrying 100 tags (one join per tag in SQL)
    tags = ",".join(f"t{number}" for number in range(100))
    message = rejected(client, f"{ARTICLES}&tags={tags}")
    # then it is told the limit, and five tags (the limit) still filter normally
    assert message == "field filter error: at most 5 tags may be given at once"
    response = client.get(f"{ARTICLES}&tags=banjir,cisadane,a,b,c")
    assert response.status_code == 200
    assert client.get(f"{ARTICLES}&tags=banjir,cisadane").json()["meta"]["total_count"] == 1


def test_hundred_order_fields_are_refused(client, content):
    message = rejected(client, f"{ARTICLES}&order=" + ",".join(["title"] * 100))
    assert message == "cannot order by more than 3 fields"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_offset_past_bigint_is_a_400_not_a_500(client, content, endpoint):
    # when a client pages to an offset PostgreSQL cannot even hold
    message = rejected(client, f"{ENDPOINTS[endpoint]}&offset=99999999999999999999")
    # then it is told the deepest offset allowed
    assert message == "offset cannot be higher than 10000"
    assert client.get(f"{ENDPOINTS[endpoint]}&offset=10000").status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("separator", [" ", "-", " OR "], ids=["spaces", "hyphens", "or-operators"])
def test_search_with_three_hundred_words_is_a_400_not_a_500(client, content, endpoint, separator):
    # when a client searches for 300 words (each one more nested level of the SQL query)
    words = separator.join(f"kata{number}" for number in range(300))
    response = client.get(ENDPOINTS[endpoint], {"search": words})
    # then it is told the limit; twenty words still search
    assert response.status_code == 400
    assert response.json()["message"] == "search error: at most 20 words are allowed"
    twenty = " ".join(f"kata{number}" for number in range(20))
    assert client.get(ENDPOINTS[endpoint], {"search": twenty}).status_code == 200
