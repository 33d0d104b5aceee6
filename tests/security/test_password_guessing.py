"""Guessing passwords and tokens stops quickly: the admin log-in locks a user and address
after five failures for fifteen minutes (django-axes), the page-password form and the
campaigns API's tokens after five wrong guesses from one address, and the API throttles
anonymous clients and users with 429 and Retry-After. The client address is taken from a
proxy header only when it is configured as trusted."""

import datetime

import pytest
import time_machine
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.models import PageViewRestriction

from campaigns.api.throttling import AnonymousThrottle, PerUserThrottle
from core.clients import client_address
from tests.campaigns.api_helpers import API, api_as
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-uji"  # the factories' password
LOCKED = "Terlalu banyak percobaan masuk yang gagal"


def log_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/admin/")


# --- the admin log-in -------------------------------------------------------------------


def test_thirty_wrong_admin_passwords_then_the_right_one_is_refused(client, users):
    # when someone tries thirty wrong passwords for the head of Humas
    answers = [log_in(client, "head", f"tebakan-{number}") for number in range(30)]
    # then from the fifth on, the log-in page says (in Indonesian) that it is locked
    assert [answer.status_code for answer in answers[:4]] == [200] * 4
    assert {answer.status_code for answer in answers[5:]} == {429}
    # and the right password is refused too, on the same log-in page
    right = log_in(client, "head", PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert LOCKED in page and "15 menit" in page and 'name="password"' in page
    assert int(right["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session


def test_lock_is_per_user_and_address(client, users):
    # given the head of Humas locked from one address
    for number in range(5):
        log_in(client, "head", f"tebakan-{number}")
    # then the head logs in from another address, and another user from the same one
    assert logged_in(log_in(Client(), "head", PASSWORD, address="198.51.100.4"))
    assert logged_in(log_in(Client(), "social", PASSWORD))


def test_lock_lifts_after_fifteen_minutes(client, users):
    for number in range(5):
        log_in(client, "head", f"tebakan-{number}")
    assert log_in(client, "head", PASSWORD).status_code == 429
    with time_machine.travel(datetime.timedelta(minutes=16)):
        assert logged_in(log_in(client, "head", PASSWORD))


def test_forged_forwarded_for_does_not_escape_the_lock(client, users):
    # given no trusted proxy header (the default): X-Forwarded-For is anyone's to write
    for number in range(5):
        log_in(client, "head", f"tebakan-{number}", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
    # when the attacker tries the right password with yet another forged address
    answer = log_in(client, "head", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.99")
    # then it is still locked
    assert answer.status_code == 429


def test_administrator_unlocks_a_locked_log_in(client, users):
    # given the head of Humas locked out
    for number in range(5):
        log_in(client, "head", f"tebakan-{number}")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    # when an administrator opens Settings > Kunci log-in and unlocks it
    client.force_login(admin)
    screen = client.get("/admin/kunci-log-in/")
    assert screen.status_code == 200
    assert "head" in screen.content.decode() and "203.0.113.7" in screen.content.decode()
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="head")
    unlocked = client.post("/admin/kunci-log-in/", {"attempt": attempt.pk})
    assert unlocked.status_code == 302
    # then the head of Humas logs in again
    client.logout()
    assert logged_in(log_in(client, "head", PASSWORD))


@pytest.mark.parametrize("role", ["head", "analyst", "social"])
def test_only_administrators_may_unlock(client, users, role):
    client.force_login(users[role])
    assert client.get("/admin/kunci-log-in/").status_code in (302, 403)
    assert "Kunci log-in" not in client.get("/admin/").content.decode()


# --- the page-password form -------------------------------------------------------------


@pytest.fixture
def protected_article(published_article):
    restriction = PageViewRestriction.objects.create(
        page=published_article, restriction_type="password", password="sandi-rahasia"
    )
    return published_article, restriction


def try_page_password(client, protected, password, address="203.0.113.7"):
    page, restriction = protected
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def test_twenty_wrong_page_passwords_then_the_right_one_is_refused(client, protected_article):
    # when one address tries twenty wrong passwords on a protected article
    answers = [try_page_password(client, protected_article, f"salah-{n}") for n in range(20)]
    # then the first five are the form again, the rest are refused
    assert [answer.status_code for answer in answers[:5]] == [200] * 5
    assert {answer.status_code for answer in answers[5:]} == {429}
    # and the right password does not open the article
    right = try_page_password(client, protected_article, "sandi-rahasia")
    assert right.status_code == 429
    assert "Terlalu banyak kata sandi yang salah" in right.content.decode()
    assert int(right["Retry-After"]) > 0
    page, restriction = protected_article
    passed = client.session.get(restriction.passed_view_restrictions_session_key, [])
    assert restriction.pk not in passed
    assert 'name="password"' in client.get(page.url).content.decode()


def test_page_password_still_opens_for_other_readers(client, protected_article):
    for number in range(6):
        try_page_password(client, protected_article, f"salah-{number}")
    reader = Client()
    right = try_page_password(reader, protected_article, "sandi-rahasia", address="198.51.100.4")
    assert right.status_code == 302


# --- the campaigns API ------------------------------------------------------------------


def test_guessing_api_tokens_is_slowed_down(users):
    # when one address sends five invalid tokens
    guesser = APIClient(REMOTE_ADDR="203.0.113.7")
    for number in range(5):
        guesser.credentials(HTTP_AUTHORIZATION=f"Token {number:040d}")
        assert guesser.get(f"{API}/campaigns/").status_code == 401
    # then the next request from that address is refused, even with a real token
    real = Token.objects.create(user=users["social"])
    guesser.credentials(HTTP_AUTHORIZATION=f"Token {real.key}")
    refused = guesser.get(f"{API}/campaigns/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # while the real owner, from their own address, is not slowed down
    assert api_as(users["social"]).get(f"{API}/campaigns/").status_code == 200


@pytest.fixture
def low_rates(monkeypatch):
    rates = {"anon": "3/minute", "user": "5/minute"}
    monkeypatch.setattr(AnonymousThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(PerUserThrottle, "THROTTLE_RATES", rates)


def test_anonymous_clients_are_throttled(low_rates, db):
    anonymous = APIClient(REMOTE_ADDR="203.0.113.7")
    answers = [anonymous.get(f"{API}/campaigns/") for _ in range(4)]
    assert [answer.status_code for answer in answers[:3]] == [401] * 3
    assert answers[3].status_code == 429 and int(answers[3]["Retry-After"]) > 0


def test_each_user_is_throttled(low_rates, users):
    manager = api_as(users["social"])
    answers = [manager.get(f"{API}/campaigns/") for _ in range(6)]
    assert [answer.status_code for answer in answers[:5]] == [200] * 5
    assert answers[5].status_code == 429 and int(answers[5]["Retry-After"]) > 0
    # another user has their own allowance
    assert api_as(users["analyst"]).get(f"{API}/campaigns/").status_code == 200


# --- the client address -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "count", "meta", "expected"),
    [
        ("", 1, {"HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.2"),
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"}, "198.51.100.9"),
        (
            "X-Forwarded-For",
            2,
            {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9, 10.0.0.3"},
            "198.51.100.9",
        ),
        ("X-Forwarded-For", 2, {"HTTP_X_FORWARDED_FOR": "198.51.100.9"}, "10.0.0.2"),
        ("X-Forwarded-For", 1, {"HTTP_X_FORWARDED_FOR": "bukan-alamat"}, "10.0.0.2"),
        ("X-Forwarded-For", 1, {}, "10.0.0.2"),
        (
            "X-Real-IP",
            1,
            {"HTTP_X_REAL_IP": "2001:db8::1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"},
            "2001:db8::1",
        ),
    ],
    ids=["untrusted", "last-hop", "two-proxies", "too-few-hops", "garbage", "missing", "real-ip"],
)
def test_client_address_comes_only_from_the_trusted_proxy_header(
    rf, settings, header, count, meta, expected
):
    settings.TRUSTED_PROXY_HEADER = header
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", **meta)
    assert client_address(request) == expected
