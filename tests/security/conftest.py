"""Fixtures for the attack tests.

Servers the SSRF attacks aim at: an "internal" service on 127.0.0.1 that the guarded client
must never reach (not in ``OUTBOUND_ALLOW_PRIVATE_HOSTS``), and a receiver standing in for a
public host (allowed by host and port, as the other test fakes are)."""

import re

import pytest
from django.db import connections
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.fakes.outbound import allow
from tests.security.ownership import office  # noqa: F401 - the ownership attacks' office


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


class Recording(HTTPServer):
    """A threaded local server that records every request it receives."""

    def __init__(self):
        super().__init__(host="127.0.0.1", port=0, threaded=True)
        self.received: list[str] = []

    def answer(self, handler) -> None:
        def record(request):
            self.received.append(f"{request.method} {request.path}")
            return handler(request)

        self.expect_request(re.compile(".*")).respond_with_handler(record)


@pytest.fixture
def internal():
    """A service inside the office (an admin panel, a metadata endpoint) with secrets."""
    server = Recording()
    server.start()
    server.answer(lambda request: Response("rahasia-internal", content_type="text/plain"))
    yield server
    server.stop()


@pytest.fixture
def public(settings):
    """A receiver that plays a public host: the guarded client may reach it."""
    server = Recording()
    server.start()
    allow(settings, server.url_for("/"))
    yield server
    server.clear()
    server.stop()
