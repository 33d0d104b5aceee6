"""Where each page type may be created, in the models and in the admin's "add child page"."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from home.models import HomePage
from publications.models import (
    ArticlePage,
    BulletinIssuePage,
    MagazineIssuePage,
    NewspaperEditionPage,
    PublicationPage,
)
from tests.admin_helpers import add_page_url, form_errors, rendered_form
from tests.factories import article, bulletin_issue, magazine_issue, newspaper_edition

pytestmark = pytest.mark.django_db

PARENTS = [
    "root",
    "home",
    "koran",
    "majalah",
    "buletin",
    "koran_edition",
    "majalah_issue",
    "buletin_issue",
    "article",
]
# For each page type, the parents it may be created under; every other parent is refused.
ALLOWED_PARENTS = {
    HomePage: set(),  # only one home page, and it already exists
    PublicationPage: {"home"},
    NewspaperEditionPage: {"koran"},
    MagazineIssuePage: {"majalah"},
    BulletinIssuePage: {"buletin"},
    ArticlePage: {"koran_edition", "majalah_issue", "buletin_issue"},
}


@pytest.fixture
def tree(home_page, publications):
    koran_edition = newspaper_edition(publications["koran"])
    return {
        "root": Page.objects.get(depth=1),
        "home": home_page,
        **publications,
        "koran_edition": koran_edition,
        "majalah_issue": magazine_issue(publications["majalah"]),
        "buletin_issue": bulletin_issue(publications["buletin"]),
        "article": article(koran_edition),
    }


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))
    return client


@pytest.mark.parametrize("model", list(ALLOWED_PARENTS), ids=lambda m: m.__name__)
def test_page_type_can_be_created_only_under_its_parents(tree, model):
    # given every kind of parent page in the tree
    expected = {parent: parent in ALLOWED_PARENTS[model] for parent in PARENTS}

    # when asking, for each parent, whether this page type may be created there
    by_model = {parent: model.can_create_at(tree[parent].specific) for parent in PARENTS}
    by_parent = {
        parent: model in tree[parent].specific.creatable_subpage_models()
        and model.can_create_at(tree[parent].specific)
        for parent in PARENTS
    }

    # then the model and the parents' lists of allowed children agree with the table
    assert by_model == expected
    assert by_parent == expected


@pytest.mark.parametrize(
    ("publication", "edition_model"),
    [
        ("koran", NewspaperEditionPage),
        ("majalah", MagazineIssuePage),
        ("buletin", BulletinIssuePage),
    ],
)
def test_add_child_page_of_a_publication_offers_only_its_edition_type(
    admin_client, publications, publication, edition_model
):
    # given a publication
    parent = publications[publication]

    # when the admin opens "add child page" on it
    response = admin_client.get(f"/admin/pages/{parent.pk}/add_subpage/")

    # then Wagtail goes straight to the one edition type allowed there
    assert response.status_code == 302
    assert response.url == add_page_url(edition_model, parent)


def test_add_child_page_of_the_home_page_offers_only_publications(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/")

    assert response.status_code == 302
    assert response.url == add_page_url(PublicationPage, home_page)


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        (MagazineIssuePage, "koran"),
        (NewspaperEditionPage, "buletin"),
        (BulletinIssuePage, "majalah"),
        (ArticlePage, "koran"),
        (ArticlePage, "home"),
        (PublicationPage, "koran_edition"),
    ],
)
def test_admin_refuses_to_create_a_page_in_the_wrong_place(admin_client, tree, model, parent):
    # when someone forges the "create" address for a disallowed place
    response = admin_client.get(add_page_url(model, tree[parent]))

    # then the admin refuses: Wagtail sends the user back to the dashboard with a message
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("date", "is_friday"),
    [
        (datetime.date(2026, 11, 20), True),
        (datetime.date(2026, 11, 19), False),
        (datetime.date(2026, 11, 21), False),
    ],
)
def test_bulletin_issue_date_must_be_a_friday(publications, date, is_friday):
    issue = BulletinIssuePage(title="Buletin", slug="buletin", date=date)

    if is_friday:
        issue.clean()
    else:
        with pytest.raises(ValidationError) as error:
            issue.clean()
        assert "Jumat" in error.value.message_dict["date"][0]


def test_admin_shows_the_friday_rule_on_the_date_field(admin_client, publications):
    # given the admin's form for a new Buletin Jumat issue
    url = add_page_url(BulletinIssuePage, publications["buletin"])
    data = rendered_form(admin_client, url)
    data.update({"title": "Buletin Kamis", "slug": "buletin-kamis", "date": "2026-11-19"})

    # when it is saved with a Thursday
    response = admin_client.post(url, data)

    # then the form comes back with the message beside the date, and nothing is created
    assert response.status_code == 200
    assert "Buletin Jumat terbit hari Jumat" in form_errors(response)["date"][0]
    assert not BulletinIssuePage.objects.filter(slug="buletin-kamis").exists()


def test_admin_creates_a_bulletin_issue_on_a_friday(admin_client, publications):
    url = add_page_url(BulletinIssuePage, publications["buletin"])
    data = rendered_form(admin_client, url)
    data.update({"title": "Buletin Jumat", "slug": "buletin-jumat-1", "date": "2026-11-20"})

    response = admin_client.post(url, data)

    assert response.status_code == 302
    issue = BulletinIssuePage.objects.get(slug="buletin-jumat-1")
    assert issue.get_parent().specific == publications["buletin"]
