"""Platform tokens: encrypted at rest with keys from the environment, rotatable, never logged."""

import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from campaigns import crypto
from campaigns.models import SocialAccount
from tests.campaigns.factories import SocialAccountFactory

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def fresh_keys():
    crypto._fernet.cache_clear()
    yield
    crypto._fernet.cache_clear()


def test_token_is_not_stored_in_clear(db):
    account = SocialAccountFactory(network="telegram", credentials={"bot_token": "123:rahasia"})
    raw = SocialAccount.objects.values_list("credentials_encrypted", flat=True).get(pk=account.pk)
    assert "rahasia" not in raw
    assert SocialAccount.objects.get(pk=account.pk).get_credentials() == {
        "bot_token": "123:rahasia"
    }


def test_blank_value_never_erases_a_stored_token(db):
    account = SocialAccountFactory(
        network="x", credentials={"access_token": "a1", "refresh_token": "r1"}
    )
    account.set_credentials({"access_token": "a2", "refresh_token": ""})
    assert account.get_credentials() == {"access_token": "a2", "refresh_token": "r1"}


def test_rotation_re_encrypts_with_the_newest_key_and_the_old_key_can_then_go(db):
    # given tokens stored under the old key
    with override_settings(CREDENTIALS_KEYS=[OLD_KEY]):
        crypto._fernet.cache_clear()
        account = SocialAccountFactory(network="telegram", credentials={"bot_token": "9:t"})
    # when a new key is put first and the command runs
    with override_settings(CREDENTIALS_KEYS=[NEW_KEY, OLD_KEY]):
        out = io.StringIO()
        call_command("rotate_credentials", stdout=out)
    # then the new key alone opens them
    with override_settings(CREDENTIALS_KEYS=[NEW_KEY]):
        assert SocialAccount.objects.get(pk=account.pk).get_credentials() == {"bot_token": "9:t"}
    assert "1 akun" in out.getvalue()


def test_a_token_under_an_unknown_key_is_reported_not_guessed(db):
    with override_settings(CREDENTIALS_KEYS=[OLD_KEY]):
        account = SocialAccountFactory(network="telegram", credentials={"bot_token": "9:t"})
    with override_settings(CREDENTIALS_KEYS=[NEW_KEY]), pytest.raises(crypto.CredentialsUnreadable):
        SocialAccount.objects.get(pk=account.pk).get_credentials()


def test_tokens_never_reach_the_logs(db, caplog):
    account = SocialAccountFactory(network="webhook", credentials={"secret": "lama"})
    caplog.set_level(logging.DEBUG)  # everything, Django's SQL log included
    account.set_credentials({"secret": "sangat-rahasia"})
    account.save()
    SocialAccount.objects.get(pk=account.pk).get_credentials()
    assert "sangat-rahasia" not in caplog.text
    assert "sangat-rahasia" not in repr(account)
