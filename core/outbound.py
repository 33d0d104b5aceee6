"""The one guarded HTTP client for every address a user, a feed or a platform supplies.

Whatever the server fetches from an address somebody typed in (a news feed, a webhook, an
image or a page by URL) goes through ``session()``. It speaks only http(s) and never reaches
the office's own network: loopback, private, link-local, multicast, reserved and unspecified
addresses are refused. requests-hardened (Saleor's library) resolves the name once, checks
that address and connects to exactly that address, so a second DNS answer cannot swap in an
internal one; redirects pass the same check at every hop (or are not followed at all).

The platform base URLs the operator configures (``GRAPH_API_URL`` …) are configuration, not
input: adapters reach them through their ordinary session.

``OUTBOUND_ALLOW_PRIVATE_HOSTS`` (``host`` or ``host:port``) lets named hosts through: the
local fake servers in tests, or an intranet receiver the office really runs.
"""

import ipaddress
import re
import socket
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import strip_tags
from requests.adapters import HTTPAdapter
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import EXTRA_BLOCKED_NET_RANGES, InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter

USER_AGENT = "Benteng/1.0 (Humas Kota Tangerang)"
MAX_REDIRECTS = 5
EXCERPT_CHARS = 200

NOT_HTTP = "Hanya alamat http:// atau https:// yang diterima."
NOT_HTTPS = "Alamat ini harus memakai https://."
NO_HOST = "Alamat tidak lengkap: nama host tidak ada."
INTERNAL = (
    "Alamat ini menuju jaringan internal (loopback, privat, link-local atau alamat khusus); "
    "server tidak menghubunginya."
)


class OutboundRefused(requests.RequestException):
    """The guard refused the destination before anything was sent. ``str()`` is a sentence
    for people, in Indonesian, without the address."""


class HostNotFound(requests.ConnectionError):
    """The host name did not resolve: nothing was sent (safe to try again later)."""


def session(*, follow_redirects: bool = True, https_only: bool = False) -> requests.Session:
    """The guarded session for this thread (one per combination of the two rules): a
    requests session is not thread-safe, and the publish queue runs in a thread pool."""
    key = (follow_redirects, https_only)
    sessions: dict[tuple[bool, bool], GuardedSession] = _local.__dict__.setdefault("sessions", {})
    if key not in sessions:
        sessions[key] = GuardedSession(follow_redirects=follow_redirects, https_only=https_only)
    return sessions[key]


_local = threading.local()


class GuardedSession(HTTPSession):
    """requests-hardened's session with our allow-list, scheme rule and messages."""

    def __init__(self, *, follow_redirects: bool, https_only: bool):
        super().__init__(
            Config(
                ip_filter_enable=False,  # our adapter below filters, with the allow-list
                ip_filter_allow_loopback_ips=False,
                never_redirect=not follow_redirects,
                default_timeout=(5, 30),
                user_agent_override=USER_AGENT,
            )
        )
        self.https_only = https_only
        self.max_redirects = MAX_REDIRECTS
        # Environment proxies and .netrc would route around the address check.
        self.trust_env = False
        self.mount("http://", _GuardedAdapter(is_https_proto=False))
        self.mount("https://", _GuardedAdapter(is_https_proto=True))

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        # Called again for every redirect hop, so a redirect to another scheme is refused.
        check_scheme(request.url or "", https_only=self.https_only)
        response: requests.Response = super().send(request, **kwargs)
        return response


