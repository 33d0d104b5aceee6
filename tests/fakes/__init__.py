"""Fake social platforms for tests: real HTTP on 127.0.0.1, state in the pytest process.

Each fake behaves like the documented API closely enough to catch a wrong request shape
(missing parameters, wrong auth, JSON versus form), records every call
(``fake.calls``, ``fake.calls_to("media_publish")``), keeps what the public would see
(``fake.created``, ``fake.create_calls``) and can be told to misbehave
(``fake.fail_next(status=429, ...)``, ``fake.slow_next(delay=3)``, per-platform helpers such
as ``exhaust_quota()``, ``rate_limit()``, ``retry_after()``, ``expire_token()``).

Fixtures ``fake_instagram``, ``fake_facebook``, ``fake_x`` and ``fake_telegram`` (in
``tests.fakes.fixtures``) point the settings at the fake and give it a matching
``fake.account`` (a ``SocialAccount``). For a worker in another process, pass
``fake.env()`` (and ``PUBLIC_BASE_URL=fake.server.public_base_url`` so rendition URLs can be
downloaded) into its environment.
"""

from .facebook import FakeFacebook
from .graph import graph_error
from .instagram import FakeInstagram
from .server import FakeServer
from .telegram import FakeTelegram
from .x import FakeX

__all__ = [
    "FakeFacebook",
    "FakeInstagram",
    "FakeServer",
    "FakeTelegram",
    "FakeX",
    "graph_error",
]
