"""No settings module lets the guarded client into the office's network by default, and
production wants https webhooks."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

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
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env |= {
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "CREDENTIALS_KEYS": Fernet.generate_key().decode(),
    }
    # when the settings are loaded
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    # then nothing internal is allowed; only production insists on https webhooks
    assert json.loads(result.stdout.splitlines()[-1]) == [[], https_only]
