import pytest

pytestmark = pytest.mark.django_db


def test_the_three_publications_exist_after_migrating(publications):
    # given a freshly migrated database
    # then the three publications are in the tree, live
    assert {page.title for page in publications.values()} == {
        "Koran Kota Benteng",
        "Majalah LIVE",
        "Buletin Jumat",
    }
    assert all(page.live for page in publications.values())


@pytest.mark.parametrize(
    "url", ["/", "/koran-kota-benteng/", "/majalah-live/", "/buletin-jumat/", "/rss/"]
)
def test_reader_pages_render(client, url):
    assert client.get(url).status_code == 200


def test_a_published_article_renders_with_its_headline(client, published_article):
    response = client.get(published_article.url)
    assert response.status_code == 200
    assert published_article.title in response.content.decode()
