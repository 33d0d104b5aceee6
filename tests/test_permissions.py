"""Who may do what: the migration's groups, as a table of role, publication and action."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowPage
from wagtail.permissions import policy_registry

from core.roles import (
    ANALYSTS_GROUP,
    EDITORS_GROUP_BY_KIND,
    HEAD_OF_HUMAS_GROUP,
    REVIEW_WORKFLOW_NAME,
    ROLE_GROUPS,
    SOCIAL_MEDIA_MANAGERS_GROUP,
)
from publications.models import ArticlePage
from publications.permissions import REVIEW_TASK_NAME
from tests.admin_helpers import add_page_url, edit_page_url, rendered_form, with_body
from tests.factories import article, bulletin_issue, magazine_issue, newspaper_edition

pytestmark = pytest.mark.django_db

PUBLICATIONS = ["koran", "majalah", "buletin"]
ACTIONS = ["create", "edit", "publish", "approve"]
ALL = {(publication, action) for publication in PUBLICATIONS for action in ACTIONS}
# What each role may do, per publication; everything else is refused.
ALLOWED = {
    "editor_koran": {("koran", "create"), ("koran", "edit")},
    "editor_majalah": {("majalah", "create"), ("majalah", "edit")},
    "editor_buletin": {("buletin", "create"), ("buletin", "edit")},
    "head": ALL,
    "social": set(),
    "analyst": set(),
}
EDITION_FACTORIES = {
    "koran": newspaper_edition,
    "majalah": magazine_issue,
    "buletin": bulletin_issue,
}


@pytest.fixture
def newsroom(publications, users):
    """Per publication: an edition, a live article, and a draft article waiting for review."""
    rooms = {}
    for kind in PUBLICATIONS:
        edition = EDITION_FACTORIES[kind](publications[kind])
        in_review = article(edition, title=f"Menunggu tinjauan {kind}", publish=False)
        in_review.save_revision(user=users[f"editor_{kind}"])
        in_review.get_workflow().start(in_review, users[f"editor_{kind}"])
        rooms[kind] = {
            "edition": edition,
            "live": article(edition, title=f"Sudah terbit {kind}"),
            "in_review": ArticlePage.objects.get(pk=in_review.pk),
        }
    return rooms


def allowed_actions(user, room) -> dict[str, bool]:
    task = room["in_review"].current_workflow_task
    return {
        "create": room["edition"].permissions_for_user(user).can_add_subpage(),
        "edit": room["live"].permissions_for_user(user).can_edit(),
        "publish": room["live"].permissions_for_user(user).can_publish(),
        "approve": "approve" in [name for name, _, _ in task.get_actions(room["in_review"], user)],
    }


@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_may_act_only_where_the_table_says(newsroom, users, role):
    # given a user in the role's group, and in each publication an edition with articles
    user = users[role]

    # when checking every action in every publication
    outcome = {
        (kind, action): allowed
        for kind in PUBLICATIONS
        for action, allowed in allowed_actions(user, newsroom[kind]).items()
    }

    # then exactly the actions in the table are allowed
    assert outcome == {key: key in ALLOWED[role] for key in ALL}
    # and while an article waits for review, only the head may change it
    in_review = newsroom["koran"]["in_review"]
    assert in_review.current_workflow_task.locked_for_user(in_review, user) is (role != "head")


def test_editor_of_koran_is_turned_away_from_editing_a_majalah_article(client, newsroom, users):
    # given the Koran editor logged in to the admin
    client.force_login(users["editor_koran"])

    # when opening the editor of a Majalah article, and of a Koran article
    foreign = client.get(edit_page_url(newsroom["majalah"]["live"]))
    own = client.get(edit_page_url(newsroom["koran"]["live"]))

    # then Wagtail refuses the first (back to the dashboard) and opens the second
    assert foreign.status_code == 302
    assert foreign.url == reverse("wagtailadmin_home")
    assert own.status_code == 200


def test_editor_cannot_add_an_article_to_another_publications_edition(client, newsroom, users):
    client.force_login(users["editor_buletin"])

    response = client.get(add_page_url(ArticlePage, newsroom["koran"]["edition"]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", ["social", "analyst"])
def test_social_media_manager_and_analyst_reach_the_admin_but_no_page_editor(
    client, newsroom, users, role
):
    client.force_login(users[role])

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(edit_page_url(newsroom["koran"]["live"])).status_code == 302


def test_editor_pressing_publish_only_saves_a_draft(client, newsroom, users):
    # given a Koran editor on their own live article
    client.force_login(users["editor_koran"])
    live = newsroom["koran"]["live"]
    data = with_body(rendered_form(client, edit_page_url(live)))
    data.update({"title": "Judul diubah editor", "action-publish": "1"})

    # when they post the form with the publish button's name forged in
    response = client.post(edit_page_url(live), data)

    # then the change is kept as a draft and readers still see the published title
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Sudah terbit koran"
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "Judul diubah editor"


def test_migration_creates_the_groups_named_in_roles():
    expected = {
        *EDITORS_GROUP_BY_KIND.values(),
        HEAD_OF_HUMAS_GROUP,
        SOCIAL_MEDIA_MANAGERS_GROUP,
        ANALYSTS_GROUP,
    }
    assert set(ROLE_GROUPS.values()) == expected
    for name in expected:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


COLLECTIONS = ["kantor", "koran", "majalah", "buletin"]


def media_allowed(role: str, collection: str, kind: str, action: str) -> bool:
    """Each editor group adds, changes and chooses in its publication's collection, chooses
    every image and Kantor's documents; Kepala Humas does everything everywhere. Social media
    managers pick (and upload) the images of their posts (campaigns migration 0004); like
    anyone who may add, they may change the images they uploaded themselves, only those."""
    if role == "head":
        return True
    if role == "social":
        return kind == "image"
    if role.startswith("editor_"):
        if collection == role.removeprefix("editor_"):
            return True
        return action == "choose" and (kind == "image" or collection == "kantor")
    return False


MEDIA_GRANTS = {
    (role, collection, kind, action): media_allowed(role, collection, kind, action)
    for role in ROLE_GROUPS
    for collection in COLLECTIONS
    for kind in ("image", "document")
    for action in ("add", "choose", "change")
}


@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_who_may_upload_choose_and_change_images_and_documents_in_each_collection(users, role):
    from wagtail.documents import get_document_model

    from publications.collections import office_collection, publication_collection

    # given the collections of the office and of each publication
    collections = {"kantor": office_collection()} | {
        kind: publication_collection(kind) for kind in ("koran", "majalah", "buletin")
    }
    models = {"image": get_image_model(), "document": get_document_model()}

    # when asking Wagtail's permission policies, then they grant exactly the table
    outcome = {
        (role, collection, kind, action): collections[collection]
        in policy_registry.get_by_type(models[kind]).collections_user_has_permission_for(
            users[role], action
        )
        for collection in COLLECTIONS
        for kind in models
        for action in ("add", "choose", "change")
    }
    assert outcome == {key: allowed for key, allowed in MEDIA_GRANTS.items() if key[0] == role}


def test_review_humas_covers_the_three_publications(publications, home_page):
    # given the workflow assigned by the data migration
    assignment = WorkflowPage.objects.get(page=home_page)
    tasks = [task.specific for task in assignment.workflow.tasks.all()]

    # then it is "Review Humas", one approval by Kepala Humas, and every publication uses it
    assert assignment.workflow.name == REVIEW_WORKFLOW_NAME
    assert [task.name for task in tasks] == [REVIEW_TASK_NAME]
    assert [group.name for group in tasks[0].groups.all()] == [HEAD_OF_HUMAS_GROUP]
    for publication in publications.values():
        assert Page.objects.get(pk=publication.pk).get_workflow() == assignment.workflow


@pytest.mark.parametrize(
    ("role", "may_add_author", "may_add_programme"),
    [
        ("editor_koran", True, False),
        ("editor_majalah", True, False),
        ("editor_buletin", True, False),
        ("head", True, True),
        ("social", False, False),
        ("analyst", False, False),
    ],
)
def test_who_keeps_the_authors_and_the_programmes(users, role, may_add_author, may_add_programme):
    user = users[role]

    assert user.has_perm("publications.add_author") is may_add_author
    assert user.has_perm("publications.add_programme") is may_add_programme
