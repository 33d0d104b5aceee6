"""Accounts with write-only credentials, personas, and campaigns with KPI targets."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from campaigns.models import (
    AccountStatus,
    Campaign,
    DeliveryStatus,
    Persona,
    SocialAccount,
)
from tests.campaigns.factories import SocialAccountFactory, approved_post
from tests.campaigns.post_forms import add_row, form_at, page_text, table_rows

pytestmark = pytest.mark.django_db

ADD_ACCOUNT = "campaigns_account:add"


def edit_account_url(account) -> str:
    return reverse("campaigns_account:edit", args=[account.pk])


@pytest.fixture
def manager(client, users):
    client.force_login(users["social"])
    return users["social"]


def test_manager_adds_an_x_account_with_tokens_that_are_stored_encrypted(client, manager):
    # given the add form filled in for X, with both tokens
    data = form_at(
        client,
        reverse(ADD_ACCOUNT),
        network="x",
        handle="@kotatangerang",
        display_name="Kota Tangerang",
        external_id="1234567",
        credential_access_token="x-akses-rahasia",
        credential_refresh_token="x-segar-rahasia",
        is_active="on",
    )

    # when it is saved
    response = client.post(reverse(ADD_ACCOUNT), data)

    # then the tokens are stored, encrypted, and readable only by the code
    assert response.status_code == 302
    account = SocialAccount.objects.get()
    assert "x-akses-rahasia" not in account.credentials_encrypted
    assert account.get_credentials() == {
        "access_token": "x-akses-rahasia",
        "refresh_token": "x-segar-rahasia",
    }


def test_stored_tokens_are_never_rendered_back(client, manager):
    # given an account with a stored token
    account = SocialAccountFactory(
        owner=manager, network="telegram", credentials={"bot_token": "123:rahasia"}
    )

    # when its form and the listing are opened
    form_page = client.get(edit_account_url(account))
    listing = client.get(reverse("campaigns_account:index"))

    # then the token appears nowhere; the form only says it is stored, and when
    assert b"123:rahasia" not in form_page.content
    assert b"123:rahasia" not in listing.content
    soup = BeautifulSoup(form_page.content, "html.parser")
    secret_input = soup.select_one("input[name=credential_bot_token]")
    assert secret_input["type"] == "password"
    assert not secret_input.get("value")
    assert "Tersimpan, diperbarui" in page_text(form_page)
    help_text = soup.select_one("[id$=credential_bot_token-helptext]").get_text().strip()
    assert help_text.startswith("Untuk Telegram. Tersimpan, diperbarui ")
    assert "WIB" in help_text
    assert "Tersimpan" in page_text(listing)


def test_blank_token_inputs_keep_the_stored_tokens(client, manager):
    # given an X account with both tokens stored
    account = SocialAccountFactory(
        owner=manager,
        network="x",
        credentials={"access_token": "lama", "refresh_token": "segar-lama"},
    )

    # when only the display name changes and a new access token is typed
    data = form_at(client, edit_account_url(account), display_name="Kota Tangerang Resmi")
    data["credential_access_token"] = "baru"
    client.post(edit_account_url(account), data)

    # then the new token replaces the old one and the blank refresh token kept its value
    account.refresh_from_db()
    assert account.display_name == "Kota Tangerang Resmi"
    assert account.get_credentials() == {"access_token": "baru", "refresh_token": "segar-lama"}


def test_a_token_of_another_network_is_refused_and_not_shown_again(client, manager):
    account = SocialAccountFactory(owner=manager, network="webhook")
    data = form_at(client, edit_account_url(account))
    data["credential_bot_token"] = "bukan-untuk-webhook"

    response = client.post(edit_account_url(account), data)

    assert response.status_code == 200
    assert "Tidak dipakai untuk Webhook (aplikasi kota)" in page_text(response)
    assert b"bukan-untuk-webhook" not in response.content
    account.refresh_from_db()
    assert account.get_credentials() == {"secret": "webhook-rahasia"}


def test_new_token_on_an_account_needing_reconnect_releases_its_held_deliveries(
    client, manager, users
):
    # given an approved post held because the account's token expired
    account = SocialAccountFactory(owner=manager, network="instagram")
    account.mark_needs_reconnect("Token Instagram tidak berlaku (190).")
    result = approved_post([account], submitter=users["social"], approver=users["head"], images=1)
    assert result.deliveries.get().status == DeliveryStatus.HELD

    # when a manager pastes a new token
    data = form_at(client, edit_account_url(account))
    data["credential_access_token"] = "ig-token-baru"
    response = client.post(edit_account_url(account), data, follow=True)

    # then the account is connected again and its delivery goes out now
    account.refresh_from_db()
    assert account.status == AccountStatus.CONNECTED
    assert account.last_error == ""
    assert result.deliveries.get().status == DeliveryStatus.SCHEDULED
    assert "1 pengiriman yang ditahan dijadwalkan ulang" in page_text(response)


def test_saving_without_a_new_token_leaves_a_held_account_held(client, manager, users):
    account = SocialAccountFactory(owner=manager, network="facebook")
    account.mark_needs_reconnect("Token kedaluwarsa.")

    client.post(edit_account_url(account), form_at(client, edit_account_url(account)))

    account.refresh_from_db()
    assert account.status == AccountStatus.NEEDS_RECONNECT


def test_listing_shows_which_accounts_need_reconnecting_and_why(client, manager):
    broken = SocialAccountFactory(network="x", handle="@rusak")
    broken.mark_needs_reconnect("Token X tidak berlaku (401).")
    SocialAccountFactory(network="telegram", handle="@sehat")

    rows = table_rows(client.get(reverse("campaigns_account:index")))

    by_handle = {row[0].split()[0]: row[1:] for row in rows}
    assert by_handle["@rusak"][:5] == [
        "X",
        "Akun @rusak",
        "",
        "Perlu dihubungkan ulang",
        "Token X tidak berlaku (401).",
    ]
    assert by_handle["@sehat"][3:5] == ["Terhubung", ""]


def test_tokens_are_never_logged(client, manager, caplog):
    account = SocialAccountFactory(owner=manager, network="telegram")
    account.mark_needs_reconnect("Token kedaluwarsa.")
    data = form_at(client, edit_account_url(account))
    data["credential_bot_token"] = "999:token-yang-tidak-boleh-bocor"

    with caplog.at_level(logging.DEBUG):
        client.post(edit_account_url(account), data)

    account.refresh_from_db()
    assert account.get_credentials() == {"bot_token": "999:token-yang-tidak-boleh-bocor"}
    assert caplog.records  # the request was logged (tasks, SQL) ...
    assert "token-yang-tidak-boleh-bocor" not in caplog.text  # ... but never the token


def test_persona_with_voice_notes_is_chosen_on_an_account(client, manager):
    # given a persona created in the admin
    url = reverse("campaigns_persona:add")
    client.post(
        url,
        form_at(client, url, name="Aboh Jasa", voice_notes="Logat Tangerang, lugas, sapa 'Bro'."),
    )
    aboh = Persona.objects.get()

    # when it is chosen on an account
    account = SocialAccountFactory(owner=manager, network="x")
    client.post(
        edit_account_url(account), form_at(client, edit_account_url(account), persona=aboh.pk)
    )

    # then the account speaks as that persona
    account.refresh_from_db()
    assert account.persona == aboh


# --- Campaigns -------------------------------------------------------------------------------


def campaign_data(client, **fields):
    url = reverse("campaigns_campaign:add")
    values = {
        "name": "Festival Cisadane 2026",
        "objective": "Warga tahu jadwal festival.",
        "pillar": "visitable",
        "starts_on": "2026-11-01",
        "ends_on": "2026-12-31",
        "hashtags": "#FestivalCisadane",
        **fields,
    }
    return url, form_at(client, url, **values)


def test_campaign_with_kpi_targets_is_created_with_its_owner(client, manager):
    # given a campaign with two KPI targets
    url, data = campaign_data(client)
    add_row(data, "targets", metric="reach", network="instagram", target_value="500000", ORDER=1)
    add_row(data, "targets", metric="link_clicks", network="", target_value="2000", ORDER=2)

    # when it is saved
    response = client.post(url, data)

    # then the campaign, its owner and its targets are stored
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.owner == manager
    targets = [(t.metric, t.network, int(t.target_value)) for t in campaign.targets.all()]
    assert targets == [("reach", "instagram", 500000), ("link_clicks", "", 2000)]


def test_campaign_ending_before_it_starts_is_refused(client, manager):
    url, data = campaign_data(client, starts_on="2026-12-01", ends_on="2026-11-01")

    response = client.post(url, data)

    assert response.status_code == 200
    assert not Campaign.objects.exists()
    assert response.context["form"].errors["ends_on"] == [
        "Tanggal selesai tidak boleh sebelum tanggal mulai."
    ]


def test_changing_the_network_drops_the_old_networks_secrets(client, manager):
    account = SocialAccountFactory(
        owner=manager, network="telegram", credentials={"bot_token": "123:lama"}
    )
    data = form_at(client, edit_account_url(account), network="webhook")
    data["external_id"] = "https://aplikasi.tangerangkota.example/posts"  # a webhook's id
    data["credential_secret"] = "rahasia-webhook-baru"

    client.post(edit_account_url(account), data)

    account.refresh_from_db()
    assert account.get_credentials() == {"secret": "rahasia-webhook-baru"}
