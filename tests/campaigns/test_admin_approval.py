"""Approval in the admin: the manager submits, the head of Humas approves or rejects with a
comment, and who may do what, as a table of role and action."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from campaigns.models import (
    Approval,
    ApprovalDecision,
    DeliveryStatus,
    Notification,
    Post,
    PostStatus,
)
from tests.campaigns.factories import SocialAccountFactory, post
from tests.campaigns.post_forms import (
    add_url,
    edit_url,
    form_at,
    new_post_data,
    page_text,
    refused,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(users):
    """The manager's account (they answer for it, so they may change it)."""
    return SocialAccountFactory(network="x", handle="@kotatangerang", owner=users["social"])


@pytest.fixture
def submitted(account, users):
    """A post the manager wrote and submitted."""
    from campaigns import approvals

    result = post([account], author=users["social"])
    return approvals.submit(result, users["social"])


def test_manager_saves_and_submits_from_the_form(client, users, account):
    # given a new post filled in by the manager
    client.force_login(users["social"])
    data = new_post_data(client, [account], "Jalan Daan Mogot ditutup sementara.")
    data["action-submit"] = "action-submit"

    # when they choose "Ajukan untuk persetujuan"
    response = client.post(add_url(), data, follow=True)

    # then it waits for the head, with a record of what was submitted
    saved = Post.objects.get()
    assert saved.status == PostStatus.PENDING_APPROVAL
    assert saved.deliveries.get().status == DeliveryStatus.PENDING_APPROVAL
    approval = saved.approvals.get()
    assert (approval.decision, approval.actor) == (ApprovalDecision.SUBMITTED, users["social"])
    assert approval.snapshot["deliveries"][0]["text"] == "Jalan Daan Mogot ditutup sementara."
    assert "diajukan ke Kepala Humas" in page_text(response)


def test_submitting_without_an_account_keeps_the_draft_and_says_why(client, users):
    # given a draft with text but no target account
    client.force_login(users["social"])
    data = new_post_data(client, [], "Belum ada akun tujuan.")
    data["action-submit"] = "action-submit"

    # when it is submitted
    response = client.post(add_url(), data, follow=True)

    # then it is saved as a draft, nothing is lost, and the reason is shown
    saved = Post.objects.get()
    assert (saved.status, saved.text) == (PostStatus.DRAFT, "Belum ada akun tujuan.")
    assert "Pilih minimal satu akun tujuan." in page_text(response)
    assert response.context["form"]["text"].value() == "Belum ada akun tujuan."


def test_submitting_a_post_that_breaks_a_rule_saves_nothing(client, users):
    # given an Instagram post without an image
    client.force_login(users["social"])
    instagram = SocialAccountFactory(network="instagram")
    data = new_post_data(client, [instagram], "Tanpa gambar")
    data["action-submit"] = "action-submit"

    # when it is submitted
    response = client.post(add_url(), data)

    # then the form comes back with the rule, and nothing was saved or submitted
    assert response.status_code == 200
    assert "Instagram: wajib ada minimal satu gambar." in page_text(response)
    assert not Post.objects.exists()


def test_head_sees_waiting_posts_on_the_dashboard_and_approves(client, users, submitted):
    client.force_login(users["head"])

    # given the dashboard lists the waiting post, linking to it
    dashboard = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = dashboard.select_one("#campaigns-pending-posts-section") or dashboard.find(
        id=lambda value: value and value.startswith("campaigns-pending-posts")
    )
    assert panel is not None
    assert [a["href"] for a in panel.select("td.title a")] == [edit_url(submitted)]

    # when the head opens it and approves with a comment
    page = BeautifulSoup(client.get(edit_url(submitted)).content, "html.parser")
    assert page.select_one("#post-approve").get_text(strip=True) == "Setujui"
    response = client.post(
        reverse("campaigns_post:approve", args=[submitted.pk]),
        {"comment": "Silakan."},
        follow=True,
    )

    # then the post is scheduled and the decision recorded with the comment
    submitted.refresh_from_db()
    assert submitted.status == PostStatus.APPROVED
    assert submitted.deliveries.get().status == DeliveryStatus.SCHEDULED
    approval = submitted.approvals.last()
    assert (approval.decision, approval.comment) == (ApprovalDecision.APPROVED, "Silakan.")
    assert "disetujui dan dijadwalkan" in page_text(response)


def test_manager_has_no_pending_posts_panel(client, users, submitted):
    client.force_login(users["social"])

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Unggahan menunggu persetujuan" not in dashboard


def test_rejecting_needs_a_comment(client, users, submitted):
    client.force_login(users["head"])

    response = client.post(
        reverse("campaigns_post:reject", args=[submitted.pk]), {"comment": " "}, follow=True
    )

    submitted.refresh_from_db()
    assert submitted.status == PostStatus.PENDING_APPROVAL
    assert "Tulis alasan penolakan untuk penulis." in page_text(response)


def test_rejected_post_returns_to_its_author_editable_with_the_reason(client, users, submitted):
    # given the head rejects with a reason
    client.force_login(users["head"])
    client.post(
        reverse("campaigns_post:reject", args=[submitted.pk]),
        {"comment": "Sebutkan jalur alternatifnya."},
    )

    # when the author opens the post
    client.force_login(users["social"])
    response = client.get(edit_url(submitted))

    # then they were notified, and the form is open again with the reason above it
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#w-editor-form") is not None
    assert "Sebutkan jalur alternatifnya." in soup.select_one("#post-rejection").get_text()
    notice = Notification.objects.get(recipient=users["social"])
    assert notice.url == edit_url(submitted)


