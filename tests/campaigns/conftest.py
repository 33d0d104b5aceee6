"""Fixtures for the campaigns half."""

import pytest

# Fake platforms (see tests/fakes). Imported rather than listed in ``pytest_plugins``,
# which pytest refuses in a conftest below the top level (it breaks ``pytest tests``).
from tests.fakes.fixtures import (  # noqa: F401
    fake_facebook,
    fake_instagram,
    fake_platform_server,
    fake_telegram,
    fake_x,
)


@pytest.fixture
def webhook_account(db):
    from tests.campaigns.factories import SocialAccountFactory

    return SocialAccountFactory(network="webhook")


@pytest.fixture(scope="module")
def leave_database_as_migrated(django_db_setup, django_db_blocker):
    """A transactional test's flush empties the database: put the rows the data migrations
    made (groups, pages) back after the module, for the tests that follow."""
    from django.db import connections

    yield
    with django_db_blocker.unblock():
        for each in connections.all(initialized_only=True):
            contents = getattr(each, "_test_serialized_contents", None)
            if contents:
                each.creation.deserialize_db_from_string(contents)
