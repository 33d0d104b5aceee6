"""The measurement pages in a real browser (Debian's chromium through Playwright).

The social media manager who owns "Festival Cisadane" finds its dashboard from the
"Pengukuran" menu: it renders with its SVG charts and no console error. The AMEC report, as
printed (print media, then a PDF), shows the report without the admin's sidebar and header.
Screenshots of a failure go to test-artifacts/.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.insights.metrics_data import END, START, seed_week
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

# Wagtail's user avatars come from gravatar.com, unreachable offline (the lead may set
# WAGTAIL_GRAVATAR_PROVIDER_URL = None); every other console error fails the test.
AVATARS = "https://www.gravatar.com/"

WEEK = f"start={START.isoformat()}&end={END.isoformat()}"


def is_our_error(message) -> bool:
    return message.type == "error" and not message.location.get("url", "").startswith(AVATARS)


def test_manager_reads_campaign_dashboard_and_prints_its_report(
    live_server, users, published_article
):
    # given a week of metrics for the campaign the social media manager owns
    week = seed_week(users["social"], published_article)
    campaign = week["campaign"]
    base_url = live_server.url

    with chromium() as browser, screenshots_on_failure(browser, "metrics"):
        page = new_page(browser)
        problems = []
        page.on("console", lambda m: problems.append(m.text) if is_our_error(m) else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        log_in(page, base_url, users["social"].username)

        # when the manager opens the campaign's reports from the menu, then its dashboard
        page.get_by_role("button", name=re.compile("^Pengukuran")).click()
        page.get_by_role("link", name="Laporan kampanye").click()
        page.get_by_role("row", name=re.compile(campaign.name)).get_by_role(
            "link", name="Dasbor"
        ).click()
        page.goto(f"{page.url}?{WEEK}")

        # then the charts are drawn on the page, with the failed day marked
        expect(page.get_by_role("heading", name=re.compile("Dasbor kampanye"))).to_be_visible()
        charts = page.locator("svg.benteng-chart")
        expect(charts).to_have_count(7)
        expect(
            page.get_by_role("img", name=re.compile("Jangkauan unggahan kampanye"))
        ).to_be_visible()
        assert page.locator('#chart-followers rect[data-gap="2026-11-04"]').count() == 1
        expect(page.locator('[data-figure="reach"] .benteng-card__value')).to_have_text("800")
        page.wait_for_load_state("networkidle")
        assert problems == []

        # when the report is printed
        page.get_by_role("link", name="Laporan kampanye (AMEC)").click()
        expect(page.locator("#report-title")).to_be_visible()
        page.emulate_media(media="print")

        # then only the report is on paper: no sidebar, no header, no buttons
        expect(page.locator("#report-title")).to_be_visible()
        expect(page.get_by_role("heading", name="8. Pembelajaran (learnings)")).to_be_visible()
        expect(page.locator("#wagtail-sidebar")).to_be_hidden()
        expect(page.locator(".w-slim-header")).to_be_hidden()
        expect(page.get_by_role("link", name="Unduh CSV")).to_be_hidden()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000
        # and it prints whole: several pages, down to the learnings and the charts' appendix
        printed = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        assert len(printed) >= 2, f"{len(printed)} page(s) printed"
        whole = "\n".join(printed)
        # ("grafik" is set with an fi ligature on paper)
        assert "8. Pembelajaran" in whole and "Lampiran: gra" in whole
        assert problems == []
