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
def httpserver(httpserver, settings):
    """pytest-httpserver's local server, which the guarded outbound client may reach (a
    webhook receiver or a feed in tests). Other local addresses stay refused."""
    from tests.fakes.outbound import allow

    allow(settings, httpserver.url_for("/"))
    return httpserver


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


@pytest.fixture
def users(db):
    """One user per role, keyed by role: editor_koran, editor_majalah, editor_buletin, head,
    social, analyst. Each is in the Wagtail group the data migration created; password
    "rahasia-uji"."""
    from core.roles import ROLE_GROUPS
    from tests.factories import UserFactory

    return {role: UserFactory(username=role.replace("_", "-"), role=role) for role in ROLE_GROUPS}


@pytest.fixture(scope="module")
def leave_database_as_migrated(django_db_setup, django_db_blocker):
    """A transactional test's flush empties the database: put the rows the data migrations
    made (groups, pages) back after the module, for the tests that follow and for the next
    ``--reuse-db`` run."""
    from django.db import connections

    yield
    with django_db_blocker.unblock():
        for each in connections.all(initialized_only=True):
            contents = getattr(each, "_test_serialized_contents", None)
            if contents:
                each.creation.deserialize_db_from_string(contents)
