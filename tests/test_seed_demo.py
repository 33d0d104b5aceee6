"""`seed_demo`: the demo newsroom `make run` loads — complete, labelled demo, and idempotent.

Seeding takes a while, so the module seeds twice once, inside a transaction that is rolled
back at the end, into a media folder of its own; each test then reads what was made.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from taggit.models import TaggedItem
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, Revision

from campaigns.models import Approval, Campaign, Delivery, Post, SocialAccount
from core.roles import (
    ANALYSTS_GROUP,
    EDITORS_GROUP_BY_KIND,
    HEAD_OF_HUMAS_GROUP,
    SOCIAL_MEDIA_MANAGERS_GROUP,
)
from home.models import BrandingSettings, HomePage
from insights.models import DailyRollup, MetricSample, Source
from publications.checks import failed_checks
from publications.collections import office_collection, publication_collection
from publications.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    Author,
    BulletinIssuePage,
    MagazineIssuePage,
    NewsImage,
    NewspaperEditionPage,
    PublicationKind,
    PublicationPage,
    RelatedArticle,
)
from publications.uploads import check_pdf_file

# The demo is seeded whole, once for the module (about 20 s), and every page of it visited.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DEMO_PASSWORD = "benteng-demo"
COUNTED = [
    SocialAccount,
    Campaign,
    Post,
    Delivery,
    Approval,
    Page,
    Revision,
    PageLogEntry,
    NewsImage,
    get_document_model(),
    Author,
    ArticleAuthor,
    RelatedArticle,
    ArticleCorrection,
    TaggedItem,
    MetricSample,
    DailyRollup,
    get_user_model(),
    get_user_model().groups.through,
    Group,
]


def snapshot() -> dict:
    """Row counts, plus each page's latest revision and publication time."""
    state = {model._meta.label: model.objects.count() for model in COUNTED}
    state["pages"] = sorted(
        Page.objects.values_list("pk", "latest_revision_id", "last_published_at", "live")
    )
    state["branding"] = BrandingSettings.load().__dict__.get("logo_id")
    return state


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed twice; hand the tests the state after each run and what the command printed."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        first_output, second_output = io.StringIO(), io.StringIO()
        before = snapshot()
        call_command("seed_demo", stdout=first_output)
        after_first = snapshot()
        call_command("seed_demo", stdout=second_output)
        after_second = snapshot()
        yield {
            "before": before,
            "first": after_first,
            "second": after_second,
            "first_output": first_output.getvalue(),
            "second_output": second_output.getvalue(),
        }
        transaction.set_rollback(True)


def test_demo_campaigns_are_labelled_and_cannot_reach_a_platform(seeded):
    # given the demo campaign desk
    accounts = SocialAccount.objects.all()
    # then every account, campaign and post says demo, and no account holds a token
    assert accounts.count() == 6
    assert all(account.display_name.startswith("[Demo]") for account in accounts)
    assert not any(account.has_credentials for account in accounts)
    assert all(
        name.startswith("[Demo]") for name in Campaign.objects.values_list("name", flat=True)
    )
    assert all(text.startswith("[Demo]") for text in Post.objects.values_list("text", flat=True))
    # and one post waits for the demo Kepala Humas, with its exact text recorded
    waiting = Post.objects.get(status="pending_approval")
    assert waiting.approvals.get().snapshot["text"] == waiting.text
    assert SocialAccount.objects.get(handle="@demo.abohjasa").persona.name == "Aboh Jasa (demo)"


def test_demo_measurements_are_labelled_and_fill_the_analysts_dashboard(seeded):
    # given the demo's measurements
    samples = MetricSample.objects.all()
    # then each is marked as demo data, on a "[Demo]" account, over the last 60 days
    assert samples.count() > 0
    assert set(samples.values_list("source", flat=True)) == {Source.DEMO}
    demo_accounts = set(SocialAccount.objects.values_list("pk", flat=True))
    assert set(samples.values_list("account_id", flat=True)) <= demo_accounts
    assert len(set(samples.values_list("day", flat=True))) == 60
    # and the analyst's office dashboard shows figures, not dashes
    analyst = get_user_model().objects.get(username="demo-analis")
    client = Client()
    client.force_login(analyst)
    dashboard = reverse("campaigns_dashboard:index")
    page = BeautifulSoup(client.get(dashboard).content, "html.parser")
    shown = {
        card["data-figure"]: card.select_one(".benteng-card__value").get_text(strip=True)
        for card in page.select("[data-figure]")
    }
    assert shown["followers"] not in ("", "—")
    assert shown["reach"] not in ("", "—")
    # compared with the 30 days before, which the demo covers too
    assert "—" not in page.select_one('[data-figure="reach"] [data-change]').get_text()
    # and the page says the figures are demo data, only where the range holds them
    assert "data demo" in page.select_one("#demo-data").get_text()
    before = BeautifulSoup(
        client.get(dashboard, {"start": "2020-01-01", "end": "2020-01-31"}).content, "html.parser"
    )
    assert before.select_one("#demo-data") is None


