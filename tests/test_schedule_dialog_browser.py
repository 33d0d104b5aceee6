"""Wagtail's publishing schedule dialog in chromium, with a browser that asks for English:
nothing in it is saved before "Simpan jadwal" (autosave included), the date picker leaves
that button clear, dates say WIB, and a live page's header menu offers "Unpublish" once."""

import datetime
import re
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from playwright.sync_api import expect

from core.indonesian import MONTHS
from publications.models import ArticlePage, PublicationKind, PublicationPage
from tests.factories import AuthorFactory, NewsImageFactory, UserFactory, article, newspaper_edition
from tests.test_editorial_flow_browser import (
    chromium,
    log_in,
    restore_migration_rows,  # noqa: F401  (module fixture: data-migration rows come back)
    screenshots_on_failure,
)
from tests.test_publishing_checks_browser import english_browser_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIB = ZoneInfo("Asia/Jakarta")
DIALOG = "#schedule-publishing-dialog"
PICKER = f"{DIALOG} .xdsoft_datetimepicker:visible"
# Wagtail takes the form's starting state two seconds after load; edits before it go unseen.
WATCH_EDITS = """document.addEventListener(
    "w-unsaved:watch-edits",
    () => { document.documentElement.dataset.watchingEdits = "yes"; },
    { once: true }
);"""


def live_article(number: int) -> ArticlePage:
    koran = PublicationPage.objects.get(kind=PublicationKind.KORAN)
    edition = newspaper_edition(koran, number=number)
    return article(
        edition,
        "Jembatan Cisadane dibuka",
        authors=[AuthorFactory()],
        hero_image=NewsImageFactory(),
        pillar="liveable",
    )


def latest_draft(page: ArticlePage) -> ArticlePage:
    """The article as its newest revision has it, read outside Playwright's event loop."""

    def read():
        try:
            return ArticlePage.objects.get(pk=page.pk).get_latest_revision().as_object()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(read).result()


def is_clear(desk, locator) -> bool:
    """The element itself receives a click at its centre (nothing drawn over it)."""
    return locator.evaluate(
        """(element) => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return element.contains(hit);
        }"""
    )


def autosaved(desk, page_id: int):
    return desk.expect_response(
        lambda response: (
            response.request.method == "POST"
            and response.url.endswith(f"/admin/pages/{page_id}/edit/")
        )
    )


def test_schedule_is_saved_only_by_its_button_and_the_picker_leaves_it_clear(live_server):
    page = live_article(601)
    UserFactory(username="rina", first_name="Rina", role="editor_koran")

    with chromium() as browser, screenshots_on_failure(browser, "schedule-dialog"):
        desk = english_browser_page(browser)
        log_in(desk, live_server.url, "rina")
        desk.add_init_script(WATCH_EDITS)
        desk.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
        # autosave notices changes from now on
        expect(desk.locator("html[data-watching-edits]")).to_be_attached()
        desk.locator("[data-side-panel-toggle='status']").click()
        desk.get_by_role("button", name="Atur jadwal").click()
        dialog = desk.locator(DIALOG)
        expect(dialog.get_by_role("heading", name="Atur jadwal terbit")).to_be_visible()
        go_live = dialog.locator("input[name=go_live_at]")
        save = dialog.get_by_role("button", name="Simpan jadwal")

        # when the editor picks a go-live day next month and an hour in the picker
        go_live.click()
        desk.locator(f"{PICKER} .xdsoft_next").first.click()
        with autosaved(desk, page.pk) as response:
            desk.locator(f"{PICKER} .xdsoft_date[data-date='20']:not(.xdsoft_other_month)").click()
            desk.locator(f"{PICKER} .xdsoft_time.xdsoft_current").click()
        assert response.value.ok
        # then autosave has kept the article but not the half-chosen schedule
        assert latest_draft(page).go_live_at is None
        chosen = go_live.input_value()
        assert re.fullmatch(r"\d{4}-\d\d-20 \d\d:00", chosen), chosen

        # and with the picker open again, "Simpan jadwal" is not under it
        go_live.click()
        expect(desk.locator(PICKER)).to_have_count(1)
        assert is_clear(desk, save)

        # when they click "Simpan jadwal"
        save.click()
        expect(desk.get_by_text(re.compile("telah diperbarui|has been updated"))).to_be_visible()

        # then the draft carries the go-live they chose, in WIB, and the panel says so
        expected = datetime.datetime.strptime(chosen, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
        assert latest_draft(page).go_live_at == expected
        panel = desk.locator("[data-side-panel='status']")
        month = MONTHS[expected.month - 1][:3]
        written = f"{expected.day} {month} {expected.year} {expected:%H}.00 WIB"
        expect(panel.get_by_text(f"Tayang: {written}").first).to_be_attached()

        # when they open the dialog again (the panel stays open), change the expiry and close
        # the dialog without saving
        desk.get_by_role("button", name="Ubah jadwal").click()
        dialog.locator("input[name=expire_at]").fill("2030-01-01 09:00")
        dialog.get_by_role("button", name=re.compile("Tutup|Close")).first.click()

        # then nothing of it stays, in the form or in the draft
        expect(dialog.locator("input[name=expire_at]")).to_have_value("")
        assert latest_draft(page).expire_at is None


def test_a_live_article_offers_unpublish_once_in_its_header_menu(live_server):
    page = live_article(602)
    UserFactory(username="kepala", first_name="Kepala", role="head")

    with chromium() as browser, screenshots_on_failure(browser, "unpublish-once"):
        desk = english_browser_page(browser)
        log_in(desk, live_server.url, "kepala")
        desk.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")

        # when the head of Humas opens the "…" menu in the header
        header = desk.locator("#w-slim-header-buttons")
        header.locator("[data-w-dropdown-target='toggle']").first.click()

        # then "Tarik dari publikasi" (Unpublish) is there, once
        unpublish = header.get_by_role("link", name="Tarik dari publikasi")
        expect(unpublish).to_have_count(1)
        expect(unpublish).to_be_visible()
        # the first-published tooltip gives its date and time in WIB
        first_published = desk.locator("[data-side-panel='status'] .w-human-readable-date")
        assert first_published.first.get_attribute("data-w-tooltip-content-value").endswith(" WIB")
