"""HTTP for adapters: one session per worker process, timeouts from settings, and the line
between "the request never left" (safe to retry) and "it may have arrived" (reconcile)."""

import requests
from django.conf import settings

from core.outbound import HostNotFound, OutboundRefused

from .base import DestinationRefused, OutcomeUnknown, RetryLater

_session: requests.Session | None = None


def session() -> requests.Session:
    global _session
    if _session is None:
        _session = requests.Session()
        _session.headers["User-Agent"] = "Benteng/1.0 (Humas Kota Tangerang)"
    return _session


def send(http: requests.Session, method: str, url: str, **kwargs) -> requests.Response:
    """Send a request; translate transport failures into the dispatcher's terms."""
    kwargs.setdefault("timeout", (settings.NETWORK_CONNECT_TIMEOUT, settings.NETWORK_READ_TIMEOUT))
    try:
        return http.request(method, url, **kwargs)
    except OutboundRefused as error:
        # Our own guard said no before anything left: certain, and no retry can help.
        raise DestinationRefused(f"Tujuan ditolak: {error}") from None
    except requests.ReadTimeout:
        raise OutcomeUnknown(
            "Platform tidak menjawab tepat waktu; belum pasti apakah unggahan terbit."
        ) from None
    except requests.ConnectionError as error:
        if _never_sent(error):
            raise RetryLater(
                "Tidak dapat terhubung ke platform; dicoba lagi nanti.",
                wait_seconds=settings.DISPATCH_RETRY_BASE_SECONDS,
            ) from None
        raise OutcomeUnknown(
            "Koneksi terputus setelah permintaan terkirim; belum pasti apakah unggahan terbit."
        ) from None


def _never_sent(error: requests.ConnectionError) -> bool:
    """Refused or timed out while connecting: the request certainly never arrived."""
    return isinstance(
        error, (requests.ConnectTimeout, HostNotFound)
    ) or "NewConnectionError" in repr(error)


def json_or_empty(response: requests.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
