"""Wagtail's checks panel in a real browser reports an article's publishing checks, in
Indonesian even for a browser that asks for English."""

import re

import pytest
from playwright.sync_api import expect

from publications.models import PublicationKind, PublicationPage
from tests.factories import AuthorFactory, UserFactory, article, newspaper_edition
from tests.test_editorial_flow_browser import (
    chromium,
    log_in,
    restore_migration_rows,  # noqa: F401  (module fixture: data-migration rows come back)
    screenshots_on_failure,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def english_browser_page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    context.set_extra_http_headers({"Accept-Language": "en-US,en;q=0.9"})
    context.set_default_timeout(20_000)
    return context.new_page()


def test_checks_panel_counts_a_missing_pillar_and_hero_image(live_server):
    # given an article with a byline but no hero image and no pillar, and its editor
    koran = PublicationPage.objects.get(kind=PublicationKind.KORAN)
    edition = newspaper_edition(koran, number=502)
    page = article(edition, "Pasar Anyar ditata ulang", authors=[AuthorFactory()])
    UserFactory(username="rina", first_name="Rina", role="editor_koran")

    with chromium() as browser, screenshots_on_failure(browser, "publishing-checks"):
        desk = english_browser_page(browser)
        desk.goto(f"{live_server.url}/admin/login/")
        # the log-in and the dashboard are Indonesian for an English browser
        expect(desk.get_by_label("Nama pengguna")).to_be_visible()
        log_in(desk, live_server.url, "rina")
        expect(desk).to_have_title(re.compile("^Dasbor"))
        expect(desk.get_by_role("link", name="Langsung ke isi utama")).to_be_attached()

        # when the editor opens the article and the checks panel
        desk.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
        desk.get_by_role("button", name="Buka/tutup pemeriksaan").click()

        # then Wagtail's content checker lists the publishing checks the article fails
        panel = desk.locator("[data-side-panel='checks']")
        expect(panel.get_by_text("Belum ada foto utama")).to_be_visible(timeout=30_000)
        expect(panel.get_by_text("Belum ada pilar LIVE")).to_be_visible()
        expect(panel.get_by_text("Belum ada penulis (byline)")).to_have_count(0)
        expect(panel.locator("[data-content-checker-count]")).to_have_text("2")
        expect(panel.get_by_role("heading", name="Masalah ditemukan 2")).to_be_visible()
