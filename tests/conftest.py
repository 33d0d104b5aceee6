"""Fixtures shared by the whole suite: the page tree, users per role, a clean cache."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clean_cache():
    """Each test starts with an empty page cache (the cache is a real Redis database)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(depth=2)


@pytest.fixture
def publications(db):
    """The three publications created by the data migration, keyed by kind."""
    from publications.models import PublicationPage

    return {page.kind: page for page in PublicationPage.objects.all()}


@pytest.fixture
def koran_edition(publications):
    from tests.factories import newspaper_edition

    return newspaper_edition(publications["koran"])


@pytest.fixture
def published_article(koran_edition):
    from tests.factories import AuthorFactory, NewsImageFactory, article

    return article(
        koran_edition,
        authors=[AuthorFactory(name="Siti Rahma")],
        hero_image=NewsImageFactory(),
        pillar="liveable",
    )
