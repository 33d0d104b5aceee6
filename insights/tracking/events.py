"""Counting on the request: one short string appended to a Redis list, nothing more.

An event is ``"<kind><subject id>:<event id>"``: kind ``v`` (page view, subject = page id)
or ``c`` (link click, subject = tracked link id). The event id becomes the ``TrafficEvent``
primary key and carries the moment (milliseconds since 2026 in its high bits, 22 random
bits below), so moving the same events into PostgreSQL twice inserts nothing twice.

Without Redis (``TRAFFIC_REDIS_URL`` empty, e.g. ``make run``), or while Redis is down, the
event is written to the database at once; the flush still turns it into daily numbers.

A reader counts once per page (or link) and TRAFFIC_COUNT_ONCE_SECONDS: the event is appended
only if the key naming the reader's hash (``visitors``) and the subject did not exist, set
with that expiry in the same round trip (a small Lua script). Without Redis the cache keeps
the same key.
"""

import datetime
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable

import redis
from django.conf import settings
from django.core.cache import cache

from core.redis_clients import new_connection, redis_client

from ..models import TrafficEvent, TrafficKind

logger = logging.getLogger(__name__)

EPOCH_MS = 1_767_225_600_000  # 2026-01-01 00:00 UTC
RANDOM_BITS = 22
KINDS = {"v": TrafficKind.PAGE_VIEW, "c": TrafficKind.LINK_CLICK}
_local = threading.local()


def new_event_id(now_ms: int | None = None) -> int:
    """Roughly time-ordered and unique (two events in the same millisecond share the id
    with a chance of one in four million)."""
    now_ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    return (now_ms - EPOCH_MS) << RANDOM_BITS | secrets.randbits(RANDOM_BITS)


def occurred_at(event_id: int) -> datetime.datetime:
    ms = (event_id >> RANDOM_BITS) + EPOCH_MS
    return datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.UTC)


def keys() -> tuple[str, str]:
    """(list the requests append to, list a flush is working on)."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    base = f"{prefix}:traffic" if prefix else "traffic"
    return f"{base}:events", f"{base}:processing"


def client() -> redis.Redis | None:
    """The flush's client (one per process); None when traffic goes to the database."""
    url = settings.TRAFFIC_REDIS_URL
    if not url:
        return None
    return redis_client(url, timeout=30, connect_timeout=5)


def _connection(url: str, key: str) -> tuple[redis.Connection, bytes]:
    """This thread's own connection and the start of its RPUSH command: one append on it costs
    a third of what redis-py's client and pool do, and the redirect is measured against a
    plain one (scripts/bench_redirect.py)."""
    if getattr(_local, "target", None) != (url, key):
        # Short timeouts: a slow Redis must not hold up a reader's redirect for long.
        encoded = key.encode()
        _local.connection = new_connection(url, timeout=0.5, connect_timeout=0.5)
        _local.command = b"*3\r\n$5\r\nRPUSH\r\n$%d\r\n%s\r\n" % (len(encoded), encoded)
        _local.target = (url, key)
    return _local.connection, _local.command


# Append the event (ARGV[1]) to the list (KEYS[1]) only if this reader's key for the subject
# (KEYS[2]) was not set in the last ARGV[2] seconds; set it.
COUNT_ONCE_SCRIPT = b"""
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then
  return redis.call('RPUSH', KEYS[1], ARGV[1])
end
return 0
"""
COUNT_ONCE_SHA = hashlib.sha1(COUNT_ONCE_SCRIPT, usedforsecurity=False).hexdigest().encode()


def seen_key(events_key: str, kind: str, subject_id: int, visitor: str) -> str:
    """The key that stands for "this reader was counted on this subject a moment ago"."""
    return f"{events_key.rpartition(':')[0]}:seen:{kind}{subject_id}:{visitor}"


def _bulk(*parts: bytes) -> bytes:
    return b"".join(b"$%d\r\n%s\r\n" % (len(part), part) for part in parts)


