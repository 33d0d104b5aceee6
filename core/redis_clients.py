"""The one place that builds Redis clients outside Django's cache (the traffic counter's
Redis, the readiness probe).

A ``redis.Redis`` is thread-safe and costly to build (redis-py fills a table of response
callbacks in each), so one per address and timeouts serves the whole process. The cache's own
clients are built by ``core.cache``.
"""

import redis

_clients: dict[tuple[str, float, float], redis.Redis] = {}


def redis_client(url: str, *, timeout: float, connect_timeout: float) -> redis.Redis:
    """The process's client for ``url`` with these timeouts (seconds)."""
    key = (url, timeout, connect_timeout)
    found = _clients.get(key)
    if found is None:
        found = _clients[key] = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=connect_timeout
        )
    return found


def new_connection(url: str, *, timeout: float, connect_timeout: float) -> redis.Connection:
    """A connection of its own, outside any pool (for one thread's raw commands)."""
    pool = redis.ConnectionPool.from_url(
        url, socket_timeout=timeout, socket_connect_timeout=connect_timeout
    )
    connection: redis.Connection = pool.make_connection()  # type: ignore[assignment]  # typed as the interface; a redis(s):// URL's is a Connection
    return connection
