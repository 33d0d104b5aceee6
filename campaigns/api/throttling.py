"""Slowing down the campaigns API: throttles per client address (anonymous) and per user,
and a lock on guessing tokens. Each answers 429 with ``Retry-After`` (DRF's ``Throttled``).

DRF authenticates, then checks permissions, then throttles: an unknown token is a 401 before
any throttle runs, and so is every anonymous request. So the throttles run before the
permissions here, and failed tokens are counted apart (``core.attempts``): LOGIN_FAILURE_LIMIT
unknown tokens from one address lock that address out for LOGIN_LOCK_MINUTES.
"""

from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from core import attempts
from core.clients import client_address

TOKEN_DOOR = "api-token"  # noqa: S105 - the name of a counter, not a secret


class ByClientAddress:
    def get_ident(self, request) -> str:
        return client_address(request)


class AnonymousThrottle(ByClientAddress, AnonRateThrottle):
    """Anonymous clients, per trusted client address (DEFAULT_THROTTLE_RATES "anon")."""


class PerUserThrottle(ByClientAddress, UserRateThrottle):
    """Each user (DEFAULT_THROTTLE_RATES "user"); anonymous clients by address."""


class GuardedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing an address that guessed too many tokens."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != self.keyword.lower().encode():
            return None  # no token: a session, or nobody
        client = client_address(request)
        wait = attempts.locked_for(TOKEN_DOOR, client)
        if wait:
            raise Throttled(wait=wait)
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            attempts.count_failure(TOKEN_DOOR, client)
            raise


class ThrottledFirst(APIView):
    """Throttles before permissions, once per request."""

    throttle_classes = [AnonymousThrottle, PerUserThrottle]

    def check_permissions(self, request):
        self.check_throttles(request)
        super().check_permissions(request)

    def check_throttles(self, request):
        if getattr(request, "_benteng_throttled", False):
            return
        request._benteng_throttled = True
        super().check_throttles(request)