def demo_articles():
    return ArticlePage.objects.filter(tags__name="demo").distinct()


def test_seeding_creates_content(seeded):
    # given an empty database, when seeded once, then pages, images and users were added
    for label in ("wagtailcore.Page", "publications.NewsImage", "auth.User"):
        assert seeded["first"][label] > seeded["before"][label]
    assert "Konten demo dibuat" in seeded["first_output"]


def test_seeding_a_second_time_changes_nothing(seeded):
    # given a seeded database, when seeded again
    # then no row was added or removed and no page got a new revision or publication
    assert seeded["second"] == seeded["first"]
    assert "tidak ada yang diubah" in seeded["second_output"]


@pytest.mark.parametrize(
    ("username", "group"),
    [
        ("demo-editor-koran", EDITORS_GROUP_BY_KIND[PublicationKind.KORAN]),
        ("demo-editor-majalah", EDITORS_GROUP_BY_KIND[PublicationKind.MAJALAH]),
        ("demo-editor-buletin", EDITORS_GROUP_BY_KIND[PublicationKind.BULETIN]),
        ("demo-kepala-humas", HEAD_OF_HUMAS_GROUP),
        ("demo-medsos", SOCIAL_MEDIA_MANAGERS_GROUP),
        ("demo-analis", ANALYSTS_GROUP),
    ],
)
def test_every_role_has_a_demo_user_in_its_group(seeded, username, group):
    user = get_user_model().objects.get(username=username)
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert user.check_password(DEMO_PASSWORD)
    assert not user.is_superuser


def test_demo_admin_is_a_superuser(seeded):
    admin = get_user_model().objects.get(username="demo-admin")
    assert admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)


def test_the_log_ins_are_printed_as_demo_only(seeded):
    output = seeded["second_output"]
    assert "HANYA untuk demo" in output
    for username in ("demo-admin", "demo-editor-koran", "demo-kepala-humas", "demo-analis"):
        assert f"{username} " in output
    assert DEMO_PASSWORD in output
    assert "http://" in output and "/admin/" in output


def test_every_page_is_valid_and_live(seeded):
    pages = Page.objects.filter(depth__gte=2).specific()
    assert pages.count() == seeded["second"]["wagtailcore.Page"] - 1  # all but the root
    for page in pages:
        page.full_clean()
        assert page.live and not page.has_unpublished_changes, page.title
        assert page.live_revision_id == page.latest_revision_id, page.title


def test_pages_were_written_by_the_editor_and_published_by_the_head(seeded):
    for page in ArticlePage.objects.all()[:5]:
        revision = page.live_revision
        assert revision.user.username.startswith("demo-editor-")
        log = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
        assert log.user.username == "demo-kepala-humas"


@pytest.mark.parametrize(
    ("kind", "edition_model"),
    [
        (PublicationKind.KORAN, NewspaperEditionPage),
        (PublicationKind.MAJALAH, MagazineIssuePage),
        (PublicationKind.BULETIN, BulletinIssuePage),
    ],
)
def test_each_publication_has_a_few_editions_of_three_to_five_articles(seeded, kind, edition_model):
    publication = PublicationPage.objects.get(kind=kind)
    editions = edition_model.objects.child_of(publication)
    assert 2 <= editions.count() <= 5
    for edition in editions:
        assert edition.cover is not None
        assert 3 <= ArticlePage.objects.child_of(edition).count() <= 5
    assert publication.logo is not None and publication.description


def test_koran_editions_are_dated_and_numbered_with_a_real_pdf(seeded):
    for edition in NewspaperEditionPage.objects.all():
        assert edition.date and edition.number
        with edition.epaper.open_file() as pdf:
            check_pdf_file(pdf)


