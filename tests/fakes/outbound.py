"""Letting a test's local fake server through the guarded outbound client (core.outbound):
each is allowed by its own host and port, nothing else on 127.0.0.1."""

from urllib.parse import urlsplit


def allow(settings, url: str) -> str:
    """Add the host:port of ``url`` to ``OUTBOUND_ALLOW_PRIVATE_HOSTS`` (``settings`` is
    pytest-django's fixture, restored after the test); returns the entry."""
    parts = urlsplit(url)
    entry = f"{parts.hostname}:{parts.port}"
    settings.OUTBOUND_ALLOW_PRIVATE_HOSTS = [*settings.OUTBOUND_ALLOW_PRIVATE_HOSTS, entry]
    return entry
