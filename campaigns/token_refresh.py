"""Expired user tokens renew themselves before an account is held.

X's OAuth 2.0 user tokens last about two hours. When a platform answers 401, an adapter that
can refresh (``refresh_credentials(credentials, http) -> dict``) trades the stored refresh
token for new tokens, they are stored encrypted, and the request is made once more. Only a
refused refresh holds the account (the dispatcher's ``Reconnect`` path).

X rotates the refresh token on every use, so two workers must never refresh at once with the
same one: the account row is locked while refreshing, and a worker that waited finds the
tokens already renewed and simply uses them.
"""

from collections.abc import Callable
from types import ModuleType
from typing import Any

import requests
from django.db import transaction

from .models import SocialAccount
from .networks import http
from .networks.base import Outgoing, Published, Reconnect


class Refreshing:
    """An adapter whose ``publish`` and ``reconcile`` retry once with renewed tokens on 401.

    A 401 means the platform acted on nothing, so asking again is safe."""

    def __init__(self, adapter: ModuleType, account: SocialAccount) -> None:
        self.adapter = adapter
        self.account = account

    def __getattr__(self, name: str) -> Any:
        return getattr(self.adapter, name)

    def publish(self, outgoing: Outgoing, session: requests.Session) -> Published:
        published: Published = self._with_fresh_token(self.adapter.publish, outgoing, session)
        return published

    def reconcile(self, outgoing: Outgoing, session: requests.Session) -> Published | None:
        found: Published | None = self._with_fresh_token(self.adapter.reconcile, outgoing, session)
        return found

    def _with_fresh_token(
        self,
        act: Callable[[Outgoing, requests.Session], Any],
        outgoing: Outgoing,
        session: requests.Session,
    ) -> Any:
        try:
            return act(outgoing, session)
        except Reconnect as error:
            if not hasattr(self.adapter, "refresh_credentials"):
                raise error
        outgoing.credentials = renew(self.account, outgoing.credentials, self.adapter)
        return act(outgoing, session)


def renew(account: SocialAccount, used: dict[str, Any], adapter: ModuleType) -> dict[str, Any]:
    """New credentials for ``account``, refreshed under its row lock; ``used`` are the ones
    the platform refused. Raises ``Reconnect`` when the platform refuses the refresh."""
    with transaction.atomic():
        locked = SocialAccount.objects.select_for_update().get(pk=account.pk)
        stored = locked.get_credentials()
        if stored.get("access_token") != used.get("access_token"):
            return stored  # another worker renewed them while this one waited for the lock
        fresh = adapter.refresh_credentials(stored, http.session())
        locked.set_credentials(fresh)
        locked.save(update_fields=["credentials_encrypted", "credentials_updated_at"])
    return locked.get_credentials()
