"""HTTP for adapters: one session per worker thread, timeouts from settings, and the line
between "the request never left" (safe to retry) and "it may have arrived" (reconcile)."""

import socket
import threading
from typing import Any

import requests
from django.conf import settings
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from core.outbound import HostNotFound, OutboundRefused

from .base import DestinationRefused, OutcomeUnknown, RetryLater

_local = threading.local()


def session() -> requests.Session:
    """This thread's session (kept-alive connections, reused): a requests session is not
    thread-safe, and the publish queue runs in a thread pool."""
    http = getattr(_local, "session", None)
    if http is None:
        http = _local.session = requests.Session()
        http.headers["User-Agent"] = "Benteng/1.0 (Humas Kota Tangerang)"
    return http


def send(http: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    """Send a request; translate transport failures into the dispatcher's terms."""
    kwargs.setdefault("timeout", (settings.NETWORK_CONNECT_TIMEOUT, settings.NETWORK_READ_TIMEOUT))
    try:
        return http.request(method, url, **kwargs)
    except OutboundRefused as error:
        # Our own guard said no before anything left: certain, and no retry can help.
        raise DestinationRefused(f"Tujuan ditolak: {error}") from None
    except requests.ConnectionError as error:
        if never_sent(error):
            raise RetryLater(
                "Tidak dapat terhubung ke platform (nama host tidak ditemukan, koneksi ditolak "
                "atau habis waktu); belum ada yang terkirim, dicoba lagi nanti.",
                wait_seconds=settings.DISPATCH_RETRY_BASE_SECONDS,
            ) from None
        raise OutcomeUnknown(
            "Koneksi terputus setelah permintaan terkirim; belum pasti apakah unggahan terbit."
        ) from None
    except requests.RequestException:
        # A read timeout, a broken or undecodable answer: the request was sent.
        raise OutcomeUnknown(
            "Platform tidak menjawab tepat waktu atau jawabannya terputus; belum pasti apakah "
            "unggahan terbit."
        ) from None


# What can only happen before a single byte of the request left: the name did not resolve,
# the connection was refused, or connecting timed out.
NEVER_SENT = (HostNotFound, requests.ConnectTimeout, NewConnectionError, ConnectTimeoutError)


def never_sent(error: BaseException) -> bool:
    """Whether the connection was never established, judged by the exception's type (and
    the ones it wraps: requests → urllib3's MaxRetryError → its ``reason``), never by its
    text. Anything else after connecting may have reached the platform."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, (*NEVER_SENT, socket.gaierror)):
            return True
        if isinstance(current, requests.ReadTimeout):
            return False
        pending += [getattr(current, "reason", None), current.__cause__, current.__context__]
        pending += [arg for arg in current.args if isinstance(arg, BaseException)]
    return False


def json_or_empty(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
