"""Production refuses weak secrets: start-up stops, naming the variable, before any request.

Each case imports ``cms.settings.production`` in a fresh interpreter with the environment an
operator might set by mistake, as gunicorn would at start-up."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from cms.settings.checks import DEV_CREDENTIALS_KEY, TEST_CREDENTIALS_KEY
from tests.production_env import production_environment

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET_KEY = secrets.token_urlsafe(50)
GOOD_FERNET_KEY = Fernet.generate_key().decode()


def start_production(**env) -> subprocess.CompletedProcess:
    """Load the production settings as a server would, with ``env`` on top of a good one."""
    environment = production_environment(
        **{"SECRET_KEY": GOOD_SECRET_KEY, "CREDENTIALS_KEYS": GOOD_FERNET_KEY, **env}
    )
    return subprocess.run(
        [sys.executable, "-c", "import cms.settings.production"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_starts_with_random_secrets():
    result = start_production()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "keys",
    [
        "notakey",
        GOOD_FERNET_KEY[:-4],
        f"{GOOD_FERNET_KEY},bukan-kunci",  # a bad old key after a good new one
    ],
    ids=["not-base64", "too-short", "second-key-bad"],
)
def test_credentials_key_that_is_not_a_fernet_key_stops_start_up(keys):
    # when production starts with a key Fernet cannot use
    result = start_production(CREDENTIALS_KEYS=keys)
    # then it stops at once, naming the variable, instead of a 500 on the first saved token
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "CREDENTIALS_KEYS" in result.stderr and "not a Fernet key" in result.stderr


@pytest.mark.parametrize("key", [DEV_CREDENTIALS_KEY, TEST_CREDENTIALS_KEY], ids=["dev", "test"])
def test_credentials_key_committed_in_the_repository_stops_start_up(key):
    # when production is given the Fernet key everyone can read in the repository
    result = start_production(CREDENTIALS_KEYS=f"{GOOD_FERNET_KEY},{key}")
    # then it refuses it: anyone could decrypt the platform tokens
    assert result.returncode != 0
    assert "CREDENTIALS_KEYS" in result.stderr and "published in the repository" in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        "a" * 50,
        "ab" * 30,
        "abcdefghijkl" * 5,  # twelve distinct characters, repeated
        "django-insecure-" + secrets.token_urlsafe(50),
        "0123456789" * 6,
    ],
    ids=["fifty-a", "two-letters", "repeated-pattern", "django-insecure", "ten-digits"],
)
def test_low_entropy_secret_key_stops_start_up(secret_key):
    # when production starts with a long but guessable SECRET_KEY
    result = start_production(SECRET_KEY=secret_key)
    # then it stops, naming SECRET_KEY
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr
