"""A second social media manager tries to take over a colleague's work: the campaign (its
owner, and with it the dashboards and report), the posts and deliveries, the account. They
read everything of the office; they change only their own."""

import pytest
from django.urls import reverse

from campaigns import policy
from campaigns.models import Campaign, DeliveryStatus, PostStatus, SocialAccount
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.post_forms import form_at, refused

pytestmark = pytest.mark.django_db


def test_manager_cannot_take_over_campaign(client, office):
    # given another manager's campaign, which they can read
    campaign, colleague = office.campaign, office.people["colleague"]
    attacker = api_as(colleague)
    assert attacker.get(f"{API}/campaigns/{campaign.pk}/").status_code == 200

    # when they PATCH its owner to themselves (or make themselves a co-owner)
    taken = attacker.patch(
        f"{API}/campaigns/{campaign.pk}/", {"owner": colleague.pk}, format="json"
    )
    joined = attacker.patch(
        f"{API}/campaigns/{campaign.pk}/", {"co_owners": [colleague.pk]}, format="json"
    )

    # then 403 with the reason in Indonesian, and the campaign is still the owner's
    assert (taken.status_code, joined.status_code) == (403, 403)
    assert taken.json()["detail"] == policy.NOT_YOURS[Campaign]
    campaign.refresh_from_db()
    assert campaign.owner == office.people["manager"]
    assert colleague not in campaign.co_owners.all()
    # and its dashboard and report stay closed to them
    client.force_login(colleague)
    for url_name in ("campaigns_dashboard:campaign", "campaigns_report:report"):
        assert refused(client.get(reverse(url_name, args=[campaign.pk])))


def test_owner_cannot_hand_their_campaign_over_only_the_head_can(office):
    # given the campaign's own manager
    campaign, manager = office.campaign, office.people["manager"]
    colleague = office.people["colleague"]

    # when they PATCH the owner to a colleague
    response = api_as(manager).patch(
        f"{API}/campaigns/{campaign.pk}/", {"owner": colleague.pk}, format="json"
    )

    # then 403: who answers for a campaign is the head of Humas's decision
    assert response.status_code == 403
    assert response.json()["detail"] == policy.OWNER_REFUSED
    campaign.refresh_from_db()
    assert campaign.owner == manager

    # when the head of Humas does it
    handed = api_as(office.people["head"]).patch(
        f"{API}/campaigns/{campaign.pk}/", {"owner": colleague.pk}, format="json"
    )

    # then it is done
    assert handed.status_code == 200
    campaign.refresh_from_db()
    assert campaign.owner == colleague


def test_campaign_created_through_the_api_is_owned_by_its_creator_whatever_is_sent(office):
    body = {
        "name": "Tangerang Cerdas 2027",
        "objective": "Warga tahu beasiswa.",
        "starts_on": "2027-01-01",
        "ends_on": "2027-02-01",
    }
    colleague, manager = office.people["colleague"], office.people["manager"]
    client = api_as(colleague)

    # a campaign created in someone else's name is refused
    assert (
        client.post(f"{API}/campaigns/", {**body, "owner": manager.pk}, format="json").status_code
        == 403
    )
    # without an owner it is the creator's
    created = client.post(f"{API}/campaigns/", body, format="json")
    assert created.status_code == 201
    assert created.json()["owner"] == colleague.pk


