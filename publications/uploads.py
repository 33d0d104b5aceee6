"""Checks on what editors upload: a PDF must really be a PDF, and not too large."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader
from pypdf.errors import PdfReadError


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
    """The e-paper chosen for an edition must be a PDF document from the library."""
    if not document.file.name.lower().endswith(".pdf"):
        raise ValidationError({field: "E-paper harus berupa berkas PDF."})
