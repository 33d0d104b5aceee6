"""No settings module lets the guarded client into the office's network by default, and
production wants https webhooks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production_env import production_environment

ROOT = Path(__file__).resolve().parents[2]
PRINT = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.OUTBOUND_ALLOW_PRIVATE_HOSTS, s.WEBHOOK_REQUIRE_HTTPS]))"
)


@pytest.mark.parametrize(
    ("module", "https_only"),
    [("cms.settings.dev", False), ("cms.settings.test", False), ("cms.settings.production", True)],
)
def test_no_settings_module_allows_internal_hosts_by_default(module, https_only):
    # given the environment without the allow-list, as each settings module is deployed
    unset = ("OUTBOUND_ALLOW_PRIVATE_HOSTS", "WEBHOOK_REQUIRE_HTTPS")
    env = {name: value for name, value in production_environment().items() if name not in unset}
    env["DJANGO_SETTINGS_MODULE"] = module
    # when the settings are loaded
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    # then nothing internal is allowed; only production insists on https webhooks
    assert json.loads(result.stdout.splitlines()[-1]) == [[], https_only]
