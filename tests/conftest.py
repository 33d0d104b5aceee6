"""Fixtures shared by the whole suite: the page tree, users per role, a clean cache; and the
markers a test gets by what it uses (``browser``, ``worker``)."""

import inspect
import types

import pytest
from django.core.cache import cache

# The fake platforms (tests/fakes), for the campaigns and the insights halves alike.
pytest_plugins = ["tests.fakes.fixtures"]

# A test that reaches one of these names, in its own code, in a fixture it uses or in a
# function of tests/ they call, gets the marker; `make test-fast` runs none of the three.
MARKED_BY_USE = {
    "browser": {"launch_chromium", "sync_playwright"},  # tests/browser.py, Playwright
    "worker": {"Worker"},  # tests/campaigns/worker.py: `celery worker` in a subprocess
    "slow": {"subprocess"},  # a fresh interpreter (Django's setup: seconds); others by hand
}


def _code_objects(code: types.CodeType):
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_objects(constant)


_NAMES_REACHED: dict[types.FunctionType, frozenset[str]] = {}


def _names_reached(function) -> frozenset[str]:
    """The global names ``function`` uses (its nested functions and lambdas included), and
    those of the functions of tests/ it calls."""
    function = inspect.unwrap(function)
    if not isinstance(function, types.FunctionType):
        return frozenset()
    if function not in _NAMES_REACHED:
        _NAMES_REACHED[function] = frozenset()  # a function calling itself, or a circle
        names = set()
        for code in _code_objects(function.__code__):
            for name in code.co_names:
                names.add(name)
                value = function.__globals__.get(name)
                if str(getattr(value, "__module__", "")).startswith("tests"):
                    names |= _names_reached(value)
        _NAMES_REACHED[function] = frozenset(names)
    return _NAMES_REACHED[function]


def _reached(item: pytest.Item) -> set[str]:
    """The names a test reaches: its own code's and the code of each fixture it uses."""
    functions = [getattr(item, "function", None)]
    for name in getattr(item, "fixturenames", ()):
        functions += [each.func for each in item._fixtureinfo.name2fixturedefs.get(name, ())]
    return set().union(*(_names_reached(each) for each in functions if each))


def pytest_collection_modifyitems(items):
    for item in items:
        reached = _reached(item)
        for marker, names in MARKED_BY_USE.items():
            if reached & names and not item.get_closest_marker(marker):
                item.add_marker(marker)


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


@pytest.fixture
def webhook_account(db):
    """One of our accounts whose posts carry tracked links (a webhook: no platform needed)."""
    from tests.campaigns.factories import SocialAccountFactory

    return SocialAccountFactory(network="webhook")


@pytest.fixture
def wagtail_search_index(settings):
    """Keep Wagtail's own search index up to date, as production does (the test settings
    leave it off: indexing is a fifth of what creating a page costs). For tests of the
    admin's search, the API's ``search=`` and the search without PostgreSQL."""
    from cms.settings.base import WAGTAILSEARCH_BACKENDS

    settings.WAGTAILSEARCH_BACKENDS = WAGTAILSEARCH_BACKENDS


@pytest.fixture
def traffic():
    """Counting from zero: empty event lists, nobody remembered as counted a moment ago, and
    no in-process memo. The "counted a moment ago" keys outlive a test by 30 real minutes,
    and another run on the same Redis database makes the same page and link ids."""
    from insights.tracking import events, views

    store = events.client()

    def forget():
        store.delete(*events.keys())
        seen = events.seen_key(events.keys()[0], "", "*", "*")
        for chunk in _chunks(store.scan_iter(match=seen, count=1000), 500):
            store.delete(*chunk)
        views.resolved_links.clear()
        views.live_pages.clear()

    forget()
    yield store
    forget()


def _chunks(iterable, size):
    chunk = []
    for each in iterable:
        chunk.append(each)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
