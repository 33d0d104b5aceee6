"""The office as the ownership attacks find it: a social media manager's campaign, account,
posts and deliveries; a colleague who co-owns the campaign; another manager who owns none of
it; the head of Humas, an administrator and an analyst."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from campaigns import approvals
from campaigns.models import Campaign, Delivery, DeliveryStatus, Post, SocialAccount
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, approved_post, post
from tests.factories import UserFactory

ROLES = ("manager", "co_owner", "colleague", "head", "admin", "analyst")


@dataclass
class Office:
    people: dict[str, User]
    campaign: Campaign
    account: SocialAccount
    draft: Post
    pending: Post
    approved: Post
    failed: Delivery
    unconfirmed: Delivery


@pytest.fixture
def office(users) -> Office:
    people = {
        "manager": users["social"],
        "co_owner": UserFactory(username="rekan-kampanye", role="social"),
        "colleague": UserFactory(username="manajer-lain", role="social"),
        "head": users["head"],
        "admin": UserFactory(username="admin-kota", is_superuser=True),
        "analyst": users["analyst"],
    }
    manager, head = people["manager"], people["head"]
    campaign = CampaignFactory(owner=manager)
    campaign.co_owners.add(people["co_owner"])
    account = SocialAccountFactory(network="telegram", external_id="@kanal_kota", owner=manager)
    in_campaign = {"author": manager, "campaign": campaign}
    draft = post([account], **in_campaign)
    pending = post([account], **in_campaign)
    approvals.submit(pending, manager)
    approved = approved_post([account], submitter=manager, approver=head, campaign=campaign)
    failed = approved_post([account], submitter=manager, approver=head, campaign=campaign)
    failed_delivery = failed.deliveries.get()
    Delivery.objects.filter(pk=failed_delivery.pk).update(status=DeliveryStatus.FAILED)
    unconfirmed = approved_post([account], submitter=manager, approver=head, campaign=campaign)
    unconfirmed_delivery = unconfirmed.deliveries.get()
    Delivery.objects.filter(pk=unconfirmed_delivery.pk).update(status=DeliveryStatus.UNCONFIRMED)
    return Office(
        people=people,
        campaign=campaign,
        account=account,
        draft=draft,
        pending=pending,
        approved=approved,
        failed=Delivery.objects.get(pk=failed_delivery.pk),
        unconfirmed=Delivery.objects.get(pk=unconfirmed_delivery.pk),
    )
