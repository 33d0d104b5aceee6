"""What editors upload: images within size and pixel limits, PDFs that really are PDFs.

Each refusal comes back through the real admin views with a clear message, and the form
keeps what the editor typed.
"""

import io
import struct
import zlib

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from pypdf import PdfWriter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from publications.models import MagazineIssuePage, NewspaperEditionPage
from tests.admin_helpers import edit_page_url, rendered_form
from tests.factories import magazine_issue, newspaper_edition, pdf_document

pytestmark = pytest.mark.django_db

TYPED_TITLE = "Wali Kota meninjau banjir di Periuk"


def png_bytes(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#1d6f42").save(buffer, "PNG")
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` by ``height`` pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def editor(client, users):
    client.force_login(users["editor_koran"])
    return client


def upload_image(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": TYPED_TITLE,
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
            "caption": "Banjir surut pagi ini.",
            "credit": "Humas/Andi",
        },
    )


def upload_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": TYPED_TITLE,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def assert_refused_keeping_title(response, model, message_part: str):
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message_part in errors
    assert response.context["form"]["title"].value() == TYPED_TITLE
    assert f'value="{TYPED_TITLE}"' in response.content.decode()
    assert not model.objects.filter(title=TYPED_TITLE).exists()


def test_editor_uploads_an_image_within_the_limits(editor):
    response = upload_image(editor, "banjir.png", png_bytes())

    assert response.status_code == 302
    assert get_image_model().objects.get(title=TYPED_TITLE).credit == "Humas/Andi"


def test_image_over_the_size_limit_is_refused(editor):
    # given a real image padded just past the configured upload limit
    oversize = png_bytes() + b"\x00" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE

    response = upload_image(editor, "besar.png", oversize)

    assert_refused_keeping_title(response, get_image_model(), "Berkas terlalu besar")


@pytest.mark.parametrize(
    "side",
    [20_000, 7_000],
    ids=["bomb-past-pillow-limit", "over-our-40-megapixel-limit"],
)
def test_image_with_too_many_pixels_is_refused(editor, side):
    # given a PNG of a few hundred bytes that claims side-by-side pixels
    bomb = png_declaring(side, side)
    assert len(bomb) < 1_000

    response = upload_image(editor, "bom.png", bomb)

    assert_refused_keeping_title(response, get_image_model(), "terlalu banyak pikselnya")


def test_image_whose_data_is_cut_short_is_refused_not_a_server_error(editor):
    # given a PNG within the limits whose pixel data is missing
    truncated = png_declaring(300, 200)

    response = upload_image(editor, "rusak.png", truncated)

    assert_refused_keeping_title(response, get_image_model(), "")
    assert response.context["form"].errors.as_data()["file"][0].code == "invalid_image"


def test_editor_uploads_a_real_pdf(editor):
    response = upload_document(editor, "epaper.pdf", pdf_bytes())

    assert response.status_code == 302
    assert get_document_model().objects.filter(title=TYPED_TITLE).exists()


@pytest.mark.parametrize(
    ("content", "message_part"),
    [
        (b"<html><script>alert(1)</script></html>", "bukan PDF"),
        (b"%PDF-1.7\nbukan isi pdf yang sah", "rusak atau tidak dapat dibaca"),
    ],
    ids=["html-named-pdf", "broken-pdf"],
)
def test_fake_pdf_is_refused(editor, content, message_part):
    response = upload_document(editor, "epaper.pdf", content)

    assert_refused_keeping_title(response, get_document_model(), message_part)


def test_pdf_over_the_size_limit_is_refused(editor, settings):
    # given a lower limit than the real PDF we upload
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 200

    response = upload_document(editor, "epaper.pdf", pdf_bytes())

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.filter(title=TYPED_TITLE).exists()


def stored_document(name: str, content: bytes):
    """A document that reached the library past the upload form (an old upload, an import)."""
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(content))
    return document


@pytest.mark.parametrize(
    ("name", "content", "message_part"),
    [
        ("epaper.pdf", b"<html>bukan pdf</html>", "bukan PDF yang sah"),
        ("epaper.docx", b"PK\x03\x04", "harus berupa berkas PDF"),
    ],
)
def test_edition_refuses_an_epaper_that_is_not_a_pdf(publications, name, content, message_part):
    edition = newspaper_edition(publications["koran"])
    edition.epaper = stored_document(name, content)

    with pytest.raises(ValidationError) as error:
        edition.clean()

    assert message_part in error.value.message_dict["epaper"][0]


def test_magazine_issue_refuses_a_pdf_that_is_not_a_pdf(publications):
    issue = magazine_issue(publications["majalah"])
    issue.pdf = stored_document("majalah.pdf", b"GIF89a")

    with pytest.raises(ValidationError) as error:
        issue.clean()

    assert "bukan PDF yang sah" in error.value.message_dict["pdf"][0]


def test_edition_accepts_a_real_pdf(publications):
    issue = magazine_issue(publications["majalah"])
    issue.pdf = pdf_document("Majalah LIVE")

    issue.clean()


def test_admin_shows_the_epaper_error_on_the_field(client, users, publications):
    # given the head editing a Koran edition in the admin
    client.force_login(users["head"])
    edition = newspaper_edition(publications["koran"])
    data = rendered_form(client, edit_page_url(edition))

    # when they choose a document that is not a PDF as the e-paper
    data["epaper"] = str(stored_document("epaper.pdf", b"<html></html>").pk)
    response = client.post(edit_page_url(edition), data)

    # then the form says so beside the e-paper field
    assert response.status_code == 200
    assert "bukan PDF yang sah" in response.context["form"].errors["epaper"][0]
    assert NewspaperEditionPage.objects.get(pk=edition.pk).epaper is None
    assert MagazineIssuePage.objects.count() == 0