def test_withdrawing_a_submitted_post_makes_it_a_draft_again(client, users, submitted):
    client.force_login(users["social"])

    client.post(reverse("campaigns_post:withdraw", args=[submitted.pk]))

    submitted.refresh_from_db()
    assert submitted.status == PostStatus.DRAFT
    assert submitted.deliveries.get().status == DeliveryStatus.DRAFT


def test_the_submit_button_reports_what_approvals_refuses(client, users, submitted):
    client.force_login(users["social"])

    response = client.post(reverse("campaigns_post:submit", args=[submitted.pk]), follow=True)

    assert "Hanya draf atau unggahan yang ditolak yang dapat diajukan." in page_text(response)
    assert Approval.objects.filter(post=submitted).count() == 1


# --- Who may do what -----------------------------------------------------------------------

ROLES = ["head", "social", "analyst", "editor_koran"]
ALLOWED = {
    "head": {
        "list",
        "view",
        "add",
        "edit",
        "submit",
        "approve",
        "reject",
        "list_accounts",
        "add_account",
        "edit_account",
        "list_campaigns",
        "add_campaign",
    },
    "social": {
        "list",
        "view",
        "add",
        "edit",
        "submit",
        "list_accounts",
        "add_account",
        "edit_account",
        "list_campaigns",
        "add_campaign",
    },
    "analyst": {"list", "view", "list_accounts", "list_campaigns"},
    "editor_koran": set(),
}


@pytest.fixture
def scene(account, users):
    from campaigns import approvals
    from tests.campaigns.factories import CampaignFactory

    draft = post([account], author=users["social"])
    waiting = approvals.submit(post([account], author=users["social"]), users["social"])
    return {"draft": draft, "waiting": waiting, "account": account, "campaign": CampaignFactory()}


def attempt(client, action: str, scene) -> bool:
    """Try ``action`` through the admin; True if it was allowed and done."""
    draft, waiting = scene["draft"], scene["waiting"]
    if action in ("list", "add", "list_accounts", "add_account", "list_campaigns", "add_campaign"):
        name = {
            "list": "campaigns_post:index",
            "add": "campaigns_post:add",
            "list_accounts": "campaigns_account:index",
            "add_account": "campaigns_account:add",
            "list_campaigns": "campaigns_campaign:index",
            "add_campaign": "campaigns_campaign:add",
        }[action]
        return client.get(reverse(name)).status_code == 200
    if action == "edit_account":
        url = reverse("campaigns_account:edit", args=[scene["account"].pk])
        return client.get(url).status_code == 200
    if action == "view":
        return client.get(edit_url(waiting)).status_code == 200
    if action == "edit":
        response = client.get(edit_url(draft))
        if response.status_code != 200 or b'id="w-editor-form"' not in response.content:
            return False
        data = form_at(client, edit_url(draft), text="Diubah")
        client.post(edit_url(draft), data)
        draft.refresh_from_db()
        return draft.text == "Diubah"
    if action == "submit":
        response = client.post(reverse("campaigns_post:submit", args=[draft.pk]))
        draft.refresh_from_db()
        return not refused(response) and draft.status == PostStatus.PENDING_APPROVAL
    if action in ("approve", "reject"):
        response = client.post(
            reverse(f"campaigns_post:{action}", args=[waiting.pk]), {"comment": "Alasan."}
        )
        waiting.refresh_from_db()
        return not refused(response) and waiting.status != PostStatus.PENDING_APPROVAL
    raise AssertionError(action)


ACTIONS = sorted(set().union(*ALLOWED.values()))


@pytest.mark.parametrize(
    ("role", "action"), [(role, action) for role in ROLES for action in ACTIONS]
)
def test_role_may_act_only_where_the_table_says(client, users, scene, role, action):
    # given a user in the role's group
    client.force_login(users[role])

    # when they try the action through the admin
    done = attempt(client, action, scene)

    # then it succeeds exactly when the table allows it
    assert done is (action in ALLOWED[role])


@pytest.mark.parametrize("role", ["social", "analyst", "editor_koran"])
def test_only_the_head_sees_decision_buttons(client, users, submitted, role):
    client.force_login(users[role])

    response = client.get(edit_url(submitted))

    assert b'id="post-approve"' not in response.content
    assert b'id="post-reject"' not in response.content


def test_head_deletes_a_draft_but_not_a_submitted_post(client, users, account, submitted):
    draft = post([account], author=users["social"])
    client.force_login(users["head"])

    client.post(reverse("campaigns_post:delete", args=[draft.pk]))
    response = client.post(reverse("campaigns_post:delete", args=[submitted.pk]))

    assert refused(response)
    assert list(Post.objects.all()) == [submitted]


def test_analyst_reads_a_draft_without_a_form(client, users, account):
    draft = post([account], author=users["social"], text="Draf untuk dibaca")
    client.force_login(users["analyst"])

    listing = client.get(reverse("campaigns_post:index"))
    response = client.get(edit_url(draft))

    assert BeautifulSoup(listing.content, "html.parser").find("a", href=edit_url(draft))
    assert b'id="w-editor-form"' not in response.content
    assert "Draf untuk dibaca" in page_text(response)
