"""The editorial flow in a real browser (Debian's chromium through Playwright), end to end.

An editor of Koran Kota Benteng writes an article with an uploaded photo and submits it to
"Review Humas"; Kepala Humas approves it from the dashboard; a reader who is not logged in
finds it on the home page and in the RSS feed. Screenshots of a failure go to test-artifacts/.

The admin is driven in Indonesian (the editors' language); names of roles and labels are
matched with the English text too where Wagtail's translation is incomplete.
"""

import re
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright

from core.roles import REVIEW_WORKFLOW_NAME
from demo import artwork
from publications.models import ArticlePage, NewsImage, PublicationKind, PublicationPage
from tests.browser import launch_chromium
from tests.factories import UserFactory, newspaper_edition

pytestmark = [
    pytest.mark.browser,
    # The live server reads the database from another thread, so the test must commit; the
    # rows the data migrations made (home page, publications, groups, workflow) are restored
    # after the flush by serialized_rollback.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSWORD = "rahasia-uji"  # the factories' password
HEADLINE = "Taman Baca Baru Dibuka di Tepi Situ Cipondoh"
LEAD = "Warga Cipondoh kini punya taman baca terbuka dengan seribu buku di tepi situ."


@pytest.fixture(scope="module", autouse=True)
def restore_migration_rows(django_db_setup, django_db_blocker):
    """Put the data-migration rows back after the last test has flushed the database.

    serialized_rollback restores them *before* each test; without this a reused test
    database (``--reuse-db``) would start the next session empty.
    """
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser) -> Page:
    """A fresh browser profile (own cookies) with an Indonesian browser, as the office uses."""
    context = browser.new_context(locale="id-ID", viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(20_000)
    return context.new_page()


@contextmanager
def screenshots_on_failure(browser: Browser, name: str):
    """On any failure, save a screenshot of every open tab, then let the failure through."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, context in enumerate(browser.contexts):
            for tab, page in enumerate(context.pages):
                page.screenshot(path=ARTIFACTS / f"{name}-{number}-{tab}.png", full_page=True)
        raise


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label(re.compile("Nama pengguna|Username")).fill(username)
    page.get_by_label(re.compile("Kata sandi|Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Masuk|Sign in")).click()
    expect(page).to_have_url(f"{base_url}/admin/")


def log_out(page: Page, display_name: str) -> None:
    """Through the account menu at the foot of the sidebar, as a person would."""
    page.get_by_role("button", name=re.compile(f"^{display_name}")).click()
    page.get_by_text(re.compile(r"^\s*(Keluar|Log out)\s*$")).click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def write_and_submit_article(page: Page, base_url: str, edition_id: int, photo: Path) -> None:
    page.goto(f"{base_url}/admin/pages/{edition_id}/")
    page.get_by_role("link", name=re.compile("Tambahkan halaman turunan|Add child page")).click()
    # Only articles may go under an edition, so Wagtail opens the article form straight away.
    page.get_by_role("textbox", name=re.compile("Judul")).fill(HEADLINE)
    page.get_by_role("textbox", name=re.compile("Lead")).fill(LEAD)
    page.get_by_role("button", name=re.compile("Pilih sebuah gambar|Choose an image")).click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name=re.compile("Unggah|Upload")).click()
    chooser.locator("input[type=file]").set_input_files(photo)
    chooser.get_by_role("textbox", name=re.compile("^(Judul|Title)")).fill("Taman baca Cipondoh")
    chooser.get_by_role("textbox", name=re.compile("Keterangan foto")).fill(
        "Anak-anak membaca di taman baca tepi Situ Cipondoh."
    )
    chooser.get_by_role("button", name=re.compile("^(Unggah|Upload)$")).click()
    expect(chooser).to_be_hidden()
    expect(page.get_by_text("Taman baca Cipondoh")).to_be_visible()
    page.get_by_role("button", name=re.compile("More actions|Tindakan lain")).click()
    page.get_by_role("button", name=re.compile(REVIEW_WORKFLOW_NAME)).click()
    # No byline, no alt text on the photo, no pillar: the publishing checks stop it once.
    expect(
        page.get_by_text(re.compile("Periksa sebelum mengirim: belum ada penulis"))
    ).to_be_visible()
    page.get_by_role("checkbox", name=re.compile("Tetap kirim untuk ditinjau")).check()
    page.get_by_role("button", name=re.compile("More actions|Tindakan lain")).click()
    page.get_by_role("button", name=re.compile(REVIEW_WORKFLOW_NAME)).click()
    # The editor is back at the edition, where the new article shows as in moderation.
    expect(page).to_have_url(f"{base_url}/admin/pages/{edition_id}/", timeout=20_000)
    row = page.get_by_role("row", name=re.compile(HEADLINE))
    expect(row).to_contain_text(re.compile("moderasi|moderation", re.IGNORECASE))


def approve_from_dashboard(page: Page) -> None:
    row = page.get_by_role("row", name=re.compile(HEADLINE))
    row.get_by_role("button", name=re.compile("^(Actions|Tindakan)$")).click()
    approve = re.compile("Approve with comment|Setujui dengan komentar")
    row.get_by_role("button", name=approve).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name=re.compile("Komentar|Comment")).fill("Sudah sesuai. Terbit.")
    dialog.get_by_role("button", name=re.compile("Approve|Setujui")).click()
    expect(row).to_be_hidden()


def test_editor_writes_head_approves_and_reader_sees_the_article(live_server, tmp_path):
    # given an edition of Koran Kota Benteng, its editor, Kepala Humas and a photo on disk
    koran = PublicationPage.objects.get(kind=PublicationKind.KORAN)
    edition = newspaper_edition(koran, number=501)
    editor = UserFactory(
        username="rina", first_name="Rina", last_name="Redaktur", role="editor_koran"
    )
    head = UserFactory(username="kepala", first_name="Kepala", last_name="Humas", role="head")
    photo = tmp_path / "taman-baca.jpg"
    photo.write_bytes(artwork.photo("Tangerang Cerdas", "Taman baca Cipondoh", "hijau", "trees"))
    base_url = live_server.url

    with chromium() as browser, screenshots_on_failure(browser, "editorial-flow"):
        # when the editor writes the article with a photo and submits it for review
        desk = new_page(browser)
        log_in(desk, base_url, editor.username)
        write_and_submit_article(desk, base_url, edition.pk, photo)
        log_out(desk, editor.first_name)
        # and Kepala Humas approves it from the dashboard
        log_in(desk, base_url, head.username)
        approve_from_dashboard(desk)

        # then a reader, not logged in, finds it on the home page and in the feed
        reader = new_page(browser)
        reader.goto(f"{base_url}/")
        reader.get_by_role("link", name=HEADLINE).first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        expect(reader.get_by_text(LEAD).first).to_be_visible()
        feed = feedparser.parse(reader.context.request.get(f"{base_url}/rss/").body())

    assert not feed.bozo
    assert HEADLINE in [entry.title for entry in feed.entries]
    article = ArticlePage.objects.get(title=HEADLINE)
    assert article.live
    assert article.get_parent().pk == edition.pk
    assert article.owner == editor
    assert article.hero_image == NewsImage.objects.get(title="Taman baca Cipondoh")
    # the photo was uploaded to the Koran's own collection, the editor's upload default
    assert article.hero_image.collection.name == "Koran Kota Benteng"
    state = article.workflow_states.get()
    assert state.status == "approved"
    assert state.workflow.name == REVIEW_WORKFLOW_NAME
    assert state.requested_by == editor
    assert [task.finished_by for task in state.task_states.all()] == [head]
