"""The API allows what the admin allows: each role's model permissions (migration
0002_roles), read as a table of role and endpoint to HTTP status."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from campaigns import approvals
from campaigns.models import Delivery, DeliveryStatus, Post, SocialAccount
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, approved_post, post

ROLES = ("head", "social", "analyst", "editor_koran")


@dataclass
class World:
    account: SocialAccount
    spare_account: SocialAccount
    campaign_id: int
    draft: Post
    pending: Post
    failed: Delivery
    scheduled: Delivery


@pytest.fixture
def world(users):
    # the manager's own account (changing another manager's: tests/security)
    account = SocialAccountFactory(network="webhook", owner=users["social"])
    spare = SocialAccountFactory(network="webhook")
    draft = post([account], author=users["social"])
    pending = post([account], author=users["social"])
    approvals.submit(pending, users["social"])
    failed = approved_post([account], submitter=users["social"], approver=users["head"])
    failed_delivery = failed.deliveries.get()
    Delivery.objects.filter(pk=failed_delivery.pk).update(status=DeliveryStatus.FAILED)
    scheduled = approved_post([account], submitter=users["social"], approver=users["head"])
    return World(
        account=account,
        spare_account=spare,
        campaign_id=CampaignFactory().pk,
        draft=draft,
        pending=pending,
        failed=failed_delivery,
        scheduled=scheduled.deliveries.get(),
    )


def new_post(w: World) -> dict:
    return {
        "text": "Bazar UMKM di Taman Potret",
        "send_now": True,
        "deliveries": [{"account": w.account.pk}],
    }


def new_account(w: World) -> dict:
    return {
        "network": "telegram",
        "handle": "@kanal_baru",
        "display_name": "Kanal Baru",
        "external_id": "@kanal_baru",
        "credentials": {"bot_token": "987:rahasia"},
    }


def new_campaign(w: World) -> dict:
    return {
        "name": "Tangerang Hijau 2027",
        "objective": "Warga menanam pohon.",
        "starts_on": "2027-01-01",
        "ends_on": "2027-03-31",
    }


#   method, path, body, expected status for (head, social, analyst, editor_koran)
TABLE = [
    ("get", lambda w: "/accounts/", None, (200, 200, 200, 403)),
    ("get", lambda w: f"/accounts/{w.account.pk}/", None, (200, 200, 200, 403)),
    ("post", lambda w: "/accounts/", new_account, (201, 201, 403, 403)),
    (
        "patch",
        lambda w: f"/accounts/{w.account.pk}/",
        lambda w: {"display_name": "Baru"},
        (200, 200, 403, 403),
    ),
    ("delete", lambda w: f"/accounts/{w.spare_account.pk}/", None, (403, 403, 403, 403)),
    ("get", lambda w: "/campaigns/", None, (200, 200, 200, 403)),
    ("post", lambda w: "/campaigns/", new_campaign, (201, 201, 403, 403)),
    ("delete", lambda w: f"/campaigns/{w.campaign_id}/", None, (204, 403, 403, 403)),
    ("get", lambda w: "/posts/", None, (200, 200, 200, 403)),
    ("get", lambda w: f"/posts/{w.draft.pk}/", None, (200, 200, 200, 403)),
    ("post", lambda w: "/posts/", new_post, (201, 201, 403, 403)),
    ("patch", lambda w: f"/posts/{w.draft.pk}/", lambda w: {"text": "Ubah"}, (200, 200, 403, 403)),
    ("delete", lambda w: f"/posts/{w.draft.pk}/", None, (204, 403, 403, 403)),
    ("post", lambda w: f"/posts/{w.draft.pk}/submit/", None, (200, 200, 403, 403)),
    ("post", lambda w: f"/posts/{w.pending.pk}/approve/", None, (200, 403, 403, 403)),
    (
        "post",
        lambda w: f"/posts/{w.pending.pk}/reject/",
        lambda w: {"comment": "Ganti foto."},
        (200, 403, 403, 403),
    ),
    ("post", lambda w: f"/posts/{w.pending.pk}/withdraw/", None, (200, 200, 403, 403)),
    ("post", lambda w: f"/posts/{w.pending.pk}/cancel/", None, (200, 200, 403, 403)),
    ("get", lambda w: "/deliveries/", None, (200, 200, 200, 403)),
    ("get", lambda w: f"/deliveries/{w.failed.pk}/", None, (200, 200, 200, 403)),
    ("post", lambda w: f"/deliveries/{w.failed.pk}/retry/", None, (200, 200, 403, 403)),
    ("post", lambda w: f"/deliveries/{w.scheduled.pk}/cancel/", None, (200, 200, 403, 403)),
]
CASES = [
    pytest.param(method, path, body, role, statuses[index], id=f"{role}-{method}-{number}")
    for number, (method, path, body, statuses) in enumerate(TABLE)
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), CASES)
def test_role_gets_what_its_group_permissions_allow(
    world, users, method, path, body, role, expected
):
    # given a user of the role with a token
    client = api_as(users[role])
    # when they call the endpoint
    response = getattr(client, method)(
        API + path(world), body(world) if body else None, format="json"
    )
    # then the answer matches the role's permissions
    assert response.status_code == expected, response.content


def test_request_without_token_is_unauthorised(world):
    response = APIClient().get(f"{API}/posts/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_wrong_token_is_unauthorised(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token bukan-token-yang-sah")
    assert client.get(f"{API}/posts/").status_code == 401


def test_social_manager_cannot_approve_even_with_change_rights(world, users):
    # given a pending post and the social media manager (who may change posts)
    # when they try to approve it
    response = api_as(users["social"]).post(f"{API}/posts/{world.pending.pk}/approve/")
    # then 403, and the post still waits
    assert response.status_code == 403
    world.pending.refresh_from_db()
    assert world.pending.status == "pending_approval"
    assert world.pending.deliveries.get().due_at is None


def test_api_permissions_follow_group_changes(world, users):
    """Permissions come from the groups, not from a list in the API."""
    # given an analyst given the change_post permission directly
    from django.contrib.auth.models import Permission

    analyst = users["analyst"]
    analyst.user_permissions.add(Permission.objects.get(codename="change_post"))
    own_draft = post([world.account], author=analyst)
    # when they submit a draft of their own (others' work stays the owners': tests/security)
    response = api_as(analyst).post(f"{API}/posts/{own_draft.pk}/submit/")
    # then it is allowed
    assert response.status_code == 200
    assert response.json()["status"] == "pending_approval"
