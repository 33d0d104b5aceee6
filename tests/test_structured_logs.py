"""Production logs are JSON lines that carry the request id, and the user id and delivery id
where there is one, so one reader's or one delivery's story can be pulled from the logs."""

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from campaigns.tasks import publish_delivery
from core.log_context import ContextFilter, JsonFormatter
from tests.campaigns.factories import SocialAccountFactory, post
from tests.production_env import production_environment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def json_lines():
    """What the production console handler would write, for the loggers under test."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("django.request", "campaigns.tasks")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_a_request_logs_its_id_and_the_signed_in_user(client, users, json_lines):
    # given an editor signed in to the admin
    editor = users["editor_koran"]
    client.force_login(editor)
    # when a page of the admin is not found (Django logs a warning for it)
    response = client.get("/admin/tidak-ada/")
    # then the line names the request, echoed in the answer, and the user
    [line] = json_lines()
    assert response.status_code == 404
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["user_id"] == editor.pk
    assert "delivery_id" not in line


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("offered", "kept"),
    [("abc-123.DEF:456_x", True), ("x" * 200, False), ("a b\nforged", False), ("short", False)],
)
def test_the_proxys_request_id_is_kept_only_if_plain(client, json_lines, offered, kept):
    response = client.get("/tidak-ada-halaman/", HTTP_X_REQUEST_ID=offered)
    [line] = json_lines()
    assert (line["request_id"] == offered) is kept
    assert line["request_id"] == response["X-Request-ID"]
    assert "user_id" not in line  # an anonymous reader has none


@pytest.mark.django_db
def test_a_publish_task_logs_its_delivery_id(json_lines):
    # given a delivery no worker has claimed (a repeated message, say)
    delivery = post([SocialAccountFactory(network="webhook")]).deliveries.get()
    # when the publish task runs for it
    assert publish_delivery(delivery.pk) == "skipped"
    # then its line names the delivery
    [line] = json_lines()
    assert line["delivery_id"] == delivery.pk
    assert line["message"] == "publish_delivery: skipped"


def test_production_writes_json_lines_with_the_request_id():
    script = (
        "import django, logging; django.setup(); "
        "from core.log_context import bound; "
        "logging.getLogger('benteng.test').warning('pesan %s', 'uji', exc_info=ValueError('x'))\n"
        "with bound(request='req-0123456789', delivery=42):\n"
        "    logging.getLogger('benteng.test').warning('di dalam tugas')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**production_environment(), "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if "benteng.test" in line]
    assert [line["message"] for line in lines] == ["pesan uji", "di dalam tugas"]
    assert "ValueError: x" in lines[0]["exception"]
    assert (lines[1]["request_id"], lines[1]["delivery_id"]) == ("req-0123456789", 42)
