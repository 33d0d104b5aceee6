"""An editor changes only their own publication's files.

Before, every editor group could add, change and choose every image and document: the
Majalah editor replaced the Koran e-paper PDF at ``/admin/documents/edit/<id>/``, and the new
file was served at once, with no review. Now each publication's files are in its own
collection; an editor may still pick another publication's photos, never change them.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from publications.collections import publication_collection
from tests.factories import NewsImageFactory, newspaper_edition, pdf_document

pytestmark = pytest.mark.django_db

FORGED = b"%PDF-1.4\n% diganti oleh editor lain\n"


@pytest.fixture
def koran_files(publications):
    """A live Koran edition with its cover and e-paper, in the Koran collection."""
    koran = publication_collection("koran")
    epaper = pdf_document("E-paper Koran Edisi 7", collection=koran)
    cover = NewsImageFactory(title="Sampul Koran Edisi 7", collection=koran)
    newspaper_edition(publications["koran"], number=7, epaper=epaper, cover=cover)
    return {"epaper": epaper, "cover": cover}


def refused(response) -> bool:
    """Wagtail's answer to a forbidden admin view: 403, or back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_majalah_editor_cannot_open_or_replace_the_koran_epaper(client, users, koran_files):
    # given the Majalah editor, and the Koran's live e-paper
    epaper = koran_files["epaper"]
    original = epaper.file.name
    client.force_login(users["editor_majalah"])
    edit_url = reverse("wagtaildocs:edit", args=(epaper.pk,))

    # when they open its edit view, and post a replacement file to it
    opened = client.get(edit_url)
    posted = client.post(
        edit_url,
        {"title": epaper.title, "file": SimpleUploadedFile("ganti.pdf", FORGED)},
    )

    # then both are refused, and readers still get the Koran's own file
    assert refused(opened) and refused(posted)
    epaper.refresh_from_db()
    assert epaper.file.name == original
    with epaper.open_file() as stored:
        assert stored.read() != FORGED


def test_majalah_editor_cannot_replace_or_delete_the_koran_cover(client, users, koran_files):
    cover = koran_files["cover"]
    client.force_login(users["editor_majalah"])

    assert refused(client.get(reverse("wagtailimages:edit", args=(cover.pk,))))
    assert refused(client.post(reverse("wagtailimages:delete", args=(cover.pk,))))
    assert get_image_model().objects.filter(pk=cover.pk).exists()


def test_koran_editor_still_opens_their_own_epaper(client, users, koran_files):
    client.force_login(users["editor_koran"])

    response = client.get(reverse("wagtaildocs:edit", args=(koran_files["epaper"].pk,)))

    assert response.status_code == 200


def test_majalah_editor_may_pick_koran_photos_but_not_its_documents(client, users, koran_files):
    # given the Majalah editor writing an article
    client.force_login(users["editor_majalah"])

    # when they open the image chooser and the document chooser
    images = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    documents = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()

    # then the Koran's cover is there to reuse, but not the Koran's e-paper
    assert "Sampul Koran Edisi 7" in images
    assert "E-paper Koran Edisi 7" not in documents


def test_editor_uploads_land_in_their_own_collection_whatever_the_form_says(
    client, users, koran_files
):
    # given the Majalah editor, forging the Koran collection into the upload form
    client.force_login(users["editor_majalah"])
    koran = publication_collection("koran")
    with koran_files["epaper"].open_file() as stored:
        pdf = stored.read()

    # when they upload a document
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Lampiran Majalah",
            "file": SimpleUploadedFile("lampiran.pdf", pdf),
            "collection": koran.pk,
        },
    )

    # then it is stored in the Majalah collection: their own is the only place they add to
    assert response.status_code == 302
    uploaded = get_document_model().objects.get(title="Lampiran Majalah")
    assert uploaded.collection == publication_collection("majalah")
