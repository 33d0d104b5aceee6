"""The head of Humas approving a post they wrote themselves: no second pair of eyes. Refused
unless ALLOW_SELF_APPROVAL is on; then the approval log and the AMEC report say so."""

import pytest
from django.urls import reverse

from campaigns import approvals, policy
from campaigns.models import ApprovalDecision, PostStatus
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post
from tests.campaigns.post_forms import edit_url, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_pending(users):
    """A post the head of Humas wrote and submitted, in a campaign of theirs."""
    head = users["head"]
    campaign = CampaignFactory(owner=head)
    result = post([SocialAccountFactory(network="telegram")], author=head, campaign=campaign)
    return approvals.submit(result, head)


def test_self_approval_refused(client, users, own_pending):
    # given the head of Humas with their own pending post
    head = users["head"]

    # when they approve it through the API and through the admin's button
    through_api = api_as(head).post(f"{API}/posts/{own_pending.pk}/approve/", {}, format="json")
    client.force_login(head)
    through_admin = client.post(reverse("campaigns_post:approve", args=[own_pending.pk]))

    # then both are refused, saying why, and the post still waits for someone else
    assert through_api.status_code == 403
    assert through_api.json()["detail"] == policy.SELF_APPROVAL_REFUSED
    assert refused(through_admin)
    own_pending.refresh_from_db()
    assert own_pending.status == PostStatus.PENDING_APPROVAL
    assert not own_pending.approvals.filter(decision=ApprovalDecision.APPROVED).exists()
    # and the post's page offers no "Setujui" button, with the reason instead
    page = client.get(edit_url(own_pending)).content.decode()
    assert 'id="post-approve"' not in page
    assert policy.SELF_APPROVAL_REFUSED in page


def test_another_approver_may_approve_it(users, own_pending):
    from tests.factories import UserFactory

    deputy = UserFactory(username="kepala-humas-2", role="head")
    response = api_as(deputy).post(f"{API}/posts/{own_pending.pk}/approve/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["approvals"][-1]["self_approved"] is False


def test_allowed_self_approval_is_marked_in_the_log_and_the_report(
    client, users, own_pending, settings
):
    # given an office that allows self-approval
    settings.ALLOW_SELF_APPROVAL = True
    head = users["head"]

    # when the head approves their own post
    response = api_as(head).post(f"{API}/posts/{own_pending.pk}/approve/", {}, format="json")

    # then it is approved, and the log says it was self-approved
    assert response.status_code == 200
    decision = response.json()["approvals"][-1]
    assert (decision["decision"], decision["self_approved"]) == ("approved", True)
    assert decision["comment"].startswith("Disetujui sendiri (self-approved)")
    client.force_login(head)
    page = client.get(edit_url(own_pending)).content.decode()
    assert "Disetujui sendiri (self-approved)" in page
    # and so does the campaign's AMEC report
    report = client.get(reverse("campaigns_report:report", args=[own_pending.campaign_id]))
    assert "Disetujui sendiri (self-approved)" in report.content.decode()
    assert str(own_pending) in report.content.decode()


def test_self_approval_is_off_by_default():
    from cms.settings import base

    assert base.ALLOW_SELF_APPROVAL is False