def test_majalah_issues_have_a_number_and_theme(seeded):
    for issue in MagazineIssuePage.objects.all():
        assert issue.volume and issue.number and issue.theme


def test_buletin_issues_fall_on_fridays_with_a_preacher(seeded):
    for issue in BulletinIssuePage.objects.all():
        assert issue.date.weekday() == 4
        assert issue.preacher and issue.theme


def test_every_article_is_labelled_demo_and_complete(seeded):
    articles = ArticlePage.objects.all()
    assert demo_articles().count() == articles.count() >= 25
    for article in articles:
        assert article.kicker.startswith("[Demo]")
        assert article.lead and article.pillar
        assert article.programmes.exists()
        assert 1 <= article.authors.count() <= 2
        assert article.tags.count() >= 2
        assert article.hero_image.title.startswith("Demo — ")
        assert (article.hero_image.width, article.hero_image.height) == (1200, 800)
        block_types = [block.block_type for block in article.body]
        assert block_types.count("paragraph") >= 3
        assert "heading" in block_types and "quote" in block_types


def test_demo_pictures_have_indonesian_alt_text_and_pass_the_publishing_checks(seeded, client):
    # every demo picture has alt text (Wagtail's description), never the file title
    for image in NewsImage.objects.all():
        assert image.description.strip(), image.title
        assert not image.description.startswith("Demo — "), image.title
    # so no demo article shows the missing-alt-text warning
    for article in ArticlePage.objects.all():
        assert failed_checks(article) == [], article.title
    # and a reader's page gives the hero picture its alt text
    article = ArticlePage.objects.live().first()
    soup = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    hero = soup.select_one(".article-hero img, figure img")
    assert hero["alt"] == article.hero_image.description


def test_authors_are_marked_demo_and_have_photos(seeded):
    for author in Author.objects.all():
        assert author.bio.startswith("[Demo]")
        assert author.photo is not None


def test_branding_has_a_logo_and_social_links(seeded):
    branding = BrandingSettings.load()
    assert branding.logo is not None
    assert all(
        getattr(branding, name)
        for name in ("instagram_url", "facebook_url", "x_url", "telegram_url", "youtube_url")
    )


@pytest.mark.parametrize(
    ("kind", "edition_model", "document_field"),
    [
        (PublicationKind.KORAN, NewspaperEditionPage, "epaper"),
        (PublicationKind.MAJALAH, MagazineIssuePage, "pdf"),
        (PublicationKind.BULETIN, BulletinIssuePage, None),
    ],
)
def test_each_publications_demo_files_are_in_its_own_collection(
    seeded, kind, edition_model, document_field
):
    # given the seeded newsroom, then covers, e-papers and article photos of a publication
    # are in its collection, where only its editors (and Kepala Humas) may change them
    collection = publication_collection(kind)
    for edition in edition_model.objects.all():
        assert edition.cover.collection == collection
        if document_field:
            assert getattr(edition, document_field).collection == collection
        for article in ArticlePage.objects.child_of(edition):
            assert article.hero_image.collection == collection
            gallery = [block for block in article.body if block.block_type == "gallery"]
            for block in gallery:
                assert {item["image"].collection for item in block.value["images"]} == {collection}


def test_office_branding_and_bylines_are_in_kantor(seeded):
    office = office_collection()
    assert BrandingSettings.load().logo.collection == office
    assert {page.logo.collection for page in PublicationPage.objects.all()} == {office}
    assert {author.photo.collection for author in Author.objects.all()} == {office}
    # and nothing is left in the root collection, which only Kepala Humas may change
    assert not NewsImage.objects.filter(collection__depth=1).exists()
    assert not get_document_model().objects.filter(collection__depth=1).exists()


def test_every_demo_page_renders_for_a_reader(seeded, client):
    # given the seeded site, when a reader opens every page, then each one answers 200
    home = HomePage.objects.get(depth=2)
    for page in Page.objects.descendant_of(home, inclusive=True).live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert client.get("/rss/").status_code == 200


def test_seed_demo_refuses_production_settings(settings):
    # given production settings, when seeding, then the command refuses (known passwords)
    settings.SETTINGS_MODULE = "cms.settings.production"
    with pytest.raises(CommandError, match="produksi"):
        call_command("seed_demo", stdout=io.StringIO())