def test_manager_cannot_withdraw_cancel_or_retry_others_work(office):
    # given another manager with a token, and the manager's pending post, approved post,
    # failed and unconfirmed deliveries
    attacker = api_as(office.people["colleague"])

    # when they withdraw, cancel, retry, cancel a delivery and submit a draft
    answers = [
        attacker.post(f"{API}/posts/{office.pending.pk}/withdraw/"),
        attacker.post(f"{API}/posts/{office.approved.pk}/cancel/"),
        attacker.post(f"{API}/deliveries/{office.failed.pk}/retry/"),
        attacker.post(f"{API}/deliveries/{office.failed.pk}/cancel/"),
        attacker.post(f"{API}/posts/{office.draft.pk}/submit/"),
        attacker.patch(f"{API}/posts/{office.draft.pk}/", {"text": "Diganti"}, format="json"),
    ]

    # then each is a 403 saying why, and nothing moved
    assert [answer.status_code for answer in answers] == [403] * len(answers)
    assert all(answer.json()["detail"].startswith("Anda hanya dapat") for answer in answers)
    for thing in (office.pending, office.approved, office.draft, office.failed):
        thing.refresh_from_db()
    assert office.pending.status == PostStatus.PENDING_APPROVAL
    assert office.approved.status == PostStatus.APPROVED
    assert office.approved.deliveries.get().status == DeliveryStatus.SCHEDULED
    assert office.failed.status == DeliveryStatus.FAILED
    assert (office.draft.status, office.draft.text) != (PostStatus.PENDING_APPROVAL, "Diganti")


def test_manager_cannot_withdraw_cancel_or_retry_others_work_in_the_admin(client, office):
    # given another manager in the admin, who can open the pending post (read-only)
    client.force_login(office.people["colleague"])
    page = client.get(reverse("campaigns_post:edit", args=[office.approved.pk]))
    assert page.status_code == 200
    assert b"post-actions" not in page.content  # no withdraw or cancel buttons for them

    # when they post the buttons' forms anyway
    presses = [
        client.post(reverse("campaigns_post:withdraw", args=[office.pending.pk])),
        client.post(reverse("campaigns_post:cancel", args=[office.approved.pk])),
        client.post(reverse("campaigns_deliveries:retry", args=[office.failed.pk])),
        client.post(reverse("campaigns_post:retry_delivery", args=[office.failed.pk])),
        client.post(reverse("campaigns_post:cancel_delivery", args=[office.failed.pk])),
        client.post(reverse("campaigns_deliveries:mark_published", args=[office.unconfirmed.pk])),
    ]

    # then every one is refused and nothing moved
    assert all(refused(press) for press in presses)
    office.pending.refresh_from_db()
    office.failed.refresh_from_db()
    office.unconfirmed.refresh_from_db()
    assert office.pending.status == PostStatus.PENDING_APPROVAL
    assert office.approved.deliveries.get().status == DeliveryStatus.SCHEDULED
    assert office.failed.status == DeliveryStatus.FAILED
    assert office.unconfirmed.status == DeliveryStatus.UNCONFIRMED


def test_co_owner_acts_on_the_campaigns_posts(office):
    # given a colleague the head of Humas made co-owner of the campaign
    co_owner = api_as(office.people["co_owner"])
    # when they retry its failed delivery and cancel its approved post
    retried = co_owner.post(f"{API}/deliveries/{office.failed.pk}/retry/")
    cancelled = co_owner.post(f"{API}/posts/{office.approved.pk}/cancel/")
    # then both are done
    assert (retried.status_code, cancelled.status_code) == (200, 200)


def test_manager_cannot_change_others_account(office, client):
    # given another manager's account, which they can read
    account, colleague = office.account, office.people["colleague"]
    attacker = api_as(colleague)
    assert attacker.get(f"{API}/accounts/{account.pk}/").status_code == 200

    # when they change its display name, its credentials or its owner through the API
    answers = [
        attacker.patch(f"{API}/accounts/{account.pk}/", {"display_name": "Milik saya"}),
        attacker.patch(
            f"{API}/accounts/{account.pk}/", {"credentials": {"bot_token": "1:x"}}, format="json"
        ),
        attacker.patch(f"{API}/accounts/{account.pk}/", {"owner": colleague.pk}),
    ]
    # and through the admin's edit form
    client.force_login(office.people["manager"])
    url = reverse("campaigns_account:edit", args=[account.pk])
    data = form_at(client, url, display_name="Milik saya")
    client.force_login(colleague)
    opened = client.get(url)
    posted = client.post(url, data)

    # then all are refused and the account is as it was
    assert [answer.status_code for answer in answers] == [403, 403, 403]
    assert answers[0].json()["detail"] == policy.NOT_YOURS[SocialAccount]
    assert opened.status_code == 302  # to its read-only page
    assert opened["Location"] == reverse("campaigns_account:inspect", args=[account.pk])
    assert refused(posted)
    account.refresh_from_db()
    assert (account.display_name, account.owner) != ("Milik saya", colleague)
    assert account.owner == office.people["manager"]
    assert account.get_credentials() == {"bot_token": "123456:telegram-rahasia"}


