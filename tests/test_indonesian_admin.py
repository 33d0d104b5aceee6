"""The admin speaks Indonesian to everyone, whatever the browser asks for; a user's own
choice in their profile still holds; Wagtail's workflow e-mails are Indonesian too."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from publications.models import ArticlePage
from publications.permissions import REVIEW_TASK_NAME
from tests.admin_helpers import add_page_url, edit_page_url, rendered_form, with_body

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_admin_is_indonesian_for_an_english_browser(client, users):
    client.force_login(users["editor_koran"])

    html = client.get(reverse("wagtailadmin_home"), **ENGLISH_BROWSER).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.title.get_text(strip=True).startswith("Dasbor")


def test_log_in_page_is_indonesian_for_an_english_browser(client, db):
    html = client.get(reverse("wagtailadmin_login"), **ENGLISH_BROWSER).content.decode()

    assert BeautifulSoup(html, "html.parser").html["lang"] == "id"
    assert "Nama pengguna" in html


def test_a_personal_choice_of_english_is_kept(client, users):
    editor = users["editor_koran"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert BeautifulSoup(html, "html.parser").html["lang"] == "en"


def test_checks_panel_and_review_words_are_indonesian(client, users, koran_edition):
    client.force_login(users["editor_koran"])

    html = client.get(add_page_url(ArticlePage, koran_edition), **ENGLISH_BROWSER)
    html = html.content.decode()

    assert "Masalah ditemukan" in html and "Issues found" not in html
    assert "Ukuran isi" in html and "Content metrics" not in html


def test_workflow_e_mails_are_indonesian(client, users, koran_edition):
    # given an editor submitting an article (the head of Humas gets an e-mail)
    editor, head = users["editor_koran"], users["head"]
    client.force_login(editor)
    url = add_page_url(ArticlePage, koran_edition)
    data = with_body(rendered_form(client, url), "<p>Isi.</p>")
    data.update(
        {
            "title": "Jalan baru",
            "slug": "jalan-baru",
            "lead": "Lead.",
            "action-submit": "1",
            "submit_despite_checks": "on",
        }
    )
    assert client.post(url, data, **ENGLISH_BROWSER).status_code == 302
    submitted = [message for message in mail.outbox if head.email in message.to]
    assert submitted, [message.subject for message in mail.outbox]
    assert f'telah diajukan untuk disetujui pada tahap moderasi "{REVIEW_TASK_NAME}"' in (
        submitted[0].body
    )
    assert "submitted for approval" not in submitted[0].body

    # when the head asks for changes
    mail.outbox.clear()
    page = ArticlePage.objects.get(slug="jalan-baru")
    client.force_login(head)
    task_state = page.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)),
        {"comment": "Tambah foto."},
        **ENGLISH_BROWSER,
    )

    # then the editor's e-mail says so in Indonesian, with the comment
    rejected = [message for message in mail.outbox if editor.email in message.to]
    assert rejected
    body = rejected[0].body
    assert f'meminta perubahan pada halaman "Jalan baru" dalam tahap "{REVIEW_TASK_NAME}"' in body
    assert 'Komentar yang ditinggalkan: "Tambah foto."' in body
    assert "rejected" not in body
    assert edit_page_url(page) in body
