"""A real Celery worker for the dispatcher's fault tests.

``celery -A cms worker --pool threads`` (the pool production runs the publish queue with)
runs as a subprocess in its own process group, on the test database (pytest-django's
``test_…`` database, so the tests must commit) and the test broker. Tests start it, stop it
and SIGKILL the whole group, the way production loses workers: no test helper reaches into
the dispatcher.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import redis
from kombu import Connection

ROOT = Path(__file__).resolve().parents[2]
QUEUES = ("publish", "celery")
# kombu's Redis transport keeps reserved-but-unacknowledged messages here.
UNACKED_KEYS = ("unacked", "unacked_index", "unacked_mutex")


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (the test database)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def wait_until(predicate: Callable[[], object], timeout: float, what: str, interval=0.05):
    """Poll ``predicate`` until it returns something truthy; fail the test after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


class Broker:
    """The test broker, seen from outside Celery: purge it, lose its messages, count them.
    Its keys carry the run's prefix (``global_keyprefix``, cms/settings/test.py)."""

    def __init__(self, url: str):
        from django.conf import settings

        self.url = url
        self.options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        self.prefix = self.options.get("global_keyprefix", "")

    def key(self, name: str) -> str:
        """The Redis key of the broker's list or hash ``name`` (a queue, "unacked")."""
        return self.prefix + name

    @contextlib.contextmanager
    def client(self) -> Iterator[redis.Redis]:
        client = redis.Redis.from_url(self.url)
        try:
            yield client
        finally:
            client.close()

    def purge(self) -> None:
        """Empty the queues and forget reserved messages (a broker restarted without
        persistence loses both)."""
        with Connection(self.url, transport_options=self.options) as connection:
            channel = connection.default_channel
            for queue in QUEUES:
                channel.queue_purge(queue)
        with self.client() as client:
            client.delete(*map(self.key, UNACKED_KEYS))

    def waiting(self, queue: str = "publish") -> int:
        with self.client() as client:
            return client.llen(self.key(queue))

    def unacked(self) -> int:
        """Messages a worker has reserved but not acknowledged (``acks_late``)."""
        with self.client() as client:
            return client.hlen(self.key("unacked"))


# The pool and size production runs the publish queue with (Procfile, README); the tests
# use the same pool with fewer threads (each running task holds a database connection).
POOL = "threads"
TEST_CONCURRENCY = 10


class Worker:
    """One ``celery -A cms worker`` (``pool``, ``concurrency`` threads) as a subprocess."""

    def __init__(
        self,
        *,
        database_url: str,
        broker_url: str,
        log_path: Path,
        env: dict[str, str] | None = None,
        concurrency: int = TEST_CONCURRENCY,
        pool: str = POOL,
        settings_module: str = "cms.settings.test",
        name: str = "benteng",
    ):
        self.name = name
        self.log_path = log_path
        self.concurrency = concurrency
        self.pool = pool
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None
        self._log_offset = 0

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 120.0) -> "Worker":
        """Start the worker and return once it consumes from its queues."""
        if self.running:
            return self
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cms",
            "worker",
            "-Q",
            ",".join(QUEUES),
            "-c",
            str(self.concurrency),
            "--pool",
            self.pool,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"{self.name}-{os.getpid()}@%h",
            "--loglevel",
            "INFO",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as one
            )
        try:
            wait_until(self._ready, timeout, "the Celery worker to be ready", interval=0.1)
        except AssertionError:
            self.kill()
            raise AssertionError(f"Celery worker did not start:\n{self.log()[-3000:]}") from None
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"Celery worker exited:\n{self.log()[-3000:]}")
        return " ready." in self.log()

    def log(self) -> str:
        """What this run of the worker has written so far."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(self._log_offset)
            return log.read().decode(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group at once: no warm shutdown, no acknowledgement."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self, timeout: float = 30.0) -> None:
        """Warm shutdown (SIGTERM), as a deploy does; SIGKILL if it takes too long."""
        if not self.running:
            self.process = None
            return
        self.process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout)
        self.kill()


def run_tick_process(env: dict[str, str], timeout: float = 120.0) -> subprocess.CompletedProcess:
    """One dispatch tick in a process of its own, e.g. one whose broker is unreachable."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from campaigns import clock; "
            "print(len(clock.tick().claimed))",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
