"""Fixtures for the attack tests."""

import pytest
from django.db import connections


@pytest.fixture(scope="module")
def restore_migration_rows(django_db_setup, django_db_blocker):
    """Put the data-migration rows back after a module whose transactional tests flushed the
    database (serialized_rollback restores them only *before* each test)."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
