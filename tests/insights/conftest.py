"""Fixtures for the insights half (measuring awareness)."""

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
    """One of our accounts whose posts carry tracked links (a webhook: no platform needed)."""
    from tests.campaigns.factories import SocialAccountFactory

    return SocialAccountFactory(network="webhook")