def test_api_created_account_is_owned_by_creator(users):
    # given a manager creating an account through the API
    manager = users["social"]
    body = {
        "network": "telegram",
        "handle": "@kanal_baru",
        "display_name": "Kanal Baru",
        "external_id": "@kanal_baru",
        "credentials": {"bot_token": "987:rahasia"},
    }

    # when it is created
    response = api_as(manager).post(f"{API}/accounts/", body, format="json")

    # then it is theirs: they will be told when sending to it fails
    assert response.status_code == 201
    assert response.json()["owner"] == manager.pk
    assert SocialAccount.objects.get(pk=response.json()["id"]).owner == manager
    # and they cannot create one in a colleague's name
    other = api_as(manager).post(
        f"{API}/accounts/",
        {**body, "handle": "@lain", "owner": users["head"].pk},
        format="json",
    )
    assert other.status_code == 403
    assert other.json()["detail"] == policy.OWNER_REFUSED


def test_admin_created_account_is_owned_by_creator_who_cannot_pick_another(client, users):
    # given a manager on the admin's "add account" form: no owner field for them
    manager = users["social"]
    client.force_login(manager)
    url = reverse("campaigns_account:add")
    data = form_at(
        client,
        url,
        network="telegram",
        handle="@kanal_admin",
        display_name="Kanal Admin",
        external_id="@kanal_admin",
        credential_bot_token="555:rahasia",
    )
    assert "owner" not in data

    # when they add one with an owner smuggled in
    data["owner"] = users["head"].pk
    response = client.post(url, data)

    # then it is theirs
    assert response.status_code == 302
    assert SocialAccount.objects.get(handle="@kanal_admin").owner == manager


def test_manager_cannot_slip_a_post_into_others_campaign(office, client):
    # given another manager, with an account of their own
    from tests.campaigns.factories import SocialAccountFactory
    from tests.campaigns.post_forms import new_post_data

    colleague = office.people["colleague"]
    own_account = SocialAccountFactory(network="telegram", owner=colleague)
    body = {
        "text": "Ikut kampanye orang",
        "send_now": True,
        "campaign": office.campaign.pk,
        "deliveries": [{"account": own_account.pk}],
    }

    # when they put a post into the manager's campaign, through the API and the admin form
    through_api = api_as(colleague).post(f"{API}/posts/", body, format="json")
    client.force_login(colleague)
    data = new_post_data(client, [own_account], "Ikut kampanye orang", campaign=office.campaign.pk)
    through_admin = client.post(reverse("campaigns_post:add"), data)

    # then both are refused on the campaign field: its posts and report are the owners'
    assert through_api.status_code == 400
    assert through_api.json()["campaign"] == [
        "Anda hanya dapat memasukkan unggahan ke kampanye yang Anda tangani."
    ]
    assert through_admin.status_code == 200
    assert "campaign" in through_admin.context["form"].errors
    assert not office.campaign.posts.filter(text="Ikut kampanye orang").exists()


def test_head_of_humas_reassigns_a_campaign_in_the_admin(office, client):
    # given the head of Humas on the campaign's edit form, where the owner can be chosen
    campaign, colleague = office.campaign, office.people["colleague"]
    client.force_login(office.people["head"])
    url = reverse("campaigns_campaign:edit", args=[campaign.pk])
    data = form_at(client, url, owner=colleague.pk)

    # when they save it
    response = client.post(url, data)

    # then the colleague answers for it now, and the co-owner is kept
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.owner == colleague
    assert list(campaign.co_owners.all()) == [office.people["co_owner"]]

    # while the manager's form has no owner field at all
    client.force_login(colleague)
    assert "owner" not in form_at(client, url)
