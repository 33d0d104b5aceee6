"""Checks on what editors upload: a PDF must really be a PDF, an image not too large.

The two forms here are Wagtail's upload forms (WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE), used by the single and multiple upload views and the
choosers' upload tabs alike.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def check_pdf_file(file) -> None:
    """Raise ValidationError unless ``file`` is a readable PDF within the size limit."""
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if file.size > limit:
        raise ValidationError(
            f"Berkas terlalu besar ({filesizeformat(file.size)}); batasnya {filesizeformat(limit)}."
        )
    file.seek(0)
    if file.read(5) != b"%PDF-":
        raise ValidationError("Berkas ini bukan PDF: isinya tidak diawali tanda tangan %PDF-.")
    file.seek(0)
    try:
        pages = len(PdfReader(file).pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"PDF ini rusak atau tidak dapat dibaca ({exc}).") from exc
    finally:
        file.seek(0)
    if pages == 0:
        raise ValidationError("PDF ini tidak berisi halaman.")


def validate_epaper_document(document, field: str) -> None:
    """The e-paper chosen for an edition must be a PDF document: by name and by content.

    Checked again here because a document may have been uploaded before the upload check
    existed, or by a path that skips the admin form.
    """
    if not document.file.name.lower().endswith(".pdf"):
        raise ValidationError({field: "E-paper harus berupa berkas PDF."})
    try:
        with document.file.open("rb") as stored:
            signature = stored.read(5)
    except OSError as exc:
        missing = "Berkas dokumen ini tidak ditemukan di penyimpanan."
        raise ValidationError({field: missing}) from exc
    if signature != b"%PDF-":
        raise ValidationError(
            {field: "Dokumen ini bukan PDF yang sah (isinya bukan PDF). Unggah ulang e-paper."}
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form: a ``.pdf`` must really be one."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile) and file.name.lower().endswith(".pdf"):
            try:
                check_pdf_file(file)
            except ValidationError as error:
                raise ValidationError(
                    [f"{file.name}: {message}" for message in error.messages], code="invalid_pdf"
                ) from error
        return file


class GuardedImageField(WagtailImageField):
    """Wagtail's image field, made safe against bombs and broken files.

    Wagtail counts pixels only after Pillow has decoded the whole image, and a file whose
    data is cut short ends in a server error. Here the pixel count is read from the file
    header first, before anything is decoded, and an undecodable file is a form error.
    """

    def to_python(self, data):
        if hasattr(data, "read") and self.max_image_pixels is not None:
            self.check_header_pixel_count(data)
        try:
            return super().to_python(data)
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc

    def check_header_pixel_count(self, data) -> None:
        try:
            with PILImage.open(data) as image:
                width, height = image.size
        except PILImage.DecompressionBombError:
            width = height = None
        except (OSError, SyntaxError, ValueError):
            return  # not a format Pillow reads lazily (SVG…): Wagtail's own checks decide
        finally:
            data.seek(0)
        if width is None or width * height > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"], code="file_too_many_pixels"
            )


class ImageForm(BaseImageForm):
    """Wagtail's image form with the guarded file field and an Indonesian pixel message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wagtail_field = self.fields.get("file")
        if wagtail_field is None:
            return
        field = GuardedImageField(
            label=wagtail_field.label,
            required=wagtail_field.required,
            widget=wagtail_field.widget,
            max_length=wagtail_field.max_length,
        )
        limit = f"{field.max_image_pixels or 0:,}".replace(",", ".")
        field.error_messages["file_too_many_pixels"] = (
            f"Gambar ini terlalu banyak pikselnya; batasnya {limit} piksel "
            "(misalnya 8000 x 5000). Perkecil gambar lalu unggah lagi."
        )
        self.fields["file"] = field
