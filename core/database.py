"""A web request whose SQL statement ran out of time (``statement_timeout``, see
``cms.settings.env.statement_timeout_ms``) gets a short 503 telling it to come back, not
Django's 500 page: the database is busy, nothing is broken."""

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by its timeout
RETRY_AFTER_SECONDS = 30
BUSY_MESSAGE = "Server sedang sibuk. Silakan coba lagi sebentar lagi."


def is_statement_timeout(error: BaseException) -> bool:
    cause = error.__cause__
    return isinstance(error, OperationalError) and (
        getattr(cause, "sqlstate", None) == QUERY_CANCELED
        or getattr(cause, "pgcode", None) == QUERY_CANCELED
    )


class StatementTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_statement_timeout(exception):
            return None
        logger.warning("Statement timeout on %s %s", request.method, request.path)
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"message": BUSY_MESSAGE}, status=503)
        else:
            response = HttpResponse(BUSY_MESSAGE, status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
