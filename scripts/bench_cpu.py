"""Where a bench's CPU goes on a machine whose cores the services share: a process's CPU
time from /proc, and the CPU of the services a publish run uses (bench_dispatch.py)."""

import contextlib
import os
import urllib.parse
from pathlib import Path

LOCAL = ("127.0.0.1", "localhost", "::1")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ServicesCpu:
    """CPU the services spend while the worker publishes, where this machine can see it:
    the receiver, the PostgreSQL backends serving the bench database, and the Redis server
    when it runs here. The whole machine's CPU per delivery is what bounds the rate on a
    node whose cores they share."""

    def __init__(self, receiver_pid: int, broker_url: str):
        self.broker_url = broker_url
        self.pids = {"receiver": [receiver_pid]}
        self.start = self._now()
        self.last = dict(self.start)

    def _now(self) -> dict[tuple[str, int], float]:
        self.pids["PostgreSQL"] = _backends()
        redis_pid = _redis_pid(self.broker_url)
        self.pids["Redis"] = [redis_pid] if redis_pid else []
        seen = {}
        for name, pids in self.pids.items():
            for pid in pids:
                with contextlib.suppress(FileNotFoundError, ProcessLookupError):
                    seen[name, pid] = cpu_seconds(pid)
        return seen

    def sample(self) -> None:
        """Look again (every second or so while publishing): a backend closed meanwhile
        (``CONN_MAX_AGE`` renews a thread's connection) keeps what it spent until then."""
        self.last.update(self._now())

    def spent(self) -> dict[str, float]:
        """Milliseconds per service since start (a backend opened meanwhile from zero)."""
        self.sample()
        totals = dict.fromkeys(self.pids, 0.0)
        for (name, pid), seconds in self.last.items():
            totals[name] += (seconds - self.start.get((name, pid), 0.0)) * 1000
        return totals


def _backends() -> list[int]:
    """The PostgreSQL backends connected to the bench database, if the server is local."""
    from django.db import connection

    if connection.settings_dict["HOST"] not in (*LOCAL, ""):
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def _redis_pid(broker_url: str) -> int | None:
    import redis

    if urllib.parse.urlsplit(broker_url).hostname not in LOCAL:
        return None
    client = redis.Redis.from_url(broker_url)
    try:
        return int(client.info("server")["process_id"])
    finally:
        client.close()
