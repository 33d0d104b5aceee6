"""The suite's own guards: no test reaches the internet, each pytest-xdist process has
Redis databases of its own, and a test is marked by what it uses (tests/conftest.py)."""

import socket
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_socket import SocketConnectBlockedError

from cms.settings import test as test_settings
from tests.conftest import MARKED_BY_USE, _names_reached


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")
def test_a_test_cannot_connect_beyond_this_machine():
    # 192.0.2.1 is TEST-NET-1: without the guard, a timeout or a refusal (OSError)
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_test_connects_to_this_machine(host):
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection((host, port), timeout=5):
            pass


@pytest.mark.parametrize(
    ("worker", "expected"),
    [
        ("gw0", ("redis://127.0.0.1:6379/1", "redis://127.0.0.1:6379/2", "/3")),
        ("gw1", ("redis://127.0.0.1:6379/4", "redis://127.0.0.1:6379/5", "/6")),
        ("gw4", ("redis://127.0.0.1:6379/13", "redis://127.0.0.1:6379/14", "/15")),
    ],
)
def test_each_xdist_worker_has_its_own_redis_databases(monkeypatch, worker, expected):
    monkeypatch.setattr(test_settings, "XDIST_WORKER", worker)
    cache = test_settings.worker_redis("redis://127.0.0.1:6379/1", "cache")
    broker = test_settings.worker_redis("redis://127.0.0.1:6379/2", "broker")
    traffic = test_settings.worker_redis("redis://127.0.0.1:6379/1", "traffic")
    assert (cache, broker) == expected[:2] and traffic.endswith(expected[2])
    # a Celery worker started with the worker's own URL lands on the same database
    assert test_settings.worker_redis(broker, "broker") == broker
    assert test_settings.worker_prefix(test_settings.worker_prefix("tests")) == f"tests-{worker}"


def test_outside_xdist_the_urls_are_as_given(monkeypatch):
    monkeypatch.setattr(test_settings, "XDIST_WORKER", "")
    assert test_settings.worker_redis("redis://127.0.0.1:6415/2", "broker").endswith("/2")
    assert test_settings.worker_prefix("tests") == "tests"


def test_a_sixth_worker_is_refused_rather_than_sharing_a_database(monkeypatch):
    monkeypatch.setattr(test_settings, "XDIST_WORKER", "gw5")
    with pytest.raises(ImproperlyConfigured, match="16"):
        test_settings.worker_redis("redis://127.0.0.1:6379/1", "cache")


# Samples for the markers by use; the test below names them only by string, or it would
# itself reach what they reach.
def starts_a_browser_through_a_helper():
    return open_a_desk()


def open_a_desk():
    from playwright.sync_api import sync_playwright

    return sync_playwright


def starts_a_worker():
    from tests.campaigns.worker import Worker

    return Worker


def runs_a_command():
    import subprocess

    return subprocess.run([sys.executable, "-c", "pass"], check=True)


def renders_a_page(client):
    return client.get("/")


@pytest.mark.parametrize(
    ("sample", "markers"),
    [
        ("starts_a_browser_through_a_helper", {"browser"}),
        ("starts_a_worker", {"worker"}),
        ("runs_a_command", {"slow"}),
        ("renders_a_page", set()),
    ],
)
def test_a_test_is_marked_by_what_it_reaches(sample, markers):
    reached = _names_reached(globals()[sample])
    assert {marker for marker, names in MARKED_BY_USE.items() if reached & names} == markers
