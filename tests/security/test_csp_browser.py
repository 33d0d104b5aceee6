"""The enforced Content-Security-Policy in a real browser (Debian's chromium, Playwright): the
admin screens people use every day and the reader's pages run without a single violation,
Wagtail's live preview still shows in the editor, and a script slipped into a page does not
run. Screenshots of a failure go to test-artifacts/."""

import re

import pytest
from playwright.sync_api import Page, expect

from campaigns.models import Network
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory
from tests.factories import NewsImageFactory, UserFactory
from tests.test_editorial_flow_browser import (  # noqa: F401  (restore_migration_rows: fixture)
    chromium,
    log_in,
    new_page,
    restore_migration_rows,
    screenshots_on_failure,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INJECTED = (
    "() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 7';"
    " document.body.append(s); return window.pwned === undefined; }"
)


def watch(page: Page, problems: list[str]) -> Page:
    """Record every CSP violation and every uncaught script error on ``page``."""
    page.on(
        "console",
        lambda m: (
            ("Content Security Policy" in m.text or "Content-Security-Policy" in m.text)
            and problems.append(f"{page.url}: {m.text}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return page


@pytest.fixture
def desk(published_article):
    """An administrator, an article, an image, a campaign and a Telegram channel."""
    UserFactory(username="admin-csp", first_name="Admin", is_superuser=True, is_staff=True)
    SocialAccountFactory(network=Network.TELEGRAM, handle="@kotatangerang", external_id="@kt")
    return {
        "article": published_article,
        "image": NewsImageFactory(title="Perahu naga"),
        "campaign": CampaignFactory(name="Festival Cisadane"),
    }


def test_csp_admin_screens_work_without_a_single_violation(live_server, desk):
    base, article = live_server.url, desk["article"]
    problems: list[str] = []
    with chromium() as browser, screenshots_on_failure(browser, "csp-admin"):
        page = watch(new_page(browser), problems)
        log_in(page, base, "admin-csp")

        # the page editor, with its live preview in the side panel
        page.goto(f"{base}/admin/pages/{article.pk}/edit/")
        page.get_by_role("button", name=re.compile("pratinjau|preview", re.I)).first.click()
        preview = page.frame_locator("iframe[title]").first
        expect(preview.get_by_role("heading", name=article.title)).to_be_visible(timeout=30_000)

        # an inline panel row added, and the chooser modal it opens
        page.get_by_role("button", name=re.compile("Tambah Penulis")).click()
        page.locator("[data-chooser-action-choose]:visible").last.click()
        expect(page.get_by_role("dialog").get_by_text("Siti Rahma")).to_be_visible()
        page.keyboard.press("Escape")

        # the compose screen: live checks, an image from the library, the date picker
        page.goto(f"{base}/admin/campaigns/posts/new/")
        page.get_by_role("textbox", name=re.compile("^Teks")).fill("Festival Cisadane #CSP")
        page.locator("#id_deliveries-ADD").click()
        page.locator("#id_deliveries-0-account").select_option(label="Telegram @kotatangerang")
        expect(page.locator("[data-compose-results]")).to_contain_text("Festival Cisadane #CSP")
        page.locator("#id_images-ADD").click()
        page.locator("[data-chooser-action-choose]:visible").last.click()
        page.get_by_role("dialog").get_by_role("link", name=re.compile("Perahu naga")).click()
        expect(page.locator("#id_images-0-image")).to_have_value(str(desk["image"].pk))
        page.locator("#id_scheduled_at").click()
        expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)

        # the image editor's focal-point tool, the dashboards, the report, the API docs
        page.goto(f"{base}/admin/images/{desk['image'].pk}/")
        expect(page.locator(".jcrop-holder")).to_be_visible()
        campaign = desk["campaign"].pk
        for path, landmark in [
            ("/admin/campaigns/dashboards/", "Dasbor"),
            (f"/admin/campaigns/dashboards/campaign/{campaign}/", "Festival Cisadane"),
            (f"/admin/campaigns/reports/{campaign}/", "Festival Cisadane"),
            ("/admin/campaigns/calendar/", "Kalender konten"),
            ("/admin/campaigns/deliveries/", "Pengiriman"),
            ("/admin/images/multiple/add/", "Tambah"),
        ]:
            page.goto(f"{base}{path}")
            expect(page.locator("main, #main").first).to_contain_text(landmark)
        page.goto(f"{base}/api/campaigns/v1/docs/")
        expect(page.get_by_text("Benteng Campaigns API").first).to_be_visible()

    # then no screen met the policy's refusal, and no script failed
    assert problems == []


def test_csp_reader_pages_run_without_a_violation(live_server, desk):
    base = live_server.url
    problems: list[str] = []
    with chromium() as browser, screenshots_on_failure(browser, "csp-reader"):
        page = watch(new_page(browser), problems)
        for path in ("/", desk["article"].url, "/cari/?q=taman"):
            page.goto(f"{base}{path}", wait_until="networkidle")
    assert problems == []


def test_csp_a_script_slipped_into_a_page_does_not_run(live_server, desk):
    # given a reader page and an admin page, each with a script added by an attacker
    base = live_server.url
    with chromium() as browser:
        reader = new_page(browser)
        reader.goto(f"{base}{desk['article'].url}")
        admin = new_page(browser)
        log_in(admin, base, "admin-csp")

        # when the script is inserted into each, then the browser refuses to run it
        assert reader.evaluate(INJECTED) is True
        assert admin.evaluate(INJECTED) is True
