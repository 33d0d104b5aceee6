"""Who may do what to whose work, as one table: role, owner and action (``campaigns.policy``).

Everything in the office belongs to "manager": the campaign (which "co_owner" co-owns), the
account, the posts and their deliveries. "colleague" is another social media manager. The
same rules are then sampled through the REST API and the admin, over real HTTP."""

import pytest
from django.urls import reverse

from campaigns import policy
from campaigns.models import Delivery, DeliveryStatus, Post, PostStatus
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.post_forms import form_at, refused
from tests.security.ownership import ROLES

pytestmark = pytest.mark.django_db

Y, N = True, False

# object, action → allowed for (manager, co_owner, colleague, head, admin, analyst)
TABLE = {
    ("campaign", "view"): (Y, Y, Y, Y, Y, Y),
    ("campaign", "change"): (Y, Y, N, Y, Y, N),
    ("campaign", "delete"): (N, N, N, Y, Y, N),
    ("campaign", "change_owner"): (N, N, N, Y, Y, N),
    ("account", "view"): (Y, Y, Y, Y, Y, Y),
    ("account", "change"): (Y, N, N, Y, Y, N),
    ("account", "delete"): (N, N, N, N, Y, N),
    ("account", "change_owner"): (N, N, N, Y, Y, N),
    ("account", "confirm_destination"): (N, N, N, Y, Y, N),
    ("draft", "view"): (Y, Y, Y, Y, Y, Y),
    ("draft", "change"): (Y, Y, N, Y, Y, N),
    ("draft", "submit"): (Y, Y, N, Y, Y, N),
    ("draft", "delete"): (N, N, N, Y, Y, N),
    ("pending", "withdraw"): (Y, Y, N, Y, Y, N),
    ("pending", "approve"): (N, N, N, Y, Y, N),
    ("pending", "reject"): (N, N, N, Y, Y, N),
    ("approved", "cancel"): (Y, Y, N, Y, Y, N),
    ("failed", "view"): (Y, Y, Y, Y, Y, Y),
    ("failed", "retry"): (Y, Y, N, Y, Y, N),
    ("failed", "cancel"): (Y, Y, N, Y, Y, N),
    ("unconfirmed", "mark_published"): (Y, Y, N, Y, Y, N),
}
CASES = [
    pytest.param(thing, action, role, allowed[index], id=f"{role}-{action}-{thing}")
    for (thing, action), allowed in TABLE.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("thing", "action", "role", "allowed"), CASES)
def test_policy_table(office, thing, action, role, allowed):
    # given a person of the role and a piece of the manager's work
    user, obj = office.people[role], getattr(office, thing)
    # when the policy is asked
    # then it answers as the table says, with a reason whenever it refuses
    assert policy.can(user, action, obj) is allowed
    assert bool(policy.refusal(user, action, obj)) is not allowed


def test_head_of_humas_may_not_approve_a_post_they_wrote(office, settings):
    head = office.people["head"]
    own = Post.objects.create(text="Dari Kepala Humas", send_now=True, author=head)
    settings.ALLOW_SELF_APPROVAL = False
    assert policy.refusal(head, "approve", own) == policy.SELF_APPROVAL_REFUSED
    settings.ALLOW_SELF_APPROVAL = True
    assert policy.can(head, "approve", own)


# --- The same rules through the API and the admin --------------------------------------

SAMPLE_ROLES = ("manager", "co_owner", "colleague", "head", "analyst")


def api_call(office, thing: str, action: str):
    """(method, path, body) of the API request doing ``action``."""
    obj = getattr(office, thing)
    if action == "change":
        kind = {"campaign": "campaigns", "account": "accounts", "draft": "posts"}[thing]
        field = {"campaign": "hashtags", "account": "display_name", "draft": "text"}[thing]
        return "patch", f"/{kind}/{obj.pk}/", {field: "#Ubah"}
    kind = "deliveries" if isinstance(obj, Delivery) else "posts"
    return "post", f"/{kind}/{obj.pk}/{action}/", None


API_SAMPLE = [
    ("campaign", "change"),
    ("account", "change"),
    ("draft", "change"),
    ("pending", "withdraw"),
    ("approved", "cancel"),
    ("failed", "retry"),
    ("failed", "cancel"),
]


