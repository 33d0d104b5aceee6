"""Every API error is JSON and Indonesian, DRF's own messages included, whatever language
the client asks for; a body over the size limit is a JSON 400, not Django's HTML page."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from campaigns.api.throttling import AnonymousThrottle
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def client(users):
    client = api_as(users["social"])
    client.credentials(**client._credentials, **ENGLISH)
    return client


def test_body_over_the_size_limit_is_a_json_400(client, settings):
    # given a limit of 2,000 bytes for a body without files
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    # when a post of 3,000 characters is sent as JSON
    response = client.post(f"{API}/posts/", {"text": "a" * 3_000}, format="json")
    # then the answer is a JSON 400 saying so in Indonesian, not an HTML page
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Isi permintaan terlalu besar: paling banyak 2,0")


def test_json_parse_error_is_indonesian(client):
    response = client.post(f"{API}/posts/", "{teks: 1", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Isi JSON tidak valid (baris 1, kolom 2): periksa tanda kutip, koma dan kurung."
    }


def test_unknown_id_names_the_thing_in_indonesian(client):
    response = client.get(f"{API}/deliveries/987654/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Pengiriman dengan ID itu tidak ditemukan."}


def test_drf_field_messages_are_indonesian(client, db):
    # given a body with wrong types in several fields
    account = SocialAccountFactory(network="webhook")
    response = client.post(
        f"{API}/posts/",
        {
            "text": "Halo",
            "send_now": "mungkin",
            "campaign": "festival",
            "deliveries": [{"account": account.pk}],
            "images": "foto.jpg",
        },
        format="json",
    )
    # then each refusal reads in Indonesian
    assert response.status_code == 400
    errors = response.json()
    assert errors["send_now"] == ["Harus berupa nilai benar/salah (true atau false)."]
    assert errors["campaign"] == ["Jenis salah. Seharusnya ID (angka), yang dikirim str."]
    assert errors["images"] == {
        "non_field_errors": ['Seharusnya daftar (list), tetapi yang dikirim berjenis "str".']
    }


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        ({}, "Data autentikasi tidak diberikan."),
        ({"HTTP_AUTHORIZATION": "Token bukan-token"}, "Token tidak valid."),
        ({"HTTP_AUTHORIZATION": "Token a b"}, "Header token tidak valid: token tidak boleh"),
    ],
)
def test_authentication_errors_are_indonesian(db, credentials, message):
    response = APIClient().get(f"{API}/posts/", **credentials, **ENGLISH)
    assert response.status_code == 401
    assert response.json()["detail"].startswith(message)


def test_invalid_page_is_indonesian(client):
    assert client.get(f"{API}/posts/?page=99").json() == {"detail": "Halaman tidak valid."}


def test_throttling_is_indonesian(db, monkeypatch):
    # given the anonymous rate is one request a minute
    cache.clear()
    monkeypatch.setattr(AnonymousThrottle, "rate", "1/minute", raising=False)
    client = APIClient()
    client.get(f"{API}/posts/", **ENGLISH)
    # when a second request comes within the minute
    response = client.get(f"{API}/posts/", **ENGLISH)
    # then it is refused in Indonesian, with the wait
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Permintaan ini telah dibatasi. Coba lagi dalam")
    cache.clear()


def test_unknown_api_path_is_a_json_404(client):
    response = client.get(f"{API}/tidak-ada/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Alamat API ini tidak dikenal.")
    # and a path without its slash still redirects to the endpoint
    assert client.get(f"{API}/posts").status_code == 301
