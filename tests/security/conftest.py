"""Servers the attacks aim at: an "internal" service on 127.0.0.1 that the guarded client must
never reach (not in ``OUTBOUND_ALLOW_PRIVATE_HOSTS``), and a receiver standing in for a public
host (allowed by host and port, as the other test fakes are)."""

import re

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.fakes.outbound import allow


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
