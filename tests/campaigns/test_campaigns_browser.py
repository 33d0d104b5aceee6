"""The campaigns flow in a real browser (Debian's chromium through Playwright), end to end.

A social media manager opens the content calendar, presses "+ unggahan" on tomorrow, writes
the text, picks a Telegram channel and the city app's webhook, and submits; Kepala Humas
approves from the dashboard; the dispatcher (run here in the test process, as the beat and
a worker would) sends it once to each platform; the post's page shows "Terbit" for both.
Screenshots of a failure go to test-artifacts/.
"""

import datetime
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from campaigns import clock, dispatch
from campaigns.models import DeliveryStatus, Post
from campaigns.views.common import WIB
from tests.campaigns.factories import SocialAccountFactory
from tests.factories import UserFactory
from tests.test_editorial_flow_browser import (  # noqa: F401  (restore_migration_rows: fixture)
    chromium,
    log_in,
    log_out,
    new_page,
    restore_migration_rows,
    screenshots_on_failure,
)

pytestmark = [
    pytest.mark.browser,
    # The live server reads the database from another thread, so the test must commit.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "Festival Budaya Cisadane dibuka besok pagi di Taman Elektrik. #TangerangLIVE"


@pytest.fixture
def city_app(httpserver):
    """The city app's webhook receiver, answering once with its id and link."""
    httpserver.expect_oneshot_request("/city-app/posts", method="POST").respond_with_json(
        {"id": "app-501", "url": "https://app.tangerangkota.go.id/p/501"}
    )
    httpserver.account = SocialAccountFactory(
        network="webhook", handle="aplikasi-kota", external_id=httpserver.url_for("/city-app/posts")
    )
    return httpserver


def open_tomorrow_in_calendar(page: Page, base_url: str, tomorrow: datetime.date) -> None:
    page.goto(f"{base_url}/admin/")
    page.get_by_role("button", name=re.compile("^Kampanye")).click()
    page.get_by_role("link", name="Kalender konten").click()
    expect(page.get_by_role("heading", name="Kalender konten")).to_be_visible()
    cell = page.locator(f"td[data-date='{tomorrow:%Y-%m-%d}']")
    if not cell.count():  # tomorrow is next month, beyond this month's last week
        page.get_by_role("link", name=re.compile("Berikutnya")).click()
    cell.get_by_role("link", name=re.compile("^Tambah unggahan pada")).click()


def write_and_submit(page: Page, accounts: list[str]) -> None:
    page.get_by_role("textbox", name=re.compile("^Teks")).fill(TEXT)
    for index, account in enumerate(accounts):
        page.get_by_role("button", name=re.compile("Akun tujuan")).last.click()
        page.locator(f"#id_deliveries-{index}-account").select_option(label=account)
    page.get_by_role("button", name=re.compile("More actions|Tindakan lain")).click()
    page.get_by_role("button", name="Ajukan untuk persetujuan").click()
    expect(page.locator("#post-status")).to_contain_text("Menunggu persetujuan")


def approve_from_dashboard(page: Page) -> None:
    panel = page.locator("#campaigns-pending-posts-section")
    panel.get_by_role("link", name=re.compile("^Festival Budaya Cisadane")).click()
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("#post-status")).to_contain_text("Disetujui")


def off_the_browser_thread(work):
    """Run database work in a plain thread: Playwright's sync API keeps an event loop in
    this one, where Django refuses synchronous queries."""

    def run():
        try:
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def beat_and_worker():
    """What beat and a worker do at the post's time; a repeated message finds nothing."""
    post = Post.objects.get(text=TEXT)
    claimed = clock.tick(now=post.scheduled_at + datetime.timedelta(seconds=30)).claimed
    results = [dispatch.run_delivery(pk) for pk in claimed]
    repeated = [dispatch.run_delivery(pk) for pk in claimed]
    return post, results, repeated


def test_manager_plans_from_the_calendar_head_approves_and_each_platform_gets_it_once(
    live_server, fake_telegram, city_app
):
    # given a manager, Kepala Humas, a Telegram channel and the city app's webhook
    manager = UserFactory(username="rina", first_name="Rina", role="social")
    UserFactory(username="kepala", first_name="Kepala", last_name="Humas", role="head")
    telegram, webhook = fake_telegram.account, city_app.account
    tomorrow = (datetime.datetime.now(WIB) + datetime.timedelta(days=1)).date()
    base_url = live_server.url

    with chromium() as browser, screenshots_on_failure(browser, "campaigns-flow"):
        # when the manager presses "+ unggahan" on tomorrow in the calendar
        desk = new_page(browser)
        log_in(desk, base_url, manager.username)
        open_tomorrow_in_calendar(desk, base_url, tomorrow)
        # then the form opens with tomorrow 09.00 WIB as the time
        expect(desk.locator("#id_scheduled_at")).to_have_value(f"{tomorrow:%Y-%m-%d} 09:00")
        # when the manager writes it for both accounts and submits it
        write_and_submit(desk, [str(telegram), str(webhook)])
        log_out(desk, manager.first_name)
        # and Kepala Humas approves it from the dashboard
        log_in(desk, base_url, "kepala")
        approve_from_dashboard(desk)

        # and at its time the beat ticks and a worker runs what was claimed, twice
        post, results, repeated = off_the_browser_thread(beat_and_worker)

        # then the post's page shows both deliveries published
        desk.reload()
        rows = desk.locator("#post-deliveries tbody tr")
        expect(rows).to_have_count(2)
        for row in rows.all():
            expect(row).to_contain_text("Terbit")

    # and each platform received it exactly once, at 09.00 WIB tomorrow
    assert post.scheduled_at == datetime.datetime.combine(tomorrow, datetime.time(9), WIB)
    assert sorted(results) == ["published", "published"]
    assert repeated == ["skipped", "skipped"]
    assert [message["text"] for message in fake_telegram.created] == [TEXT]
    assert fake_telegram.create_calls == 1
    assert len(city_app.log) == 1
    assert city_app.log[0][0].get_json()["text"] == TEXT
    deliveries = {d.account_id: d for d in post.deliveries.all()}
    assert {d.status for d in deliveries.values()} == {DeliveryStatus.PUBLISHED}
    assert deliveries[webhook.pk].permalink == "https://app.tangerangkota.go.id/p/501"
    assert post.author == manager
