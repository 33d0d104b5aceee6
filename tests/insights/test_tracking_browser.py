"""The page-view beacon in a real browser (Debian's chromium through Playwright): a reader
opening an article is one view of that page; a headless crawler is none."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from insights.models import MetricSample
from insights.tracking import flush
from tests.browser import launch_chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("traffic"),  # tests/conftest.py: counting from zero
    # The live server reads the database from another thread, so the test must commit.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

READER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def test_reader_opening_an_article_is_one_view_and_headless_chrome_none(
    live_server, published_article
):
    from playwright.sync_api import sync_playwright

    url = live_server.url + published_article.url
    beacons = []
    # when a reader's browser opens the article, and so does a headless crawler
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for agent in (READER, None):  # None: Chromium's own "HeadlessChrome" agent
                context = browser.new_context(user_agent=agent) if agent else browser.new_context()
                tab = context.new_page()
                tab.on("request", lambda r: "/v/" in r.url and beacons.append(r.method))
                with tab.expect_response(lambda r: "/v/" in r.url) as answer:
                    tab.goto(url, wait_until="load")
                assert answer.value.status == 204
                cookies = context.cookies()
                context.close()
                assert cookies == []
        finally:
            browser.close()
    flush.flush()
    # then both sent the beacon once, and only the reader's view counts
    assert beacons == ["POST", "POST"]
    today = datetime.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    samples = MetricSample.objects.filter(subject_kind="page", metric="page_views")
    assert dict(samples.values_list("subject_id", "value")) == {published_article.pk: 1}
    assert samples.get().day == today
