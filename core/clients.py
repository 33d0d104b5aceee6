"""Who is asking: the client's address as this server can trust it.

Behind the reverse proxy every request comes from the proxy; the client's address is in a
header the proxy sets (``X-Forwarded-For``, ``X-Real-IP``). Anyone can send that header too,
so it is read only when TRUSTED_PROXY_HEADER names it, and from X-Forwarded-For only the
entry our own proxies added (the TRUSTED_PROXY_COUNT-th from the right). One function for
every caller: the admin log-in lock (axes), the API throttles, the page-password throttle and
the counting of page views and clicks.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def meta_name(header: str) -> str:
    """``X-Forwarded-For`` → ``HTTP_X_FORWARDED_FOR`` (its key in ``request.META``)."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or what the trusted proxy says it saw."""
    remote: str = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    entries = [entry.strip() for entry in request.META.get(meta_name(header), "").split(",")]
    count = max(1, settings.TRUSTED_PROXY_COUNT)
    if len(entries) < count or not entries[-count]:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
