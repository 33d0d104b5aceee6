"""Calling the campaigns API as a user would: with their token in the header."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

API = "/api/campaigns/v1"


def api_as(user) -> APIClient:
    """A client sending ``Authorization: Token <key>`` for ``user``."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