@pytest.mark.parametrize("role", SAMPLE_ROLES)
@pytest.mark.parametrize(("thing", "action"), API_SAMPLE)
def test_api_answers_as_the_policy(office, thing, action, role):
    # given a person of the role with a token
    allowed = TABLE[(thing, action)][ROLES.index(role)]
    method, path, body = api_call(office, thing, action)
    # when they call the API
    response = getattr(api_as(office.people[role]), method)(API + path, body, format="json")
    # then it is done, or refused with the policy's reason in Indonesian
    if allowed:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 403
    if role == "colleague":  # a manager, refused for the owner's sake: the reason is said
        reason = policy.refusal(office.people[role], action, getattr(office, thing))
        assert response.json()["detail"] == reason
        assert reason.startswith("Anda hanya dapat")


ADMIN_SAMPLE = {
    ("pending", "withdraw"): ("campaigns_post:withdraw", "pending"),
    ("approved", "cancel"): ("campaigns_post:cancel", "approved"),
    ("failed", "retry"): ("campaigns_deliveries:retry", "failed"),
    ("failed", "cancel"): ("campaigns_post:cancel_delivery", "failed"),
    ("unconfirmed", "mark_published"): ("campaigns_deliveries:mark_published", "unconfirmed"),
}


def state(obj) -> str:
    obj.refresh_from_db()
    return obj.status


@pytest.mark.parametrize("role", SAMPLE_ROLES)
@pytest.mark.parametrize(("thing", "action"), list(ADMIN_SAMPLE))
def test_admin_buttons_answer_as_the_policy(client, office, thing, action, role):
    # given a person of the role logged in to the admin
    allowed = TABLE[(thing, action)][ROLES.index(role)]
    url_name, _ = ADMIN_SAMPLE[(thing, action)]
    obj = getattr(office, thing)
    before = state(obj)
    client.force_login(office.people[role])
    # when they press the button (a POST)
    response = client.post(reverse(url_name, args=[obj.pk]))
    # then it is done, or refused with nothing changed
    if allowed:
        assert response.status_code == 302
        assert state(obj) != before
    else:
        assert refused(response)
        assert state(obj) == before


@pytest.mark.parametrize("role", SAMPLE_ROLES)
@pytest.mark.parametrize("thing", ["campaign", "account"])
def test_admin_edit_form_answers_as_the_policy(client, office, thing, role):
    # given the edit form of the manager's campaign or account, as the person sees it (or,
    # when they may not open it, as its owner does)
    obj = getattr(office, thing)
    url_name = {"campaign": "campaigns_campaign:edit", "account": "campaigns_account:edit"}[thing]
    url = reverse(url_name, args=[obj.pk])
    allowed = TABLE[(thing, "change")][ROLES.index(role)]
    client.force_login(office.people[role if allowed else "manager"])
    field = {"campaign": "hashtags", "account": "display_name"}[thing]
    data = form_at(client, url, **{field: "#DiubahLewatAdmin"})

    # when a person of the role opens it and posts it
    client.force_login(office.people[role])
    opened = client.get(url)
    response = client.post(url, data)

    # then the owner's side saves; the others are sent to read it and their POST is refused
    obj.refresh_from_db()
    if allowed:
        assert (opened.status_code, response.status_code) == (200, 302)
        assert getattr(obj, field) == "#DiubahLewatAdmin"
    else:
        assert opened.status_code == 302  # to the read-only page, or refused
        assert refused(response)
        assert getattr(obj, field) != "#DiubahLewatAdmin"


def test_the_office_is_as_the_table_assumes(office):
    assert office.pending.status == PostStatus.PENDING_APPROVAL
    assert office.failed.status == DeliveryStatus.FAILED
    assert office.unconfirmed.status == DeliveryStatus.UNCONFIRMED


@pytest.mark.parametrize("role", ["manager", "co_owner", "colleague"])
def test_delivery_listing_offers_retry_only_on_own_work_at_a_constant_cost(
    client, office, role, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.campaigns.factories import approved_post

    # given the listing as a manager, with one failed delivery of the manager's work
    client.force_login(office.people[role])
    url = reverse("campaigns_deliveries:index") + "?status=failed"
    retry = reverse("campaigns_deliveries:retry", args=[office.failed.pk])
    with CaptureQueriesContext(connection) as one_row:
        page = client.get(url).content.decode()
    # then the "Coba lagi" button is there for whom the policy allows it
    assert (f'action="{retry}"' in page) is TABLE[("failed", "retry")][ROLES.index(role)]

    # when ten more failed deliveries of the campaign are listed
    manager, head = office.people["manager"], office.people["head"]
    for _ in range(10):
        more = approved_post(
            [office.account], submitter=manager, approver=head, campaign=office.campaign
        )
        more.deliveries.update(status=DeliveryStatus.FAILED)

    # then the page costs no more queries
    with django_assert_max_num_queries(len(one_row)):
        client.get(url)
