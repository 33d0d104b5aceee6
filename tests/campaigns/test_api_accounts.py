"""Accounts through the API: credentials are write-only, validated per network, encrypted
at rest, and setting them on an account that needs reconnecting releases held deliveries."""

import pytest

from campaigns.models import AccountStatus, DeliveryStatus, SocialAccount
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory, approved_post
from tests.factories import UserFactory

SECRET = "EAAG-sangat-rahasia-123"


def account_body(**fields) -> dict:
    return {
        "network": "instagram",
        "handle": "@tangerangkota",
        "display_name": "Pemkot Tangerang",
        "external_id": "17841400000000001",
        "credentials": {"access_token": SECRET},
        **fields,
    }


def test_credentials_are_never_returned_and_are_encrypted_at_rest(users):
    # given the social media manager
    client = api_as(users["social"])
    # when they create an account with a token, then read, list and edit it
    created = client.post(f"{API}/accounts/", account_body(), format="json")
    account_id = created.json()["id"]
    answers = [
        created,
        client.get(f"{API}/accounts/"),
        client.get(f"{API}/accounts/{account_id}/"),
        client.patch(f"{API}/accounts/{account_id}/", {"display_name": "Kota"}, format="json"),
        client.options(f"{API}/accounts/"),
    ]
    # then no answer carries the token, and the answer says credentials are set
    assert created.status_code == 201
    for answer in answers:
        assert SECRET not in answer.content.decode()
    body = created.json()
    assert "credentials" not in body
    assert body["has_credentials"] is True
    assert body["credentials_updated_at"].endswith("+07:00")
    assert body["status"] == "connected"
    # and the database holds it only encrypted
    account = SocialAccount.objects.get(pk=account_id)
    assert SECRET not in account.credentials_encrypted
    assert account.get_credentials() == {"access_token": SECRET}


@pytest.mark.parametrize(
    ("network", "credentials", "missing"),
    [
        ("instagram", {"token": SECRET}, "access_token"),
        ("facebook", {"access_token": ""}, "access_token"),
        ("x", {"refresh_token": SECRET}, "access_token"),
        ("telegram", {"access_token": SECRET}, "bot_token"),
        ("webhook", {"signing_key": SECRET}, "secret"),
    ],
)
def test_each_network_requires_its_credential_keys(users, network, credentials, missing):
    # given credentials without the key the network needs (a webhook's id is its URL)
    body = account_body(network=network, credentials=credentials)
    if network == "webhook":
        body["external_id"] = "https://aplikasi.tangerangkota.example/posts"
    # when the account is created
    response = api_as(users["social"]).post(f"{API}/accounts/", body, format="json")
    # then 400 names the missing key, without echoing what was sent
    assert response.status_code == 400
    assert list(response.json()) == ["credentials"]
    assert list(response.json()["credentials"]) == [missing]
    assert SECRET not in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_account_cannot_be_created_without_credentials(users):
    body = account_body()
    del body["credentials"]
    response = api_as(users["social"]).post(f"{API}/accounts/", body, format="json")
    assert response.status_code == 400
    assert "credentials" in response.json()


def test_credentials_must_be_an_object_of_strings(users):
    body = account_body(credentials={"access_token": {"nested": SECRET}})
    response = api_as(users["social"]).post(f"{API}/accounts/", body, format="json")
    assert response.status_code == 400
    assert "credentials" in response.json()
    assert SECRET not in response.content.decode()


def test_editing_without_credentials_keeps_the_stored_ones(users):
    # given an account with a token
    account = SocialAccountFactory(network="telegram", owner=users["social"])
    # when only its display name is changed
    response = api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/", {"display_name": "Kanal Kota"}, format="json"
    )
    # then the token is untouched
    assert response.status_code == 200
    account.refresh_from_db()
    assert account.display_name == "Kanal Kota"
    assert account.get_credentials() == {"bot_token": "123456:telegram-rahasia"}


def test_network_of_an_account_cannot_change(users):
    account = SocialAccountFactory(network="telegram", owner=users["social"])
    response = api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/", {"network": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "network" in response.json()
    account.refresh_from_db()
    assert account.network == "telegram"


def test_new_credentials_on_account_needing_reconnect_release_held_deliveries(users):
    # given an approved post whose account lost its token: the delivery is held
    account = SocialAccountFactory(network="webhook", owner=users["social"])
    post = approved_post([account], submitter=users["social"], approver=users["head"])
    account.mark_needs_reconnect("Token tidak berlaku (190).")
    post.deliveries.update(status=DeliveryStatus.HELD)
    # when the manager sets new credentials through the API
    response = api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/",
        {"credentials": {"secret": "rahasia-baru"}},
        format="json",
    )
    # then the account is connected again and the delivery is scheduled to go out now
    assert response.status_code == 200
    assert response.json()["status"] == AccountStatus.CONNECTED
    assert response.json()["last_error"] == ""
    delivery = post.deliveries.get()
    assert delivery.status == DeliveryStatus.SCHEDULED
    account.refresh_from_db()
    assert account.get_credentials() == {"secret": "rahasia-baru"}


def test_other_edits_do_not_release_held_deliveries(users):
    # given a held delivery on an account that needs reconnecting
    account = SocialAccountFactory(network="webhook", owner=users["social"])
    post = approved_post([account], submitter=users["social"], approver=users["head"])
    account.mark_needs_reconnect("Token tidak berlaku.")
    post.deliveries.update(status=DeliveryStatus.HELD)
    # when only the name changes
    api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/", {"display_name": "Aplikasi Kota"}, format="json"
    )
    # then it stays held
    account.refresh_from_db()
    assert account.status == AccountStatus.NEEDS_RECONNECT
    assert post.deliveries.get().status == DeliveryStatus.HELD


def test_accounts_are_filtered_by_network_and_status(users):
    SocialAccountFactory(network="telegram")
    needs = SocialAccountFactory(network="x")
    needs.mark_needs_reconnect("Token kedaluwarsa.")
    client = api_as(users["analyst"])
    telegram = client.get(f"{API}/accounts/", {"network": "telegram"}).json()
    broken = client.get(f"{API}/accounts/", {"status": "needs_reconnect"}).json()
    assert [a["network"] for a in telegram["results"]] == ["telegram"]
    assert [a["id"] for a in broken["results"]] == [needs.pk]
    assert broken["results"][0]["last_error"] == "Token kedaluwarsa."


def test_account_with_deliveries_cannot_be_deleted_even_by_an_administrator(users):
    # given an account that has a delivery, and a superuser
    account = SocialAccountFactory(network="webhook")
    approved_post([account], submitter=users["social"], approver=users["head"])
    admin = UserFactory(username="admin", is_superuser=True)
    # when they delete it
    response = api_as(admin).delete(f"{API}/accounts/{account.pk}/")
    # then 409 explains to deactivate it instead; it stays
    assert response.status_code == 409
    assert "nonaktifkan" in response.json()["detail"]
    assert SocialAccount.objects.filter(pk=account.pk).exists()
