"""X's two-hour user tokens renew themselves from the stored refresh token (issue 10 §7)."""

import logging
import threading

import pytest
from django.db import connection

from campaigns import clock, dispatch
from campaigns.models import AccountStatus, DeliveryStatus, Notification, SocialAccount
from campaigns.networks import x
from campaigns.token_refresh import renew
from tests.campaigns.factories import approved_post

OLD_TOKEN = "x-user-token-rahasia"
OLD_REFRESH = "x-refresh-rahasia-1"


@pytest.fixture
def expired_x(fake_x, settings):
    """An X account whose access token X no longer accepts, with a refresh token X knows."""
    settings.X_CLIENT_ID = fake_x.client_id
    fake_x.account.set_credentials({"access_token": OLD_TOKEN, "refresh_token": OLD_REFRESH})
    fake_x.account.save()
    fake_x.expire_token()
    return fake_x


def _run(fake, users):
    post = approved_post(
        [fake.account], submitter=users["social"], approver=users["head"], send_now=True
    )
    clock.tick()
    delivery = post.deliveries.get()
    outcome = dispatch.run_delivery(delivery.pk)
    delivery.refresh_from_db()
    return outcome, delivery


def test_expired_access_token_is_refreshed_and_the_post_published(expired_x, users, caplog):
    caplog.set_level(logging.DEBUG)
    # when a delivery to the account runs
    outcome, delivery = _run(expired_x, users)
    # then the token endpoint was asked once, the way X documents, and the post went out
    assert outcome == "published", delivery.status_reason
    assert delivery.status == DeliveryStatus.PUBLISHED
    assert len(expired_x.created) == 1
    (call,) = expired_x.calls_to("oauth2_token")
    assert call.body_kind == "form"
    assert call.params["grant_type"] == "refresh_token"
    assert call.params["refresh_token"] == OLD_REFRESH
    # and both new tokens are stored, encrypted; the rotated refresh token replaced the old
    account = SocialAccount.objects.get(pk=expired_x.account.pk)
    stored = account.get_credentials()
    assert stored["access_token"] == expired_x.token != OLD_TOKEN
    assert stored["refresh_token"] == expired_x.refresh_token != OLD_REFRESH
    assert stored["expires_at"] > 0
    assert expired_x.token not in account.credentials_encrypted
    assert account.status == AccountStatus.CONNECTED
    # and no token reached the logs
    for secret in (OLD_TOKEN, OLD_REFRESH, expired_x.token, expired_x.refresh_token):
        assert secret not in caplog.text


def test_refresh_answered_without_a_new_refresh_token_keeps_the_old_one(expired_x, users):
    # given X answers the refresh with an access token only (it may not rotate)
    expired_x.rotates_refresh_token = False
    outcome, delivery = _run(expired_x, users)
    assert outcome == "published", delivery.status_reason
    # then the refresh token that still works is kept, not erased
    stored = SocialAccount.objects.get(pk=expired_x.account.pk).get_credentials()
    assert stored["access_token"] == expired_x.token != OLD_TOKEN
    assert stored["refresh_token"] == OLD_REFRESH


def test_refused_refresh_holds_the_account_with_a_reconnect_notice(expired_x, users):
    # given X no longer knows the stored refresh token (revoked, or spent elsewhere)
    expired_x.refresh_token = "x-refresh-dicabut"
    # when a delivery to the account runs
    outcome, delivery = _run(expired_x, users)
    # then nothing was posted, the delivery is held, and the account asks to be reconnected
    assert outcome == "reconnect"
    assert delivery.status == DeliveryStatus.HELD
    assert expired_x.created == []
    account = SocialAccount.objects.get(pk=expired_x.account.pk)
    assert account.status == AccountStatus.NEEDS_RECONNECT
    assert "menolak memperbarui token" in account.last_error
    assert "Value passed for the token was invalid" in account.last_error
    assert OLD_REFRESH not in account.last_error
    note = Notification.objects.get(recipient=users["head"])
    assert "perlu dihubungkan ulang" in note.subject
    # and the stored refresh token is kept as it was (never erased by a refusal)
    assert account.get_credentials()["refresh_token"] == OLD_REFRESH


def test_publish_without_refresh_token_still_holds(fake_x, users, settings):
    # given an expired token and no refresh token stored
    settings.X_CLIENT_ID = fake_x.client_id
    fake_x.expire_token()
    outcome, delivery = _run(fake_x, users)
    assert delivery.status == DeliveryStatus.HELD
    # then the account is held, and X's token endpoint was never asked
    assert outcome == "reconnect"
    assert fake_x.calls_to("oauth2_token") == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("leave_database_as_migrated")
def test_two_workers_refreshing_at_once_use_the_refresh_token_once(expired_x):
    # given two workers that both saw the same expired token
    used = expired_x.account.get_credentials()
    expired_x.slow_next(0.5, endpoint="oauth2_token")  # the first refresh takes a while
    results, errors = [], []

    def worker():
        try:
            results.append(renew(expired_x.account, used, x))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then X was asked once (a second use of the rotated token would be refused), and both
    # workers carry on with the same new tokens
    assert errors == []
    assert len(expired_x.calls_to("oauth2_token")) == 1
    assert results[0]["access_token"] == results[1]["access_token"] == expired_x.token
    stored = SocialAccount.objects.get(pk=expired_x.account.pk).get_credentials()
    assert stored["refresh_token"] == expired_x.refresh_token
