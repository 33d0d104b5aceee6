"""The review loop is visible: the head's request for changes on the edit page, every
workflow step in the in-app notifications, the review queue first on the head's dashboard,
and a confirmation after acting."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from campaigns.models import Notification
from publications.models import ArticlePage
from tests.admin_helpers import add_page_url, edit_page_url, rendered_form, with_body

pytestmark = pytest.mark.django_db


def submit_article(client, editor, edition, slug="pohon") -> ArticlePage:
    client.force_login(editor)
    url = add_page_url(ArticlePage, edition)
    data = with_body(rendered_form(client, url), "<p>Seribu pohon.</p>")
    data.update(
        {
            "title": "Seribu pohon untuk Cisadane",
            "slug": slug,
            "lead": "Warga menanam pohon.",
            "action-submit": "1",
            "submit_despite_checks": "on",
        }
    )
    assert client.post(url, data).status_code == 302
    return ArticlePage.objects.get(slug=slug)


def act(client, page, action: str, comment: str = ""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment}, follow=True)


def subjects(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_request_for_changes_shows_on_the_edit_page_with_who_and_the_comment(
    client, users, koran_edition
):
    # given an article the head sent back with a comment
    editor, head = users["editor_koran"], users["head"]
    head.first_name, head.last_name = "Kepala", "Humas"
    head.save()
    page = submit_article(client, editor, koran_edition)
    client.force_login(head)
    act(client, page, "reject", "Tambahkan jumlah pohonnya.")

    # when the editor opens the article
    client.force_login(editor)
    html = client.get(edit_page_url(page)).content.decode()

    # then a message at the top says who asked for what
    soup = BeautifulSoup(html, "html.parser")
    comment = soup.select_one(".messages q.review-comment")
    assert comment is not None and comment.get_text() == "Tambahkan jumlah pohonnya."
    assert "Kepala Humas meminta perubahan" in comment.parent.get_text()


def test_head_gets_a_confirmation_after_requesting_changes(client, users, koran_edition):
    page = submit_article(client, users["editor_koran"], koran_edition)
    client.force_login(users["head"])

    response = act(client, page, "reject", "Perbaiki judul.")

    texts = [str(message) for message in get_messages(response.wsgi_request)] + [
        response.content.decode()
    ]
    assert any(
        "Permintaan perubahan untuk “Seribu pohon untuk Cisadane” telah dikirim" in t for t in texts
    )


@pytest.mark.slow
def test_each_workflow_step_is_an_in_app_notification(client, users, koran_edition):
    editor, head = users["editor_koran"], users["head"]

    # when the editor submits, the head requests changes, the editor resubmits, the head approves
    page = submit_article(client, editor, koran_edition)
    assert subjects(head) == ["Menunggu tinjauan: “Seribu pohon untuk Cisadane”"]
    client.force_login(head)
    act(client, page, "reject", "Tambahkan jumlah pohonnya.")
    page.refresh_from_db()
    assert "Perlu perubahan: “Seribu pohon untuk Cisadane”" in subjects(editor)
    changes = Notification.objects.get(recipient=editor, subject__startswith="Perlu perubahan")
    assert "Tambahkan jumlah pohonnya." in changes.body
    assert changes.url == edit_page_url(page)

    client.force_login(editor)
    data = with_body(rendered_form(client, edit_page_url(page)), "<p>1.000 pohon.</p>")
    data.update({"action-submit": "1", "submit_despite_checks": "on"})
    assert client.post(edit_page_url(page), data).status_code == 302
    assert len(subjects(head)) == 2

    client.force_login(head)
    page.refresh_from_db()
    act(client, page, "approve")

    # then the editor was told of each step, and the head of each submission
    assert set(subjects(editor)) == {
        "Perlu perubahan: “Seribu pohon untuk Cisadane”",
        "Disetujui: “Seribu pohon untuk Cisadane”",
        "Terbit: “Seribu pohon untuk Cisadane”",
    }


def test_awaiting_your_review_is_the_first_panel_on_the_heads_dashboard(
    client, users, koran_edition
):
    submit_article(client, users["editor_koran"], koran_edition)
    client.force_login(users["head"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    panels = BeautifulSoup(html, "html.parser").select("section.w-panel")
    assert panels, "no dashboard panels"
    assert panels[0]["id"] == "awaiting-review-section" or "awaiting-review" in panels[0]["id"]
    assert "Menunggu tinjauan" in panels[0].get_text()
