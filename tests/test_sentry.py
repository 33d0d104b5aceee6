"""Errors go to Sentry when SENTRY_DSN is set, with the request id and no personal data."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import brotli
from werkzeug import Response

from tests.production_env import production_environment

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import django, sentry_sdk
django.setup()
from core.log_context import bound
with bound(request="req-sentry-0001"):
    try:
        raise ValueError("pompa Periuk mati")
    except ValueError:
        sentry_sdk.capture_exception()
sentry_sdk.flush(timeout=10)
"""


def run_production(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**production_environment(**env), "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def envelope_items(body: bytes) -> list[dict]:
    """The JSON items of a Sentry envelope (header line, then item header/payload pairs)."""
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    elif not body.lstrip().startswith(b"{"):  # sentry-sdk uses brotli when it is installed
        body = brotli.decompress(body)
    lines = body.split(b"\n")
    return [json.loads(line) for line in lines[2::2] if line.strip()]


def test_an_exception_reaches_sentry_with_the_request_id_and_no_pii(httpserver):
    # given a Sentry-compatible receiver
    received = []

    def keep(request):
        received.append(request.get_data())
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/api/42/envelope/", method="POST").respond_with_handler(keep)
    dsn = f"http://publickey@127.0.0.1:{httpserver.port}/42"

    # when production settings start with SENTRY_DSN and an error is captured
    run_production(SENTRY_DSN=dsn)

    # then one event arrives, tagged with the request id, without personal data
    [event] = [item for body in received for item in envelope_items(body) if "exception" in item]
    assert event["exception"]["values"][0]["value"] == "pompa Periuk mati"
    assert event["tags"]["request_id"] == "req-sentry-0001"
    assert event["environment"] == "production"
    assert "user" not in event
