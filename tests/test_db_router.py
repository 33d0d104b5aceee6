"""Reader GETs may read from a read replica (DATABASE_REPLICA_URL); the admin, API writes,
workers, log-ins and transactions use the primary."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory

from campaigns.models import Delivery
from core.db_router import ReplicaMiddleware, ReplicaRouter
from publications.models import ArticlePage

ROOT = Path(__file__).resolve().parent.parent
router = ReplicaRouter()


def route_during(method: str, path: str, model=ArticlePage) -> tuple[str, str]:
    """Where a read and a write of ``model`` go while the request is being answered."""
    seen = {}

    def view(request):
        seen["routes"] = (router.db_for_read(model), router.db_for_write(model))
        return HttpResponse()

    request = getattr(RequestFactory(), method.lower())(path)
    ReplicaMiddleware(view)(request)
    return seen["routes"]


@pytest.mark.parametrize(
    ("method", "path", "model", "read_from"),
    [
        ("GET", "/koran-kota-benteng/edisi-1/pompa-baru/", ArticlePage, "replica"),
        ("HEAD", "/", ArticlePage, "replica"),
        ("GET", "/api/v2/pages/", ArticlePage, "replica"),
        ("GET", "/rss/", ArticlePage, "replica"),
        ("GET", "/l/AbC1234", Delivery, "replica"),
        # the admin and the campaigns API, reading or writing
        ("GET", "/admin/pages/", ArticlePage, "default"),
        ("POST", "/admin/pages/3/edit/", ArticlePage, "default"),
        ("GET", "/api/campaigns/v1/deliveries/", Delivery, "default"),
        ("POST", "/api/campaigns/v1/posts/", Delivery, "default"),
        # page passwords and any reader POST
        ("GET", "/_util/authenticate_with_password/1/3/", ArticlePage, "default"),
        ("POST", "/v/3", ArticlePage, "default"),
        # who someone is: read where a log-in was just written
        ("GET", "/", Session, "default"),
        ("GET", "/", User, "default"),
    ],
)
def test_where_each_request_reads(method, path, model, read_from):
    read, write = route_during(method, path, model)
    assert read == read_from
    assert write == "default"  # every write goes to the primary


def test_workers_beat_and_commands_use_the_primary():
    # outside any request (a Celery task, beat, a management command)
    assert router.db_for_read(Delivery) == "default"
    assert router.db_for_read(ArticlePage) == "default"


def test_the_mark_ends_with_the_request():
    route_during("GET", "/")
    assert router.db_for_read(ArticlePage) == "default"


@pytest.mark.django_db
def test_a_read_inside_a_transaction_on_the_primary_stays_there():
    # (every db test runs inside a transaction on the primary)
    assert route_during("GET", "/")[0] == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "publications") is True
    assert router.allow_migrate("replica", "publications") is False


def settings_with(**env) -> dict:
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([{a: d.get('NAME') for a, d in s.DATABASES.items()}, "
        "s.DATABASE_ROUTERS]))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    environment |= {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_the_replica_and_its_router_come_from_database_replica_url():
    names, routers = settings_with(
        DATABASE_URL="postgres://app@db-primary:5432/benteng",
        DATABASE_REPLICA_URL="postgres://reader@db-replica:5432/benteng",
    )
    assert names == {"default": "benteng", "replica": "benteng"}
    assert routers == ["core.db_router.ReplicaRouter"]
    # without it: the primary alone, no router
    names, routers = settings_with(
        DATABASE_URL="postgres://app@db-primary:5432/benteng", DATABASE_REPLICA_URL=""
    )
    assert (names, routers) == ({"default": "benteng"}, [])
