"""Every API error as JSON, in Indonesian.

DRF's own messages are translated by the project's catalogue (``locale/id``, which fills
what DRF's Indonesian catalogue leaves in English); the site always speaks Indonesian (no
``LocaleMiddleware``), so a client's ``Accept-Language`` changes nothing. A few answers are
not translatable strings and are rewritten here:

- a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (or with too many fields or files): Django
  would answer its HTML "Bad Request" page;
- ``get_object_or_404``'s "No Delivery matches the given query." (not marked for
  translation in Django);
- the JSON parser's "JSON parse error - <Python's own words>";
- a path under the API that names no endpoint (``unknown_path``, the last URL pattern).
"""

import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, JsonResponse
from django.template.defaultfilters import filesizeformat
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    """``REST_FRAMEWORK["EXCEPTION_HANDLER"]``: DRF's handler, after putting our words in."""
    return exception_handler(_indonesian(exc, context), context)


def _indonesian(exc: Exception, context: Mapping[str, Any]) -> Exception:
    if isinstance(exc, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return exceptions.ParseError(
            f"Isi permintaan terlalu besar: paling banyak {limit} (tanpa berkas). Gambar "
            "diunggah sebagai berkas multipart ke /images/.",
            code="request_too_large",
        )
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return exceptions.ParseError(
            "Permintaan berisi terlalu banyak isian atau berkas.", code="request_too_large"
        )
    if isinstance(exc, Http404):
        return exceptions.NotFound(_not_found(context))
    if isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse error"):
        return exceptions.ParseError(_json_error(exc))
    return exc


def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """A path under the API that names no endpoint."""
    return JsonResponse(
        {"detail": "Alamat API ini tidak dikenal. Daftar alamat: /api/campaigns/v1/docs/."},
        status=404,
    )


def _not_found(context: Mapping[str, Any]) -> str:
    view = context.get("view")
    queryset = getattr(view, "queryset", None)
    if queryset is None:
        return "Data tidak ditemukan."
    name = str(queryset.model._meta.verbose_name)
    return f"{name[:1].upper()}{name[1:]} dengan ID itu tidak ditemukan."


def _json_error(exc: Exception) -> str:
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, json.JSONDecodeError):
        return (
            f"Isi JSON tidak valid (baris {cause.lineno}, kolom {cause.colno}): periksa tanda "
            "kutip, koma dan kurung."
        )
    return "Isi JSON tidak valid: periksa tanda kutip, koma dan kurung."