def _packed(command: bytes, events_key: str, event: bytes, seen: str | None, load=False):
    """The one command that counts: RPUSH, or (a reader's hash given) the count-once script,
    by its SHA or, ``load``, in full."""
    if seen is None:  # RPUSH <list> <event> in Redis's protocol
        return b"%s$%d\r\n%s\r\n" % (command, len(event), event)
    window = b"%d" % settings.TRAFFIC_COUNT_ONCE_SECONDS
    args = _bulk(b"2", events_key.encode(), seen.encode(), event, window)
    script = _bulk(b"EVAL", COUNT_ONCE_SCRIPT) if load else _bulk(b"EVALSHA", COUNT_ONCE_SHA)
    return b"*7\r\n" + script + args


def record(kind: str, subject_id: int, visitor: str | None = None) -> None:
    """Count one page view (``"v"``) or link click (``"c"``); with ``visitor`` (a reader's
    hash), only if that reader was not counted on it within TRAFFIC_COUNT_ONCE_SECONDS."""
    send(kind, subject_id, visitor)()


def send(kind: str, subject_id: int, visitor: str | None = None) -> Callable[[], None]:
    """``record`` in two halves: the command goes to Redis now, and the function returned
    reads its answer (one round trip either way). The redirect calls it once its answer has
    gone to the reader, by which time Redis has long replied. Without Redis, or when it fails,
    the function writes the event to the database instead."""
    event_id = new_event_id()
    url = settings.TRAFFIC_REDIS_URL
    events_key = keys()[0]
    seen = seen_key(events_key, kind, subject_id, visitor) if visitor is not None else None

    def to_database() -> None:
        if seen is not None and not _first_time_in_cache(seen):
            return
        TrafficEvent.objects.create(**event_fields(kind, subject_id, event_id))

    if not url:
        return to_database
    connection, command = _connection(url, events_key)
    event = f"{kind}{subject_id}:{event_id}".encode()
    finish_previous()  # a response never closed left its answer unread: read it first
    try:
        connection.send_packed_command([_packed(command, events_key, event, seen)])
    except redis.RedisError:
        return _failed(connection, to_database)

    def finish() -> None:
        if getattr(_local, "pending", None) is not finish:
            return  # already read
        _local.pending = None
        try:
            try:
                connection.read_response()
            except redis.exceptions.NoScriptError:  # first use: load the script with EVAL
                connection.send_packed_command([_packed(command, events_key, event, seen, True)])
                connection.read_response()
        except redis.RedisError:
            _failed(connection, to_database)()

    _local.pending = finish
    return finish


def finish_previous() -> None:
    """Read the answer this thread's last ``send`` left unread, if any."""
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending()


def _failed(connection: redis.Connection, to_database: Callable[[], None]):
    connection.disconnect()  # the next event connects afresh
    logger.warning("Redis unreachable: traffic event written to the database")
    return to_database


def _first_time_in_cache(seen: str) -> bool:
    """The no-Redis path's "count once": the cache remembers the reader for the window."""
    try:
        return cache.add(seen, 1, settings.TRAFFIC_COUNT_ONCE_SECONDS)
    except Exception:  # the cache down too: count rather than lose the view
        return True


def event_fields(kind: str, subject_id: int, event_id: int) -> dict:
    fields = {"id": event_id, "kind": KINDS[kind], "occurred_at": occurred_at(event_id)}
    fields["page_id" if kind == "v" else "link_id"] = subject_id
    return fields


def parse(raw: bytes | str) -> tuple[str, int, int] | None:
    """(kind, subject id, event id), or None for anything that is not an event."""
    text = raw.decode() if isinstance(raw, bytes) else raw
    head, _, event = text.partition(":")
    kind, subject = head[:1], head[1:]
    if kind not in KINDS or not subject.isdigit() or not event.isdigit():
        return None
    return kind, int(subject), int(event)
