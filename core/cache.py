"""Django's Redis cache, keeping its Redis clients for the life of the process.

Django's client builds a new ``redis.Redis`` object for every cache call, and redis-py
fills a table of ~170 response callbacks in each: a fifth of a millisecond, more than
the page cache's whole lookup. The client is thread-safe, so one for reads and one for
writes will do (CACHE_URL names one server: both use its one connection pool; with
replicas, a process would read from the replica it picked first).
"""

from django.core.cache.backends import redis as django_redis

from . import compat


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clients = {}

    def get_client(self, key=None, *, write=False):
        client = self.clients.get(write)
        if client is None:
            client = self.clients[write] = super().get_client(key, write=write)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        compat.use_redis_cache_client(self, RedisCacheClient)

    def make_and_validate_key(self, key, version=None):
        # Django's key checks warn about memcached's limits; Redis has none of them.
        return self.make_key(key, version=version)
