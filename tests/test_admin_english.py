"""No English on the key admin screens for an English browser: Wagtail's own ``id_ID``
catalogue leaves most of its strings untranslated, so locale/id must carry them.

Each screen's visible text, labelling attributes and JSON props (the sidebar, the
admin's script words) are checked two ways: against the strings a reviewer found, and
against every Wagtail/Django msgid the Indonesian catalogues still lack
(``scripts/admin_english.py``, which crawls every screen as every demo role)."""

import importlib.util
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "admin_english.py"
spec = importlib.util.spec_from_file_location("admin_english", SCRIPT)
admin_english = importlib.util.module_from_spec(spec)
spec.loader.exec_module(admin_english)

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = admin_english.ENGLISH_BROWSER
# What the reviewer saw, and the most common of the rest.
KNOWN_ENGLISH = {
    "History",
    "Reports",
    "Help",
    "Action",
    "Actions",
    "Sort menu order",
    "Visible to all",
    "Collapse all",
    "Exploring",
    "Select all",
    "Bulk actions",
    "Show filters",
    "Close dialog",
    "Sidebar",
    "Breadcrumb",
    "Search…",
}


def screens(article, edition) -> list[str]:
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[edition.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("campaigns_post:index"),
        "/admin/campaigns/dashboards/",
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_account"),
    ]


def texts_seen(client, urls: list[str]) -> dict[str, set]:
    seen: dict[str, set] = {}
    for url in urls:
        response = client.get(url, **ENGLISH_BROWSER)
        assert response.status_code == 200, url
        for text in admin_english.texts_of(response.content.decode()):
            seen.setdefault(text, set()).add(url)
    script_words = client.get(reverse("wagtailadmin_javascript_catalog"), **ENGLISH_BROWSER)
    catalogue = script_words.content.decode()
    for msgid in ("Collapse all", "Expand all", "Toggle section"):
        if f'"{msgid}": "{msgid}"' in catalogue or f'"{msgid}"' not in catalogue:
            seen.setdefault(msgid, set()).add("jsi18n")
    return seen


def english_in(seen: dict[str, set]) -> dict[str, set]:
    known = {
        text: pages
        for text, pages in seen.items()
        if text.removesuffix(" - Wagtail").partition(":")[0].strip() in KNOWN_ENGLISH
    }
    with translation.override("id"):
        missing = admin_english.untranslated(admin_english.missing("django"))
    return {**known, **admin_english.find_english(seen, *missing)}


@pytest.mark.slow  # about thirty admin screens, each as two users
def test_key_screens_are_indonesian_for_an_english_browser(
    client, published_article, koran_edition
):
    client.force_login(UserFactory(username="admin", is_superuser=True))

    seen = texts_seen(client, screens(published_article, koran_edition))

    found = english_in(seen)
    assert not found, "English left: " + " | ".join(sorted(found))


def test_an_editors_screens_are_indonesian_too(client, users, published_article, koran_edition):
    client.force_login(users["editor_koran"])
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[koran_edition.pk]),
        reverse("wagtailadmin_pages:edit", args=[published_article.pk]),
        reverse("wagtailadmin_pages:history", args=[published_article.pk]),
    ]

    found = english_in(texts_seen(client, urls))
    assert not found, "English left: " + " | ".join(sorted(found))


def test_a_page_published_today_by_no_user_gives_its_time_in_wib(client, users, published_article):
    # given an article published today with no user (a scheduled or scripted publish)
    assert published_article.live_revision.user is None
    client.force_login(users["editor_koran"])

    # when its editor opens it
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[published_article.pk]), **ENGLISH_BROWSER
    ).content.decode()

    # then the status panel says when, in WIB (Wagtail writes a bare "16:06")
    panel = BeautifulSoup(html, "html.parser").select_one("[data-side-panel='status']")
    text = " ".join(panel.get_text(" ").split())
    assert re.search(r"Terpublikasi \d\d:\d\d WIB\b", text), text


def test_our_own_field_names_are_indonesian_on_inspect_screens(client):
    """Wagtail labels an inspect screen's fields with their verbose names: ours must be
    Indonesian, since no catalogue translates a name Django derived from the field."""
    from tests.campaigns.factories import SocialAccountFactory

    account = SocialAccountFactory()
    client.force_login(UserFactory(username="admin", is_superuser=True))

    page = client.get(reverse("campaigns_account:inspect", args=[account.pk]), **ENGLISH_BROWSER)

    text = BeautifulSoup(page.content, "html.parser").get_text(" ")
    assert "Galat terakhir" in text
    assert "Last error at" not in text
