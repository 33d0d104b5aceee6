"""A published correction stays on the record: it can be added to, never silently removed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from publications.models import ArticleCorrection, ArticlePage
from tests.admin_helpers import edit_page_url, rendered_form, with_body
from tests.factories import add_page

pytestmark = pytest.mark.django_db

PUBLISHED_NOTE = "Jumlah pohon semula tertulis 100; yang benar 1.000."
# With seconds and microseconds, as a correction made outside the admin form would be.
PUBLISHED_AT = timezone.make_aware(datetime.datetime(2026, 11, 3, 9, 15, 42, 123456))


@pytest.fixture
def corrected_article(koran_edition):
    page = ArticlePage(title="Seribu pohon", slug="seribu-pohon", lead="Warga menanam pohon.")
    page.corrections.add(ArticleCorrection(date=PUBLISHED_AT, note=PUBLISHED_NOTE))
    return add_page(koran_edition, page)


@pytest.fixture
def editor(client, users):
    client.force_login(users["editor_koran"])
    return client


def edit_form(client, page):
    return with_body(rendered_form(client, edit_page_url(page)))


def error_text(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def test_editor_cannot_remove_a_published_correction(editor, corrected_article):
    # given the editor's form for a live article with a published correction
    data = edit_form(editor, corrected_article)
    revisions_before = corrected_article.revisions.count()

    # when they delete the correction and save
    data["corrections-0-DELETE"] = "1"
    response = editor.post(edit_page_url(corrected_article), data)

    # then the form comes back with a clear message and no revision is saved
    assert response.status_code == 200
    assert "sudah terbit dan tidak boleh dihapus" in error_text(response)
    assert "03-11-2026 09.15" in error_text(response)
    assert "tidak boleh dihapus" in response.content.decode()  # shown in the error banner
    assert corrected_article.revisions.count() == revisions_before


def test_editor_cannot_rewrite_a_published_correction(editor, corrected_article):
    data = edit_form(editor, corrected_article)

    data["corrections-0-note"] = "Tidak ada yang salah."
    response = editor.post(edit_page_url(corrected_article), data)

    assert response.status_code == 200
    assert "isinya tidak boleh diubah" in error_text(response)


def test_editor_adds_a_new_correction_next_to_the_published_one(editor, corrected_article, users):
    # given the form as rendered (the published correction re-sent untouched)
    data = edit_form(editor, corrected_article)

    # when the editor adds a second correction and saves a draft
    data.update(
        {
            "corrections-TOTAL_FORMS": "2",
            "corrections-1-id": "",
            "corrections-1-ORDER": "2",
            "corrections-1-DELETE": "",
            "corrections-1-date": "2026-11-04 08:00",
            "corrections-1-note": "Lokasi penanaman adalah Kelurahan Babakan.",
        }
    )
    response = editor.post(edit_page_url(corrected_article), data)

    # then the draft is saved, and once published both corrections are on the page
    assert response.status_code == 302
    corrected_article.refresh_from_db()
    corrected_article.get_latest_revision().publish(user=users["head"])
    notes = list(
        ArticleCorrection.objects.filter(page=corrected_article)
        .order_by("date")
        .values_list("note", flat=True)
    )
    assert notes == [PUBLISHED_NOTE, "Lokasi penanaman adalah Kelurahan Babakan."]


def test_a_correction_still_in_draft_may_be_removed(editor, corrected_article):
    # given a draft that added a second, unpublished correction
    draft = corrected_article.get_latest_revision_as_object()
    draft.corrections.add(ArticleCorrection(date=timezone.now(), note="Draf koreksi."))
    draft.save_revision()

    # when the editor deletes that draft correction
    data = edit_form(editor, corrected_article)
    assert data["corrections-1-note"].strip() == "Draf koreksi."
    data["corrections-1-DELETE"] = "1"
    response = editor.post(edit_page_url(corrected_article), data)

    # then the draft saves
    assert response.status_code == 302
    corrected_article.refresh_from_db()
    latest = corrected_article.get_latest_revision_as_object()
    assert [c.note for c in latest.corrections.all()] == [PUBLISHED_NOTE]


def test_publishing_a_revision_without_the_published_correction_is_refused(
    corrected_article, users
):
    # given a revision made outside the admin (shell, import) that dropped the correction
    page = corrected_article.get_latest_revision_as_object()
    page.corrections.clear()
    revision = page.save_revision(clean=False)

    # when it is published
    with pytest.raises(ValidationError, match="tidak boleh dihapus"):
        revision.publish(user=users["head"])

    # then the correction is still what readers see
    assert ArticleCorrection.objects.filter(page=corrected_article).count() == 1


def test_corrections_of_an_article_never_published_are_free_to_change(koran_edition):
    page = ArticlePage(title="Draf", slug="draf", lead="Draf.", live=False)
    page.corrections.add(ArticleCorrection(note="Draf koreksi."))
    koran_edition.add_child(instance=page)

    page.corrections.clear()

    page.save_revision()  # validates without complaint
