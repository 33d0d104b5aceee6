"""Share links in a real browser: in order, plain links, and "Salin tautan" copies the
article's address under the enforced Content-Security-Policy."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from playwright.sync_api import expect

from publications.models import PublicationKind, PublicationPage
from tests.factories import article, newspaper_edition
from tests.test_editorial_flow_browser import (
    chromium,
    restore_migration_rows,  # noqa: F401  (module fixture: data-migration rows come back)
    screenshots_on_failure,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_shares_an_article_and_copies_its_link(live_server):
    # given a live article
    koran = PublicationPage.objects.get(kind=PublicationKind.KORAN)
    story = article(newspaper_edition(koran, number=503), "Situ Cipondoh makin asri")
    url = live_server.url + story.url
    canonical = settings.PUBLIC_BASE_URL + story.url  # shared and copied: the public address

    with chromium() as browser, screenshots_on_failure(browser, "share-links"):
        context = browser.new_context(locale="id-ID")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
        reader = context.new_page()
        problems = []
        reader.on("console", lambda message: message.type == "error" and problems.append(message))
        reader.on(
            "request",
            lambda request: request.url.startswith(live_server.url) or problems.append(request.url),
        )

        # when a reader opens it
        reader.goto(url)

        # then the share links come WhatsApp first, and nothing loads from another host
        share = reader.get_by_role("navigation", name="Bagikan artikel")
        expect(share.get_by_role("link")).to_have_text(
            ["WhatsApp", "Facebook", "X", "Telegram", "Salin tautan"]
        )
        whatsapp = share.get_by_role("link", name="WhatsApp")
        expect(whatsapp).to_have_attribute(
            "href", "https://wa.me/?" + urlencode({"text": f"{story.title} {canonical}"})
        )

        # when they click "Salin tautan", the address is on the clipboard and they are told
        share.get_by_role("link", name="Salin tautan").click()
        expect(reader.get_by_role("status")).to_have_text("Tautan disalin.")
        assert reader.evaluate("navigator.clipboard.readText()") == canonical
        expect(reader).to_have_url(url)

    assert problems == []
