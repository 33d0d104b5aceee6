"""Publishing checks: an article without a byline, a hero image with alt text or a pillar is
flagged in Wagtail's checks panel and stops once, with a warning, when submitted for review."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.models import WorkflowState

from publications.checks import ALL_CHECKS
from publications.models import ArticlePage
from tests.admin_helpers import add_page_url, edit_page_url, rendered_form, with_body
from tests.factories import AuthorFactory, NewsImageFactory, article

pytestmark = pytest.mark.django_db


def new_article(client, edition, slug: str, **fields):
    url = add_page_url(ArticlePage, edition)
    data = with_body(rendered_form(client, url), "<p>Isi berita.</p>")
    data.update({"title": f"Judul {slug}", "slug": slug, "lead": "Lead.", **fields})
    return url, data


def complete_fields(data, author, image):
    data.update(
        {
            "authors-TOTAL_FORMS": "1",
            "authors-0-author": str(author.pk),
            "authors-0-ORDER": "1",
            "authors-0-id": "",
            "authors-0-DELETE": "",
            "hero_image": str(image.pk),
            "pillar": "liveable",
        }
    )
    return data


def test_submit_without_byline_image_and_pillar_stops_with_a_warning(client, users, koran_edition):
    # given an editor's new article with no byline, no hero image and no pillar
    client.force_login(users["editor_koran"])
    url, data = new_article(client, koran_edition, "tanpa-penulis", **{"action-submit": "1"})

    # when they submit it for review
    response = client.post(url, data)

    # then nothing is saved or submitted; the editor reads what is missing and may confirm
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="tanpa-penulis").exists()
    html = response.content.decode()
    assert "Periksa sebelum mengirim: belum ada penulis (byline); belum ada foto utama;" in html
    assert "belum ada pilar live" in html
    checkbox = BeautifulSoup(html, "html.parser").find("input", {"name": "submit_despite_checks"})
    assert checkbox["type"] == "checkbox"


def test_editor_may_submit_after_confirming_the_warning(client, users, koran_edition):
    client.force_login(users["editor_koran"])
    url, data = new_article(
        client,
        koran_edition,
        "tetap-kirim",
        **{"action-submit": "1", "submit_despite_checks": "on"},
    )

    assert client.post(url, data).status_code == 302

    page = ArticlePage.objects.get(slug="tetap-kirim")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_saving_a_draft_is_never_stopped_by_the_checks(client, users, koran_edition):
    client.force_login(users["editor_koran"])
    url, data = new_article(client, koran_edition, "draf")

    assert client.post(url, data).status_code == 302
    assert ArticlePage.objects.filter(slug="draf").exists()


def test_hero_image_without_alt_text_is_flagged(client, users, koran_edition):
    client.force_login(users["editor_koran"])
    url, data = new_article(client, koran_edition, "tanpa-alt", **{"action-submit": "1"})
    complete_fields(data, AuthorFactory(), NewsImageFactory(description=""))

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Periksa sebelum mengirim: foto utama belum punya teks alternatif." in (
        response.content.decode()
    )


def test_complete_article_goes_straight_to_review(client, users, koran_edition):
    client.force_login(users["editor_koran"])
    url, data = new_article(client, koran_edition, "lengkap", **{"action-submit": "1"})
    image = NewsImageFactory(description="Warga menanam pohon di bantaran Cisadane")
    complete_fields(data, AuthorFactory(), image)

    assert client.post(url, data).status_code == 302

    page = ArticlePage.objects.get(slug="lengkap")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_checks_panel_is_configured_with_the_publishing_checks(client, users, koran_edition):
    # given an article being edited
    page = article(koran_edition, title="Diperiksa")
    client.force_login(users["editor_koran"])

    # when the editor opens it
    html = client.get(edit_page_url(page)).content.decode()

    # then Wagtail's checks panel runs one rule per publishing check, with Indonesian names
    script = BeautifulSoup(html, "html.parser").find(id="checker-axe-configuration")
    configuration = json.loads(script.string)
    rule_ids = {rule["id"] for rule in configuration["spec"]["rules"]}
    assert {f"benteng-{check.code}" for check in ALL_CHECKS} <= rule_ids
    assert set(configuration["options"]["runOnly"]) >= rule_ids - {"alt-text-quality"}
    assert configuration["messages"]["benteng-byline"]["error_name"] == "Belum ada penulis (byline)"


def test_preview_marks_failed_checks_and_the_live_page_does_not(client, koran_edition):
    # given a live article with a byline and a described hero image but no pillar
    image = NewsImageFactory(description="Warga menanam pohon")
    page = article(koran_edition, "Pratinjau", authors=[AuthorFactory()], hero_image=image)

    # when it is previewed in the editor, and when a reader reads it
    preview = page.make_preview_request().content.decode()
    live = client.get(page.url).content.decode()

    # then the preview carries a hidden marker for the one failed check, for the checks panel
    assert 'data-publishing-check="pillar"' in preview
    assert 'data-publishing-check="byline"' not in preview
    assert "data-publishing-check" not in live


def test_the_submit_anyway_box_is_not_shown_before_a_warning(client, users, koran_edition):
    client.force_login(users["editor_koran"])

    html = client.get(add_page_url(ArticlePage, koran_edition)).content.decode()

    assert "Tetap kirim untuk ditinjau" not in html


def test_an_abandoned_autosaved_draft_does_not_block_its_slug(client, users, koran_edition):
    # given a draft autosave made two hours ago and nobody finished
    import datetime

    from django.utils import timezone

    draft = article(koran_edition, "Judul sama", publish=False)
    draft.save_revision()
    ArticlePage.objects.filter(pk=draft.pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(hours=2)
    )

    # when an editor writes a new article with the same slug
    client.force_login(users["editor_koran"])
    url, data = new_article(client, koran_edition, "judul-sama")

    # then it is saved with that slug, and the old draft keeps its text under another slug
    assert client.post(url, data).status_code == 302
    new = ArticlePage.objects.get(slug="judul-sama")
    assert new.pk != draft.pk
    draft.refresh_from_db()
    assert draft.slug == f"judul-sama-draf-{draft.pk}"
    assert draft.title == "Judul sama"


def test_a_recent_or_submitted_draft_keeps_its_slug(client, users, koran_edition):
    article(koran_edition, "Sedang ditulis", publish=False).save_revision()
    client.force_login(users["editor_koran"])
    url, data = new_article(client, koran_edition, "sedang-ditulis")

    response = client.post(url, data)

    assert response.status_code == 200
    assert ArticlePage.objects.filter(slug="sedang-ditulis").count() == 1


def test_a_new_article_is_not_autosaved_before_its_first_save(client, users, koran_edition):
    # (autosave would create the page while the editor submits the same form)
    client.force_login(users["editor_koran"])

    html = client.get(add_page_url(ArticlePage, koran_edition)).content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")

    assert "w-autosave" not in form["data-controller"]
