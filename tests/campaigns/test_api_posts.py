"""Writing posts through the API: the same network rules as the compose screen, as 400s
with field-level messages; WIB times; edits only while draft or rejected."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import approvals
from campaigns.models import Post, PostStatus
from tests.campaigns.api_helpers import API, api_as
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post
from tests.factories import NewsImageFactory

TEXT = "Festival Cisadane dibuka Sabtu ini di Jalan Benteng Jaya! #TangerangLIVE"


@pytest.fixture
def accounts(db):
    return {
        network: SocialAccountFactory(network=network)
        for network in ("instagram", "facebook", "x", "telegram", "webhook")
    }


def body(*accounts, **fields) -> dict:
    return {
        "text": TEXT,
        "send_now": True,
        "deliveries": [{"account": account.pk} for account in accounts],
        **fields,
    }


def test_manager_creates_a_draft_post_to_several_accounts(users, accounts):
    # given two library images
    images = [NewsImageFactory(), NewsImageFactory()]
    # when the manager creates a post for Instagram and Telegram, with a Telegram override
    response = api_as(users["social"]).post(
        f"{API}/posts/",
        {
            "text": TEXT,
            "scheduled_at": "2026-12-05T09:00:00+07:00",
            "images": [
                {"image": images[0].pk, "alt_text": "Perahu naga di Cisadane"},
                {"image": images[1].pk, "alt_text": "Penonton di tepi sungai"},
            ],
            "deliveries": [
                {"account": accounts["instagram"].pk},
                {"account": accounts["telegram"].pk, "text_override": "Sampai jumpa, Lur!"},
            ],
        },
        format="json",
    )
    # then a draft exists, written by them, with both deliveries in draft
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "draft"
    assert data["author"] == "social"
    assert [i["alt_text"] for i in data["images"]] == [
        "Perahu naga di Cisadane",
        "Penonton di tepi sungai",
    ]
    assert [(d["account"], d["text_override"], d["status"]) for d in data["deliveries"]] == [
        (accounts["instagram"].pk, "", "draft"),
        (accounts["telegram"].pk, "Sampai jumpa, Lur!", "draft"),
    ]
    saved = Post.objects.get(pk=data["id"])
    assert saved.author == users["social"]
    assert saved.images.count() == 2


# Each rule family: the request, then the field and a piece of the message expected.
RULES = [
    pytest.param(
        lambda a, img, page: body(a["instagram"]),
        ("deliveries", "0"),
        "Instagram: wajib ada minimal satu gambar.",
        id="instagram-without-image",
    ),
    pytest.param(
        # 141 emoji: 141 characters, but 282 weighted (each emoji weighs 2)
        lambda a, img, page: body(a["x"], text="\U0001f30a" * 141),
        ("deliveries", "0"),
        "X: 282 karakter berbobot",
        id="x-over-280-weighted",
    ),
    pytest.param(
        lambda a, img, page: body(
            a["webhook"],
            a["telegram"],
            text="a" * 1100,
            images=[{"image": img.pk, "alt_text": "Foto festival"}],
        ),
        ("deliveries", "1"),
        "Telegram: keterangan gambar 1100 karakter, batasnya 1024",
        id="telegram-caption-over-1024",
    ),
    pytest.param(
        lambda a, img, page: body(
            a["webhook"], link_page=page.pk, link_url="https://tangerangkota.go.id/"
        ),
        ("link_url",),
        "bukan keduanya",
        id="both-link-page-and-url",
    ),
    pytest.param(
        lambda a, img, page: body(),
        ("deliveries",),
        "Pilih minimal satu akun tujuan.",
        id="no-accounts",
    ),
    pytest.param(
        lambda a, img, page: body(a["webhook"], a["webhook"]),
        ("deliveries",),
        "hanya boleh dipilih sekali",
        id="same-account-twice",
    ),
    pytest.param(
        lambda a, img, page: body(a["webhook"], send_now=False),
        ("scheduled_at",),
        "Isi waktu tayang",
        id="no-time-without-send-now",
    ),
    pytest.param(
        lambda a, img, page: body(a["webhook"], images=[{"image": img.pk, "alt_text": ""}]),
        ("images", "0", "alt_text"),
        "",
        id="image-without-alt-text",
    ),
    pytest.param(
        lambda a, img, page: body(a["webhook"], scheduled_at="Sabtu pagi", send_now=False),
        ("scheduled_at",),
        "",
        id="time-not-iso-8601",
    ),
]


@pytest.mark.parametrize(("make_body", "field", "message"), RULES)
def test_invalid_post_gets_400_with_field_messages(
    users, accounts, home_page, make_body, field, message
):
    # given a request breaking one rule
    request_body = make_body(accounts, NewsImageFactory(), home_page)
    # when it is sent
    response = api_as(users["social"]).post(f"{API}/posts/", request_body, format="json")
    # then 400, the message under the field, and nothing saved
    assert response.status_code == 400
    errors = response.json()
    for key in field:
        errors = errors[key]
    assert any(message in text for text in errors), response.json()
    assert not Post.objects.exists()


def test_network_rules_name_the_delivery_that_breaks_them(users, accounts):
    # given a post without images to Telegram (fine) and Instagram (needs one)
    request_body = body(accounts["telegram"], accounts["instagram"])
    # when it is created
    response = api_as(users["social"]).post(f"{API}/posts/", request_body, format="json")
    # then only the Instagram target (second) has an error
    assert response.status_code == 400
    assert response.json() == {"deliveries": {"1": ["Instagram: wajib ada minimal satu gambar."]}}


def test_override_text_is_what_the_network_checks(users, accounts):
    # given a long main text, and a short X override
    request_body = body(accounts["x"], text="Kabar kota. " * 40)
    request_body["deliveries"][0]["text_override"] = "Festival Cisadane Sabtu ini!"
    # when it is created
    response = api_as(users["social"]).post(f"{API}/posts/", request_body, format="json")
    # then X is satisfied by the override
    assert response.status_code == 201, response.json()


def test_post_may_link_a_site_page(users, accounts, published_article):
    request_body = body(accounts["x"], link_page=published_article.pk)
    response = api_as(users["social"]).post(f"{API}/posts/", request_body, format="json")
    assert response.status_code == 201, response.json()
    assert Post.objects.get().link_page_id == published_article.pk


def test_naive_time_is_wib_stored_utc_and_returned_with_offset(users, accounts):
    # given a time without an offset, as the office writes it
    request_body = body(accounts["webhook"], send_now=False, scheduled_at="2026-12-05T09:00:00")
    # when the post is created and read back
    client = api_as(users["social"])
    created = client.post(f"{API}/posts/", request_body, format="json")
    read = client.get(f"{API}/posts/{created.json()['id']}/")
    # then 09:00 WIB is stored as 02:00 UTC and shown again as 09:00+07:00
    assert created.status_code == 201, created.json()
    stored = Post.objects.get().scheduled_at
    assert stored == datetime.datetime(2026, 12, 5, 2, 0, tzinfo=datetime.UTC)
    assert created.json()["scheduled_at"] == "2026-12-05T09:00:00+07:00"
    assert read.json()["scheduled_at"] == "2026-12-05T09:00:00+07:00"


def test_time_with_another_offset_is_converted_to_wib(users, accounts):
    request_body = body(accounts["webhook"], send_now=False, scheduled_at="2026-12-05T02:00:00Z")
    response = api_as(users["social"]).post(f"{API}/posts/", request_body, format="json")
    assert response.json()["scheduled_at"] == "2026-12-05T09:00:00+07:00"


@pytest.mark.parametrize("status", [PostStatus.DRAFT, PostStatus.REJECTED])
def test_draft_or_rejected_post_can_be_edited(users, accounts, status):
    # given a post in an editable state
    draft = post([accounts["webhook"]], author=users["social"])
    Post.objects.filter(pk=draft.pk).update(status=status)
    # when its text is changed
    response = api_as(users["social"]).patch(
        f"{API}/posts/{draft.pk}/", {"text": "Jadwal baru festival."}, format="json"
    )
    # then it is saved
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert draft.text == "Jadwal baru festival."


def test_editing_a_pending_post_is_a_conflict(users, accounts):
    # given a post waiting for approval
    pending = post([accounts["webhook"]], author=users["social"])
    approvals.submit(pending, users["social"])
    # when someone tries to change it, wholly or in part
    client = api_as(users["social"])
    patched = client.patch(f"{API}/posts/{pending.pk}/", {"text": "Diam-diam"}, format="json")
    put = client.put(f"{API}/posts/{pending.pk}/", body(accounts["webhook"]), format="json")
    # then 409 with a message, and the approved text stays
    assert patched.status_code == put.status_code == 409
    assert "Tarik kembali" in patched.json()["detail"]
    pending.refresh_from_db()
    assert pending.text != "Diam-diam"


def test_editing_keeps_the_rows_of_accounts_still_targeted(users, accounts):
    # given a draft to the webhook and Telegram
    draft = post([accounts["webhook"], accounts["telegram"]], author=users["social"])
    kept = draft.deliveries.get(account=accounts["webhook"])
    # when its targets become the webhook (with an override) and Facebook
    response = api_as(users["social"]).patch(
        f"{API}/posts/{draft.pk}/",
        {
            "deliveries": [
                {"account": accounts["webhook"].pk, "text_override": "Untuk aplikasi kota"},
                {"account": accounts["facebook"].pk},
            ]
        },
        format="json",
    )
    # then the webhook row is the same row, Telegram's is gone, Facebook's is new
    assert response.status_code == 200, response.json()
    rows = {d.account.network: d for d in draft.deliveries.select_related("account")}
    assert set(rows) == {"webhook", "facebook"}
    assert rows["webhook"].pk == kept.pk
    assert rows["webhook"].text_override == "Untuk aplikasi kota"


def test_partial_edit_is_checked_against_the_saved_post(users, accounts):
    # given a draft to Instagram with one image
    draft = post([accounts["instagram"]], author=users["social"], images=1)
    # when the images are removed
    response = api_as(users["social"]).patch(
        f"{API}/posts/{draft.pk}/", {"images": []}, format="json"
    )
    # then Instagram's rule refuses it
    assert response.status_code == 400
    assert response.json() == {"deliveries": {"0": ["Instagram: wajib ada minimal satu gambar."]}}
    assert draft.images.count() == 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [(PostStatus.DRAFT, 204), (PostStatus.APPROVED, 409), (PostStatus.PENDING_APPROVAL, 409)],
)
def test_head_deletes_only_posts_not_on_their_way(users, accounts, status, expected):
    draft = post([accounts["webhook"]], author=users["social"])
    Post.objects.filter(pk=draft.pk).update(status=status)
    response = api_as(users["head"]).delete(f"{API}/posts/{draft.pk}/")
    assert response.status_code == expected
    assert Post.objects.filter(pk=draft.pk).exists() == (expected == 409)


def test_list_is_paginated_by_50_and_page_size_is_capped_at_200(users):
    # given 205 posts
    Post.objects.bulk_create(
        Post(text=f"Unggahan {n}", send_now=True, created_at=timezone.now()) for n in range(205)
    )
    client = api_as(users["analyst"])
    # when the list is read with the default page size, a larger one, and too large a one
    first = client.get(f"{API}/posts/").json()
    last = client.get(f"{API}/posts/", {"page": 5}).json()
    wide = client.get(f"{API}/posts/", {"page_size": 120}).json()
    capped = client.get(f"{API}/posts/", {"page_size": 1000}).json()
    # then pages hold 50, at most 200, with the total and links
    assert first["count"] == 205
    assert len(first["results"]) == 50
    assert first["next"].endswith("/api/campaigns/v1/posts/?page=2")
    assert first["previous"] is None
    assert len(last["results"]) == 5
    assert len(wide["results"]) == 120
    assert len(capped["results"]) == 200


def test_page_beyond_the_last_is_404_not_500(users):
    response = api_as(users["analyst"]).get(f"{API}/posts/", {"page": "abc"})
    assert response.status_code == 404


@pytest.mark.parametrize("resource", ["posts", "deliveries"])
def test_list_costs_the_same_queries_for_few_or_many_rows(users, accounts, resource):
    # given a list read with two posts, then with twelve (each with images and history)
    client = api_as(users["analyst"])

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/{resource}/").status_code == 200
        return len(captured)

    def add_posts(count: int) -> None:
        for _ in range(count):
            draft = post([accounts["webhook"], accounts["telegram"]], images=1)
            approvals.submit(draft, users["social"])

    add_posts(2)
    few = queries_for_list()
    add_posts(10)
    many = queries_for_list()
    # then the number of queries does not grow with the rows
    assert many == few


def test_posts_are_filtered_by_status_and_campaign(users, accounts):
    # given a draft in a campaign and a pending post outside it
    campaign = CampaignFactory()
    in_campaign = post([accounts["webhook"]], campaign=campaign)
    pending = post([accounts["webhook"]])
    approvals.submit(pending, users["social"])
    client = api_as(users["analyst"])

    def ids(**query) -> list[int]:
        return [p["id"] for p in client.get(f"{API}/posts/", query).json()["results"]]

    # then each filter narrows the list
    assert ids(status="pending_approval") == [pending.pk]
    assert ids(campaign=campaign.pk) == [in_campaign.pk]


@pytest.mark.parametrize(
    "url",
    ["ftp://bentengkota.id/berkas.pdf", "ftps://bentengkota.id/a", "FTP://bentengkota.id/b"],
)
def test_link_url_must_be_http_or_https(users, accounts, url):
    # when a post links somewhere that is not a web page
    response = api_as(users["social"]).post(
        f"{API}/posts/", body(accounts["webhook"], link_url=url), format="json"
    )
    # then the field is refused in Indonesian, and nothing is stored
    assert response.status_code == 400
    assert response.json()["link_url"] == ["Tautan harus diawali http:// atau https://."]
    assert not Post.objects.exists()


def test_scheduled_at_at_most_two_years_ahead(users, accounts):
    client = api_as(users["social"])
    far = timezone.now() + datetime.timedelta(days=2 * 365 + 2)
    near = timezone.now() + datetime.timedelta(days=2 * 365 - 2)
    # when a post is scheduled beyond two years (a typo: 2062 for 2026)
    fields = {"send_now": False, "scheduled_at": far.isoformat()}
    response = client.post(f"{API}/posts/", body(accounts["webhook"], **fields), format="json")
    # then it is refused with a plain message; just under two years is fine
    assert response.status_code == 400
    assert response.json()["scheduled_at"] == [
        "Waktu tayang paling lambat dua tahun dari sekarang."
    ]
    fields["scheduled_at"] = near.isoformat()
    ok = client.post(f"{API}/posts/", body(accounts["webhook"], **fields), format="json")
    assert ok.status_code == 201, ok.json()
