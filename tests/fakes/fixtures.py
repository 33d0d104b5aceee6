"""pytest fixtures for the fake platforms (imported by tests/campaigns/conftest.py)."""

import pytest

from .facebook import FakeFacebook
from .instagram import FakeInstagram
from .server import FakeServer
from .telegram import FakeTelegram
from .x import FakeX


@pytest.fixture(scope="session")
def fake_platform_server():
    """One threaded server for the whole session; fakes mount on it per test."""
    server = FakeServer().start()
    yield server
    server.stop()


def _mounted(server: FakeServer, fake, settings_name: str, settings, account_fields: dict):
    from tests.campaigns.factories import SocialAccountFactory

    server.mount(fake)
    setattr(settings, settings_name, fake.api_url)
    fake.account = SocialAccountFactory(**account_fields)
    return fake


@pytest.fixture
def fake_instagram(fake_platform_server, settings, db):
    fake = FakeInstagram(fake_platform_server)
    yield _mounted(
        fake_platform_server,
        fake,
        "GRAPH_API_URL",
        settings,
        {"network": "instagram", "handle": "@tangerangkota", "external_id": fake.ig_user_id},
    )
    fake_platform_server.unmount(fake)


@pytest.fixture
def fake_facebook(fake_platform_server, settings, db):
    fake = FakeFacebook(fake_platform_server)
    yield _mounted(
        fake_platform_server,
        fake,
        "GRAPH_API_URL",
        settings,
        {"network": "facebook", "handle": "@pemkottangerang", "external_id": fake.page_id},
    )
    fake_platform_server.unmount(fake)


@pytest.fixture
def fake_x(fake_platform_server, settings, db):
    fake = FakeX(fake_platform_server)
    yield _mounted(
        fake_platform_server,
        fake,
        "X_API_URL",
        settings,
        {"network": "x", "handle": "@tangerangkota", "external_id": fake.user["id"]},
    )
    fake_platform_server.unmount(fake)


@pytest.fixture
def fake_telegram(fake_platform_server, settings, db):
    fake = FakeTelegram(fake_platform_server)
    yield _mounted(
        fake_platform_server,
        fake,
        "TELEGRAM_API_URL",
        settings,
        {"network": "telegram", "handle": fake.channel, "external_id": fake.channel},
    )
    fake_platform_server.unmount(fake)
