"""What every app uses, and that imports no app: roles, WIB time and Indonesian formatting,
cache keys and the page cache, the Redis client, the TTL memo and the guarded outbound HTTP
client. Nothing here imports ``home``, ``publications``, ``campaigns`` or ``insights``."""