class _GuardedAdapter(IPFilterAdapter):
    def build_connection_pool_key_attributes(
        self,
        request: requests.PreparedRequest,
        verify: bool | str,
        cert: str | tuple[str, str] | None = None,
    ) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        parts = urlsplit(request.url or "")
        if is_allowed_host(parts.hostname or "", parts.port or _default_port(parts.scheme)):
            request.headers.pop("Host", None)  # set by the check of an earlier redirect hop
            return HTTPAdapter.build_connection_pool_key_attributes(self, request, verify, cert)
        try:
            host_params, pool_kwargs = super().build_connection_pool_key_attributes(
                request, verify, cert
            )
        except InvalidIPAddress:
            raise OutboundRefused(INTERNAL, request=request) from None
        except requests.ConnectionError as error:
            if isinstance(error.__cause__, socket.gaierror):
                raise HostNotFound("Nama host tidak ditemukan.", request=request) from None
            raise
        # The address the connection is pinned to, against our own (slightly wider) rule.
        if is_internal(ipaddress.ip_address(host_params["host"].strip("[]"))):
            raise OutboundRefused(INTERNAL, request=request)
        return host_params, pool_kwargs


def check_scheme(url: str, *, https_only: bool = False) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise OutboundRefused(NOT_HTTP)
    if https_only and scheme != "https":
        raise OutboundRefused(NOT_HTTPS)


def check_destination(url: str, *, https_only: bool = False) -> None:
    """Input-time check of an address the server will fetch: raise ``OutboundRefused`` if
    it is not http(s), or its host is or resolves to an internal address. A name that does
    not resolve now passes: the guard checks again when it connects."""
    check_scheme(url, https_only=https_only)
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port or _default_port(parts.scheme)
    except ValueError:  # a port that is not a number
        raise OutboundRefused(NO_HOST) from None
    if not host:
        raise OutboundRefused(NO_HOST)
    if is_allowed_host(host, port):
        return
    if any(is_internal(address) for address in _addresses(host, port)):
        raise OutboundRefused(INTERNAL)


def validate_public_url(url: str, *, https_only: bool = False) -> None:
    """``check_destination`` as a Django validator (forms and serializers): one message,
    the first that applies — not http(s), not a well-formed URL, or an internal address."""
    try:
        check_scheme(url, https_only=https_only)
        URLValidator(schemes=["http", "https"])(url)
        check_destination(url, https_only=https_only)
    except OutboundRefused as error:
        raise ValidationError(str(error), code="outbound_refused") from None


def is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local, multicast, reserved, unspecified, or one of the ranges
    requests-hardened adds (CG-NAT, NAT64, 6to4 …)."""
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or any(address in network for network in EXTRA_BLOCKED_NET_RANGES)
    )


def is_allowed_host(host: str, port: int) -> bool:
    """Whether ``OUTBOUND_ALLOW_PRIVATE_HOSTS`` names this host (any port) or host:port."""
    allowed = settings.OUTBOUND_ALLOW_PRIVATE_HOSTS
    if isinstance(allowed, str):
        allowed = allowed.split(",")
    host = host.lower().strip("[]")
    for item in allowed:
        name, wanted_port = _host_and_port(item)
        if name and name == host and wanted_port in ("", str(port)):
            return True
    return False


def _host_and_port(item: str) -> tuple[str, str]:
    """``host``, ``host:port``, ``[v6]``, ``[v6]:port`` or a bare IPv6 address."""
    item = item.strip().lower()
    if item.startswith("["):
        name, _, rest = item[1:].partition("]")
        return name, rest.removeprefix(":")
    if item.count(":") == 1:
        name, _, port = item.partition(":")
        return name, port
    return item, ""


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []
    return [ipaddress.ip_address(str(entry[4][0]).split("%")[0]) for entry in found]


def _default_port(scheme: str) -> int:
    return 443 if scheme.lower() == "https" else 80


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def remote_excerpt(response: requests.Response) -> str:
    """A short, plain excerpt of what a remote server said about an error: its JSON
    ``message`` (or ``error``, or ``error.message``), without markup or control characters,
    at most ``EXCERPT_CHARS`` long; never the raw body."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    said = body.get("message") or body.get("error") or ""
    if isinstance(said, dict):
        said = said.get("message") or ""
    return plain_excerpt(said) if isinstance(said, str) else ""


def plain_excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` as one line of plain words: tags and control characters gone, capped."""
    words = " ".join(_CONTROL.sub(" ", strip_tags(text)).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
