"""The office's logo and branding change only by Kepala Humas or an administrator.

Before, the Majalah editor replaced the office logo (shown in every page's header and in
the articles' structured data) from ``/admin/images/<id>/``, live at once. Now the logo is
in the "Kantor" collection, where editors may only choose.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from home.models import BrandingSettings
from publications.collections import office_collection
from tests.factories import NewsImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_logo(db):
    logo = NewsImageFactory(title="Logo Humas Kota Tangerang", collection=office_collection())
    branding = BrandingSettings.load()
    branding.logo = logo
    branding.save()
    return logo


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 60), "#ff0000").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("role", ["editor_koran", "editor_majalah", "editor_buletin", "social"])
def test_no_editor_may_open_or_replace_the_office_logo(client, users, office_logo, role):
    # given a colleague who is not Kepala Humas
    original = office_logo.file.name
    client.force_login(users[role])
    edit_url = reverse("wagtailimages:edit", args=(office_logo.pk,))

    # when they open the logo's edit view, and post a new picture to it
    opened = client.get(edit_url)
    posted = client.post(
        edit_url,
        {"title": office_logo.title, "file": SimpleUploadedFile("logo.png", png())},
    )

    # then both are sent back to the dashboard and the logo is unchanged
    home = reverse("wagtailadmin_home")
    assert (opened.status_code, opened.url) == (302, home)
    assert (posted.status_code, posted.url) == (302, home)
    office_logo.refresh_from_db()
    assert office_logo.file.name == original


def test_kepala_humas_changes_the_office_logo(client, users, office_logo):
    client.force_login(users["head"])

    response = client.get(reverse("wagtailimages:edit", args=(office_logo.pk,)))

    assert response.status_code == 200


def test_editors_may_still_choose_the_office_logo(client, users, office_logo):
    client.force_login(users["editor_buletin"])

    response = client.get(reverse("wagtailimages_chooser:choose"))

    assert "Logo Humas Kota Tangerang" in response.content.decode()
