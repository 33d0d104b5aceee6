"""Uploading a post's image through the campaigns API (multipart, alt text required), with
the library's own checks and collection rules, then using it in a post (issue 10 §9)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from campaigns.models import PostImage
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import SocialAccountFactory
from tests.test_uploads import png_bytes, png_declaring

Image = get_image_model()


def upload(client, content: bytes = b"", name: str = "festival.png", **fields):
    body = {"file": SimpleUploadedFile(name, content or png_bytes(), "image/png"), **fields}
    return client.post(f"{API}/images/", body, format="multipart")


def test_manager_uploads_an_image_and_uses_it_in_a_post(users):
    client = api_as(users["social"])
    # when the manager uploads a picture with its alt text
    response = upload(client, alt_text="Perahu naga di Sungai Cisadane", title="Festival")
    # then it is in the library, theirs, described for screen readers
    assert response.status_code == 201, response.json()
    answer = response.json()
    image = Image.objects.get(pk=answer["id"])
    assert (image.title, image.description) == ("Festival", "Perahu naga di Sungai Cisadane")
    assert image.uploaded_by_user == users["social"]
    assert image.file_size == len(png_bytes()) and image.file_hash
    assert answer["alt_text"] == "Perahu naga di Sungai Cisadane"
    assert (answer["width"], answer["height"]) == (40, 30)
    # and a post can name it, taking its alt text when it gives none
    account = SocialAccountFactory(network="telegram")
    created = client.post(
        f"{API}/posts/",
        {
            "text": "Festival Cisadane!",
            "send_now": True,
            "deliveries": [{"account": account.pk}],
            "images": [{"image": image.pk}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert PostImage.objects.get().alt_text == "Perahu naga di Sungai Cisadane"


def test_alt_text_is_required(users):
    response = upload(api_as(users["social"]), alt_text="  ")
    assert response.status_code == 400
    assert response.json() == {
        "alt_text": ["Isi teks alternatif: deskripsi gambar untuk tunanetra."]
    }
    assert not Image.objects.exists()


def test_a_file_is_required_and_must_be_an_image(users):
    client = api_as(users["social"])
    missing = client.post(f"{API}/images/", {"alt_text": "Foto"}, format="multipart")
    assert missing.json() == {
        "file": ["Lampirkan berkas gambar (multipart/form-data, kolom file)."]
    }
    text = upload(client, b"bukan gambar sama sekali", name="catatan.png", alt_text="Foto")
    assert text.status_code == 400
    assert list(text.json()) == ["file"]
    assert not Image.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1_000)
def test_size_and_pixels_are_checked_like_the_library_upload(users):
    client = api_as(users["social"])
    oversize = upload(client, png_bytes() + b"\x00" * 1_000, alt_text="Foto")
    assert oversize.status_code == 400
    assert "Berkas terlalu besar" in oversize.json()["file"][0]
    bomb = upload(client, png_declaring(20_000, 20_000), alt_text="Foto")
    assert bomb.status_code == 400
    assert "terlalu banyak pikselnya" in bomb.json()["file"][0]
    assert not Image.objects.exists()


def test_role_without_image_rights_is_refused(users):
    response = upload(api_as(users["analyst"]), alt_text="Foto")
    assert response.status_code == 403
    assert response.json() == {"detail": "Peran Anda tidak mengizinkan mengunggah gambar."}


@pytest.fixture
def two_collections(users):
    """A collection the manager may add to and one reserved for the newsroom."""
    root = Collection.get_first_root_node()
    social = root.add_child(name="Media sosial")
    newsroom = root.add_child(name="Redaksi")
    group = Group.objects.get(name="Manajer Media Sosial")
    GroupCollectionPermission.objects.filter(group=group).delete()
    for codename in ("add_image", "choose_image"):
        GroupCollectionPermission.objects.create(
            group=group,
            collection=social,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    return social, newsroom


def test_collection_rules_of_the_library_apply(users, two_collections):
    social, newsroom = two_collections
    client = api_as(users["social"])
    # the only collection they may add to is used without asking
    response = upload(client, alt_text="Foto")
    assert response.status_code == 201, response.json()
    assert Image.objects.get().collection == social
    # another collection is refused
    refused = upload(client, alt_text="Foto", collection=str(newsroom.pk))
    assert refused.status_code == 400
    assert refused.json()["collection"][0].startswith("Anda tidak boleh menambah gambar")
    assert Image.objects.count() == 1
    # and a post may not use an image they cannot choose
    hidden = Image.objects.create(
        title="Rahasia", file=Image.objects.get().file, collection=newsroom
    )
    account = SocialAccountFactory(network="telegram")
    created = client.post(
        f"{API}/posts/",
        {
            "text": "Festival!",
            "send_now": True,
            "deliveries": [{"account": account.pk}],
            "images": [{"image": hidden.pk, "alt_text": "Foto"}],
        },
        format="json",
    )
    assert created.status_code == 400
    assert "images" in created.json()
