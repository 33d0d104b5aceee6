"""Fixtures for the campaigns half."""

import pytest


@pytest.fixture
def webhook_account(db):
    from tests.campaigns.factories import SocialAccountFactory

    return SocialAccountFactory(network="webhook")
