"""SSRF through a webhook account: neither the API nor the admin accepts an internal or
non-http(s) address, the worker never sends to one (nor follows a redirect), a refusal is a
certain failure, and a receiver's error body never ends up in the delivery's reason."""

import pytest
from django.urls import reverse
from werkzeug import Response

from campaigns import clock, dispatch
from campaigns.models import AttemptOutcome, Delivery, DeliveryStatus, SocialAccount
from core.outbound import INTERNAL, NOT_HTTP, NOT_HTTPS
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory, approved_post
from tests.campaigns.post_forms import form_at

pytestmark = pytest.mark.django_db

INTERNAL_ADDRESSES = [
    "http://127.0.0.1:{port}/hook",
    "http://localhost:{port}/hook",
    "http://[::1]:{port}/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://192.168.1.1/admin",
    "file:///etc/passwd",
    "gopher://127.0.0.1:{port}/_SET",
    "ftp://127.0.0.1/",
]


def webhook_body(url: str) -> dict:
    return {
        "network": "webhook",
        "handle": "@penyusup",
        "display_name": "Penyusup",
        "external_id": url,
        "credentials": {"secret": "rahasia"},
    }


def send_now(account, users) -> Delivery:
    """An approved post to ``account``, due now, and one worker run of it."""
    post = approved_post(
        [account], submitter=users["social"], approver=users["head"], send_now=True
    )
    delivery = post.deliveries.get()
    assert clock.tick().claimed == [delivery.pk]
    dispatch.run_delivery(delivery.pk)
    delivery.refresh_from_db()
    return delivery


@pytest.mark.parametrize("address", INTERNAL_ADDRESSES)
def test_ssrf_webhook_account_created_through_the_api_with_an_internal_url_is_refused(
    users, internal, address
):
    # given a manager with an API token
    url = address.format(port=internal.port)

    # when they create a webhook account pointing inside the office
    response = api_as(users["social"]).post(f"{API}/accounts/", webhook_body(url), format="json")

    # then 400 says why on the field, in Indonesian, and nothing is saved or fetched
    assert response.status_code == 400
    expected = INTERNAL if url.startswith("http") else NOT_HTTP
    assert response.json() == {"external_id": [expected]}
    assert not SocialAccount.objects.exists()
    assert internal.received == []


def test_ssrf_webhook_account_moved_inside_through_the_api_is_refused(users, internal):
    # given an existing webhook account with a public receiver
    account = SocialAccountFactory(
        network="webhook", external_id="https://app.kota.example/h", owner=users["social"]
    )

    # when its manager PATCHes its URL to the office's own machine
    response = api_as(users["social"]).patch(
        f"{API}/accounts/{account.pk}/",
        {"external_id": internal.url_for("/hook")},
        format="json",
    )

    # then 400, and the account keeps its address
    assert response.status_code == 400
    assert response.json() == {"external_id": [INTERNAL]}
    account.refresh_from_db()
    assert account.external_id == "https://app.kota.example/h"


@pytest.mark.parametrize("address", ["http://127.0.0.1:9/hook", "file:///etc/passwd"])
def test_ssrf_webhook_account_form_refuses_an_internal_url(client, users, address):
    # given a manager in the admin's account form
    client.force_login(users["social"])
    data = form_at(
        client,
        reverse("campaigns_account:add"),
        network="webhook",
        handle="@penyusup",
        display_name="Penyusup",
        external_id=address,
        credential_secret="rahasia",
        is_active="on",
    )

    # when the account is saved
    response = client.post(reverse("campaigns_account:add"), data)

    # then the form shows the reason on the URL field and keeps what was typed
    assert response.status_code == 200
    assert response.context["form"].errors["external_id"] == [
        INTERNAL if address.startswith("http") else NOT_HTTP
    ]
    assert response.context["form"]["external_id"].value() == address
    assert not SocialAccount.objects.exists()


def test_ssrf_webhook_pointing_inside_fails_for_certain_without_sending(users, internal):
    # given an account that points inside the office (stored before validation existed)
    account = SocialAccountFactory(network="webhook", external_id=internal.url_for("/hook"))

    # when its approved post falls due and the worker runs it
    delivery = send_now(account, users)

    # then nothing reached the internal service; the delivery failed with the reason (a
    # certain "not sent": no retry loop, never "unconfirmed")
    assert internal.received == []
    assert delivery.status == DeliveryStatus.FAILED
    assert not delivery.needs_reconcile
    assert delivery.status_reason == f"Tujuan ditolak: {INTERNAL}"
    assert delivery.attempts.get().outcome == AttemptOutcome.FAILED


def test_ssrf_webhook_redirect_is_not_followed(users, public, internal):
    # given a public receiver that answers the POST with a 307 to an internal service
    target = internal.url_for("/hook")
    public.answer(lambda request: Response(status=307, headers={"Location": target}))
    account = SocialAccountFactory(network="webhook", external_id=public.url_for("/hook"))

    # when the delivery is sent
    delivery = send_now(account, users)

    # then the redirect was not followed, and the delivery failed saying so
    assert public.received == ["POST /hook"]
    assert internal.received == []
    assert delivery.status == DeliveryStatus.FAILED
    assert "pengalihan tidak diikuti" in delivery.status_reason


def test_ssrf_webhook_receivers_error_body_is_not_stored(users, public):
    # given a receiver that answers 400 with a large body full of internal detail
    leak = "<html><script>alert(1)</script>" + "DB_PASSWORD=hunter2 " * 500 + "</html>"
    public.answer(
        lambda request: Response(
            f'{{"message": "<b>Teks\\u0000 ditolak</b> {"x" * 400}", "debug": "{leak}"}}',
            status=400,
            content_type="application/json",
        )
    )
    account = SocialAccountFactory(network="webhook", external_id=public.url_for("/hook"))

    # when the delivery is sent and read back through the API
    delivery = send_now(account, users)
    answer = api_as(users["analyst"]).get(f"{API}/deliveries/{delivery.pk}/").content.decode()

    # then only a short, plain excerpt of its "message" is kept, and no raw body
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.status_reason.startswith("Penerima webhook menolak isi (400): Teks ditolak x")
    assert len(delivery.status_reason) < 260
    for text in (delivery.status_reason, delivery.attempts.get().message, answer):
        assert "hunter2" not in text
        assert "<b>" not in text
        assert "<script>" not in text
        assert "\x00" not in text


def test_ssrf_webhook_over_plain_http_is_refused_where_https_is_required(users, public, settings):
    # given production's rule: webhooks only over https
    settings.WEBHOOK_REQUIRE_HTTPS = True
    account = SocialAccountFactory(network="webhook", external_id=public.url_for("/hook"))

    # when an http:// receiver is entered through the API, and an old one is sent to
    refused = api_as(users["social"]).post(
        f"{API}/accounts/", webhook_body("http://app.kota.example/hook"), format="json"
    )
    delivery = send_now(account, users)

    # then both are refused, and nothing was sent in clear
    assert refused.status_code == 400
    assert refused.json() == {"external_id": [NOT_HTTPS]}
    assert public.received == []
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.status_reason == f"Tujuan ditolak: {NOT_HTTPS}"
