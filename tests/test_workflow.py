"""The "Review Humas" workflow, end to end through the admin as the editor and the head use it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import WorkflowState

from core.roles import REVIEW_WORKFLOW_NAME
from publications.models import ArticlePage, NewspaperEditionPage
from publications.permissions import REVIEW_TASK_NAME
from publications.publishing import publish_edition_with_articles
from publications.wagtail_hooks import publish_edition_url
from tests.admin_helpers import add_page_url, edit_page_url, rendered_form, with_body
from tests.factories import article

pytestmark = pytest.mark.django_db


def workflow_action_url(page, action: str) -> str:
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def test_article_goes_from_editor_to_head_and_back_until_approved(client, users, koran_edition):
    editor, head = users["editor_koran"], users["head"]

    # given the Koran editor writing a new article in an edition
    client.force_login(editor)
    url = add_page_url(ArticlePage, koran_edition)
    data = with_body(rendered_form(client, url), "<p>Seribu pohon ditanam di bantaran.</p>")
    data.update(
        {
            "title": "Seribu pohon untuk Cisadane",
            "slug": "seribu-pohon",
            "lead": "Warga menanam pohon bersama.",
            "action-submit": "1",
            # no byline, photo or pillar: the editor confirms the publishing checks' warning
            "submit_despite_checks": "on",
        }
    )

    # when they submit it for review
    response = client.post(url, data)

    # then it waits for the head's approval, unpublished, and the editor sees that state
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="seribu-pohon")
    assert not article.live
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert article.current_workflow_task.name == REVIEW_TASK_NAME
    editor_view = client.get(edit_page_url(article)).content.decode()
    assert f"Dikirim ke {REVIEW_TASK_NAME}" in editor_view  # from our locale/id catalogue

    # when the head asks for changes with a comment
    client.force_login(head)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Seribu pohon untuk Cisadane" in dashboard
    response = client.post(
        workflow_action_url(article, "reject"), {"comment": "Tambahkan jumlah pohonnya."}
    )
    assert response.status_code == 302

    # then the editor sees the request and the comment
    article.refresh_from_db()
    assert article.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(editor)
    editor_view = client.get(edit_page_url(article)).content.decode()
    assert "Tambahkan jumlah pohonnya." in editor_view
    assert f"Pengajuan ulang ke {REVIEW_TASK_NAME}" in editor_view

    # when the editor changes the article and resubmits it
    data = with_body(rendered_form(client, edit_page_url(article)), "<p>1.000 pohon.</p>")
    data.update(
        {
            "title": "Seribu pohon untuk Cisadane",
            "action-submit": "1",
            "submit_despite_checks": "on",
        }
    )
    response = client.post(edit_page_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not article.live

    # when the head approves
    client.force_login(head)
    response = client.post(workflow_action_url(article, "approve"), {})
    assert response.status_code == 302

    # then the article is live with the resubmitted text
    article.refresh_from_db()
    assert article.live
    assert "1.000 pohon." in str(article.body[0].value)
    assert client.get(article.url).status_code == 200


def test_editor_cannot_approve_their_own_article(client, users, koran_edition):
    # given an article the Koran editor submitted
    draft = article(koran_edition, title="Artikel editor", publish=False)
    draft.save_revision(user=users["editor_koran"])
    draft.get_workflow().start(draft, users["editor_koran"])

    # when the editor posts the approve action themselves
    client.force_login(users["editor_koran"])
    client.post(workflow_action_url(draft, "approve"), {})

    # then nothing is published and the review is still waiting
    draft.refresh_from_db()
    assert not draft.live
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.fixture
def draft_edition(publications, users):
    """A Koran edition prepared as drafts: two new articles (one in review) and one live article
    with an unpublished change."""
    edition = NewspaperEditionPage(
        title="Edisi 7", slug="edisi-7", number=7, date=datetime.date(2026, 11, 9), live=False
    )
    publications["koran"].add_child(instance=edition)
    edition.save_revision(user=users["editor_koran"])
    first = article(edition, title="Artikel pertama", publish=False)
    first.save_revision(user=users["editor_koran"])
    in_review = article(edition, title="Artikel kedua", publish=False)
    in_review.save_revision(user=users["editor_koran"])
    in_review.get_workflow().start(in_review, users["editor_koran"])
    already_live = article(edition, title="Artikel lama")
    already_live.title = "Artikel lama (draf perubahan)"
    already_live.save_revision(user=users["editor_koran"])
    return edition


NOTHING_NEW_PUBLISHED = {
    "Edisi 7": False,
    "Artikel pertama": False,
    "Artikel kedua": False,
    "Artikel lama": True,
}


def states(edition) -> dict[str, bool]:
    edition.refresh_from_db()
    return {
        edition.title: edition.live,
        **{page.title: page.live for page in ArticlePage.objects.child_of(edition)},
    }


def test_head_publishes_an_edition_with_its_draft_articles_as_one_unit(draft_edition, users):
    # when the head publishes the edition with its articles
    published = publish_edition_with_articles(draft_edition, users["head"])

    # then the edition and both new articles are live; the live article keeps its draft aside
    assert sorted(page.title for page in published) == ["Artikel kedua", "Artikel pertama"]
    assert states(draft_edition) == {
        "Edisi 7": True,
        "Artikel pertama": True,
        "Artikel kedua": True,
        "Artikel lama": True,
    }
    reviewed = ArticlePage.objects.get(title="Artikel kedua")
    assert reviewed.current_workflow_state is None  # the review was closed by publishing
    assert ArticlePage.objects.get(title="Artikel lama").has_unpublished_changes


def test_editor_cannot_publish_an_edition(draft_edition, users):
    with pytest.raises(PermissionDenied):
        publish_edition_with_articles(draft_edition, users["editor_koran"])

    assert states(draft_edition) == NOTHING_NEW_PUBLISHED


def test_an_invalid_article_stops_the_whole_edition(draft_edition, users):
    # given one article whose latest draft is missing its lead (saved past the form)
    broken = ArticlePage.objects.get(title="Artikel pertama")
    broken.lead = ""
    broken.save_revision(user=users["editor_koran"], clean=False)

    # when the head publishes the edition
    with pytest.raises(ValidationError):
        publish_edition_with_articles(draft_edition, users["head"])

    # then nothing of the edition went live
    assert states(draft_edition) == NOTHING_NEW_PUBLISHED


def links_to(response, url: str) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.find_all("a", href=url)]


def test_head_publishes_an_edition_from_the_admin(client, draft_edition, users):
    # given the head on the edition's page in the admin
    client.force_login(users["head"])
    explorer = client.get(reverse("wagtailadmin_explore", args=(draft_edition.pk,)))
    confirm_url = publish_edition_url(draft_edition)
    assert links_to(explorer, confirm_url) == ["Terbitkan edisi + artikel"]

    # when they follow "Terbitkan edisi + artikel" and confirm
    confirm = client.get(confirm_url)
    assert confirm.status_code == 200
    assert "Edisi 7" in confirm.content.decode()
    response = client.post(confirm_url, follow=True)

    # then the edition and its new articles are live, and the head is told so
    assert response.status_code == 200
    assert "1 edisi dan 2 artikel telah diterbitkan." in response.content.decode()
    assert states(draft_edition)["Artikel pertama"] is True
    assert states(draft_edition)["Edisi 7"] is True


def test_editor_gets_no_publish_edition_button_and_cannot_use_its_address(
    client, draft_edition, users
):
    client.force_login(users["editor_koran"])
    explorer = client.get(reverse("wagtailadmin_explore", args=(draft_edition.pk,)))
    assert links_to(explorer, publish_edition_url(draft_edition)) == []

    client.post(publish_edition_url(draft_edition))

    assert states(draft_edition) == NOTHING_NEW_PUBLISHED


def test_editor_sees_the_admin_in_indonesian(client, users, koran_edition):
    # given an editor who never chose a language
    client.force_login(users["editor_koran"])

    # when they open the dashboard and the article editor
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    editor = client.get(add_page_url(ArticlePage, koran_edition)).content.decode()

    # then Wagtail speaks Indonesian
    assert 'lang="id"' in dashboard
    assert "Dasbor" in dashboard
    assert "Simpan konsep" in editor
    assert f"Pengajuan ke {REVIEW_WORKFLOW_NAME}" in editor
