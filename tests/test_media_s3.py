"""Media for more than one node: MEDIA_STORAGE=s3 keeps images, renditions and documents in
an S3-compatible bucket, here moto's S3 server on 127.0.0.1 (as MinIO or Ceph would be)."""

import io
import json
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

from cms.settings.media import media_storage
from tests.factories import NewsImageFactory, article, newspaper_edition, pdf_document

ROOT = Path(__file__).resolve().parent.parent
REGION = "ap-southeast-3"  # Jakarta


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3-compatible server, a real HTTP server on loopback."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, and the settings MEDIA_STORAGE=s3 makes for it."""
    name = f"benteng-media-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "benteng-uji")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "benteng-uji-rahasia")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    for variable, value in {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": name,
        "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
        "MEDIA_S3_REGION": REGION,
        # Pictures are public (platforms fetch renditions); documents go through Wagtail.
        "MEDIA_S3_ACL": "public-read",
    }.items():
        monkeypatch.setenv(variable, value)
    storage, _origin = media_storage()
    settings.STORAGES = {**settings.STORAGES, "default": storage}

    def stored_keys() -> set[str]:
        listing = client.list_objects_v2(Bucket=name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(key: str) -> bytes:
        return client.get_object(Bucket=name, Key=key)["Body"].read()

    return type(
        "Bucket", (), {"name": name, "stored_keys": staticmethod(stored_keys), "read": read}
    )


@pytest.mark.django_db
@pytest.mark.slow  # renditions made and stored through the fake S3
def test_images_and_renditions_are_stored_in_and_served_from_the_bucket(
    client, bucket, s3_endpoint, publications
):
    # given an editor's photo, uploaded with MEDIA_STORAGE=s3
    photo = NewsImageFactory()
    assert photo.file.name in bucket.stored_keys()

    # when a rendition is made (Wagtail reads the original back from the bucket)
    rendition = photo.get_rendition("fill-320x180")

    # then it is in the bucket too, and its URL serves the resized picture over HTTP
    assert rendition.file.name in bucket.stored_keys()
    assert rendition.url.startswith(f"{s3_endpoint}/{bucket.name}/")
    served = requests.get(rendition.url, timeout=10)
    assert served.status_code == 200
    assert Image.open(io.BytesIO(served.content)).size == (320, 180)

    # and a reader's article page shows its hero picture from the bucket
    story = article(newspaper_edition(publications["koran"]), hero_image=photo)
    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    hero = page.find("img", src=lambda src: src and bucket.name in src)
    assert hero is not None
    assert requests.get(hero["src"], timeout=10).status_code == 200


@pytest.mark.django_db
def test_the_e_paper_download_streams_the_pdf_from_the_bucket(client, bucket, publications):
    # given a newspaper edition whose e-paper was uploaded to the bucket
    edition = newspaper_edition(publications["koran"], epaper=pdf_document("E-paper Koran 12"))
    stored = bucket.read(edition.epaper.file.name)
    assert stored.startswith(b"%PDF")

    # when a reader follows the edition page's download link
    page = BeautifulSoup(client.get(edition.url).content, "html.parser")
    download = page.find(class_="edition-actions").find("a")["href"]
    response = client.get(download)

    # then Wagtail's document view streams the very PDF from the bucket
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == stored

    # and the app's API points at the same download
    api = client.get(f"/api/v2/pages/{edition.pk}/").json()
    assert api["epaper_url"].endswith(download)


def settings_with(**env) -> subprocess.CompletedProcess:
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES['default'], s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['img-src']]))"
    )
    environment = {
        key: value
        for key, value in __import__("os").environ.items()
        if not key.startswith(("DJANGO", "MEDIA_"))
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env}
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bucket_endpoint_region_and_custom_domain_come_from_the_environment():
    result = settings_with(
        MEDIA_STORAGE="s3",
        MEDIA_S3_BUCKET="humas-media",
        MEDIA_S3_ENDPOINT_URL="https://minio.tangerangkota.go.id",
        MEDIA_S3_REGION="ap-southeast-3",
        MEDIA_S3_CUSTOM_DOMAIN="media.tangerangkota.go.id",
    )
    storage, img_src = json.loads(result.stdout.splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "humas-media",
        "https://minio.tangerangkota.go.id",
        "ap-southeast-3",
    )
    assert options["custom_domain"] == "media.tangerangkota.go.id"
    assert options["file_overwrite"] is False
    # the pictures' origin is allowed by the Content-Security-Policy
    assert "https://media.tangerangkota.go.id" in img_src


def test_s3_without_a_bucket_is_a_clear_error():
    result = settings_with(MEDIA_STORAGE="s3")
    assert result.returncode != 0
    assert "MEDIA_S3_BUCKET must be set" in result.stderr
