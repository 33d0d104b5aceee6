"""Writing a post in the admin: the form, the network rules on save, the live check and its
previews, and the read-only view of a post that has left the draft stage."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from campaigns.models import Delivery, DeliveryStatus, Persona, Post, PostStatus
from tests.campaigns.factories import SocialAccountFactory, approved_post, post
from tests.campaigns.post_forms import (
    add_image,
    add_target,
    add_url,
    edit_url,
    form_at,
    new_post_data,
    page_text,
    refused,
    table_rows,
)
from tests.factories import NewsImageFactory

pytestmark = pytest.mark.django_db

CHECK_URL = "campaigns_post:compose_check"


@pytest.fixture
def manager(client, users):
    client.force_login(users["social"])
    return users["social"]


@pytest.fixture
def accounts(db):
    return {
        network: SocialAccountFactory(network=network, handle=f"@kota_{network}")
        for network in ("instagram", "facebook", "x", "telegram", "webhook")
    }


def test_manager_writes_a_post_for_two_accounts_with_an_override(client, manager, accounts):
    # given the add form with the text, an image, two accounts and X's own words
    data = new_post_data(client, [], "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE")
    add_image(data, NewsImageFactory(), "Perahu naga di Sungai Cisadane")
    add_target(data, accounts["instagram"])
    add_target(data, accounts["x"], text_override="Festival Cisadane Sabtu! #TangerangLIVE")

    # when they save it
    response = client.post(add_url(), data)

    # then it is a draft by them, one delivery per account, and they land on its edit page
    saved = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(saved)
    assert (saved.status, saved.author) == (PostStatus.DRAFT, manager)
    texts = {d.account.network: d.text for d in saved.deliveries.select_related("account")}
    assert texts == {
        "instagram": "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE",
        "x": "Festival Cisadane Sabtu! #TangerangLIVE",
    }
    assert saved.images.get().alt_text == "Perahu naga di Sungai Cisadane"


RULE_CASES = [
    ("instagram", "Tanpa gambar", 0, "Instagram: wajib ada minimal satu gambar."),
    ("x", "a" * 281, 0, "X: 281 karakter berbobot"),
    ("x", "Empat gambar saja", 5, "X: paling banyak 4 gambar."),
    ("telegram", "b" * 1025, 1, "Telegram: keterangan gambar 1025 karakter, batasnya 1024"),
    ("webhook", "   ", 0, "Webhook: teks tidak boleh kosong."),
]


@pytest.mark.parametrize(("network", "text", "images", "message"), RULE_CASES)
def test_saving_a_post_that_breaks_a_network_rule_keeps_what_was_typed(
    client, manager, accounts, network, text, images, message
):
    # given a post that breaks one of the target network's rules
    data = new_post_data(client, [accounts[network]], text)
    for _ in range(images):
        add_image(data, NewsImageFactory(), "Suasana festival")

    # when it is saved
    response = client.post(add_url(), data)

    # then nothing is saved, the reason is shown and the typed text is still in the form
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert any(error.startswith(message) for error in response.context["form"].non_field_errors())
    assert message in page_text(response)
    assert response.context["form"]["text"].value() == data["text"]


def test_the_same_account_twice_is_refused(client, manager, accounts):
    data = new_post_data(client, [accounts["x"], accounts["x"]], "Dua kali")

    response = client.post(add_url(), data)

    assert response.status_code == 200
    assert not Post.objects.exists()
    assert "Setiap akun hanya boleh dipilih sekali." in page_text(response)


def test_a_link_to_a_page_and_to_a_url_at_once_is_refused(
    client, manager, accounts, published_article
):
    data = new_post_data(
        client,
        [accounts["facebook"]],
        "Baca selengkapnya",
        link_page=str(published_article.pk),
        link_url="https://contoh.id/lain",
    )

    response = client.post(add_url(), data)

    assert response.status_code == 200
    assert "Pilih satu: halaman situs atau URL lain" in page_text(response)


def test_a_time_in_the_past_is_refused(client, manager, accounts):
    data = new_post_data(client, [accounts["x"]], "Terlambat", scheduled_at="2020-01-01 09:00")

    response = client.post(add_url(), data)

    assert response.status_code == 200
    assert "Waktu tayang sudah lewat" in page_text(response)


def test_editing_a_draft_changes_its_override_and_drops_an_account(client, manager, accounts):
    # given a draft to X and Telegram
    draft = post([accounts["x"], accounts["telegram"]], author=manager)
    data = form_at(client, edit_url(draft))
    rows = {data[f"deliveries-{i}-account"]: i for i in range(2)}
    x_row, telegram_row = rows[str(accounts["x"].pk)], rows[str(accounts["telegram"].pk)]
    data[f"deliveries-{x_row}-text_override"] = "Versi pendek untuk X"
    data[f"deliveries-{telegram_row}-DELETE"] = "1"

    # when it is saved
    response = client.post(edit_url(draft), data)

    # then X has its own words and Telegram is no longer a target
    assert response.status_code == 302
    assert [(d.account, d.text) for d in draft.deliveries.all()] == [
        (accounts["x"], "Versi pendek untuk X")
    ]


def check(client, data) -> dict:
    response = client.post(reverse(CHECK_URL), data)
    assert response.status_code == 200
    return response.json()


def test_live_check_answers_per_account_with_a_weighted_count_for_x(client, manager, accounts):
    # given the form as typed: one text, Instagram without an image, X with a long override
    data = new_post_data(client, [accounts["instagram"]], "Halo warga! #TangerangLIVE")
    add_target(data, accounts["x"], text_override="x" * 300)

    # when the compose screen asks for a check
    answer = check(client, data)

    # then each account has its own messages, and X's preview counts weighted characters
    by_network = {account["network"]: account for account in answer["accounts"]}
    assert by_network["instagram"]["messages"] == ["Instagram: wajib ada minimal satu gambar."]
    assert by_network["x"]["messages"][0].startswith("X: 300 karakter berbobot")
    assert answer["messages"] == [
        "Instagram: wajib ada minimal satu gambar. (Instagram @kota_instagram)",
        f"{by_network['x']['messages'][0]} (X @kota_x)",
    ]
    x_preview = BeautifulSoup(by_network["x"]["preview"], "html.parser")
    assert x_preview.select_one("[data-weighted-count]").get_text() == "300/280"
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("text", "link_url", "count"),
    [
        ("Halo", "", "4/280"),
        ("Banjir surut 🌊", "", "15/280"),  # an emoji weighs 2
        ("Info https://tangerangkota.go.id/banjir/peta-genangan-terbaru", "", "28/280"),
        ("Info", "https://tangerangkota.go.id/banjir/peta-genangan-terbaru", "29/280"),
    ],
)
def test_x_preview_counts_as_x_does(client, manager, accounts, text, link_url, count):
    data = new_post_data(client, [accounts["x"]], text, link_url=link_url)

    answer = check(client, data)

    preview = BeautifulSoup(answer["accounts"][0]["preview"], "html.parser")
    assert preview.select_one("[data-weighted-count]").get_text() == count


def test_live_check_previews_every_network_as_it_will_look(
    client, manager, accounts, published_article
):
    # given a text with a hashtag, an image and a link to an article, to every network
    data = new_post_data(
        client,
        list(accounts.values()),
        "Seribu pohon <b>ditanam</b> #TangerangHijau",
        link_page=str(published_article.pk),
    )
    add_image(data, NewsImageFactory(), "Warga menanam pohon")

    # when checked
    answer = check(client, data)

    # then every account passes and each preview looks like its network
    assert answer["messages"] == []
    previews = {
        a["network"]: BeautifulSoup(a["preview"], "html.parser") for a in answer["accounts"]
    }
    instagram = previews["instagram"]
    assert instagram.select_one(".compose-hashtag").get_text() == "#TangerangHijau"
    assert instagram.select_one("img")["alt"] == "Warga menanam pohon"
    assert "<b>" not in str(instagram.select_one(".compose-preview__caption"))  # escaped
    assert (
        published_article.title
        in previews["facebook"].select_one(".compose-preview__linkcard").get_text()
    )
    link = f"{settings.PUBLIC_BASE_URL}{published_article.url}"  # the public site
    assert link in previews["telegram"].select_one(".compose-preview__bubble").get_text()
    assert previews["x"].select_one("[data-weighted-count]").get_text().endswith("/280")
    webhook_json = previews["webhook"].select_one(".compose-preview__json").get_text()
    assert f'"link": "{link}"' in webhook_json


def test_live_check_shows_the_voice_notes_of_the_accounts_persona(client, manager, accounts):
    # given an account that speaks as Aboh Jasa
    aboh = Persona.objects.create(name="Aboh Jasa", voice_notes="Sapa warga dengan 'Bro'.")
    accounts["x"].persona = aboh
    accounts["x"].save()

    # when a post to it is checked
    answer = check(client, new_post_data(client, [accounts["x"]], "Halo Bro!"))

    # then the voice notes come with the answer and in the panel's HTML
    assert answer["personas"] == [{"name": "Aboh Jasa", "voice_notes": "Sapa warga dengan 'Bro'."}]
    assert "Aboh Jasa" in BeautifulSoup(answer["html"], "html.parser").get_text()


def test_the_edit_page_renders_the_check_panel_for_the_saved_post(client, manager, accounts):
    draft = post([accounts["instagram"]], author=manager)

    response = client.get(edit_url(draft))

    panel = BeautifulSoup(response.content, "html.parser").select_one("#compose-panel")
    assert panel["data-compose-check-url"] == reverse(CHECK_URL)
    assert "Instagram: wajib ada minimal satu gambar." in panel.get_text()


def test_analyst_cannot_use_the_live_check(client, users, accounts):
    client.force_login(users["analyst"])

    response = client.post(reverse(CHECK_URL), {"text": "Halo"})

    assert refused(response)


@pytest.fixture
def sent_post(accounts, users):
    """An approved post to X (failed), Telegram (published) and the webhook (scheduled)."""
    result = approved_post(
        [accounts["x"], accounts["telegram"], accounts["webhook"]],
        submitter=users["social"],
        approver=users["head"],
    )
    Delivery.objects.filter(post=result, account=accounts["x"]).update(
        status=DeliveryStatus.FAILED,
        attempt_count=1,
        status_reason="X menolak isi (403): duplikat.",
    )
    Delivery.objects.filter(post=result, account=accounts["telegram"]).update(
        status=DeliveryStatus.PUBLISHED,
        remote_id="777",
        permalink="https://t.me/kotatangerang/777",
    )
    return result


def delivery_row(soup, delivery) -> dict:
    row = soup.select_one(f"#delivery-{delivery.pk}")
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
    return {"cells": cells, "buttons": [b.get_text(strip=True) for b in row.find_all("button")]}


def test_a_sent_post_opens_read_only_with_its_deliveries_and_history(
    client, manager, accounts, sent_post
):
    # when the manager opens an approved post
    response = client.get(edit_url(sent_post))

    # then there is no form, but the status (not "terjadwal": a delivery failed), the approvals
    # and every delivery with its buttons
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#w-editor-form") is None
    status = soup.select_one("#post-status").get_text()
    assert "Disetujui — ada pengiriman gagal atau terlewat" in status
    assert soup.select_one("#post-withdraw") is None
    decisions = [
        entry["data-decision"] for entry in soup.select("#post-history .post-history__entry")
    ]
    assert decisions == ["submitted", "approved"]
    snapshot = soup.select_one("#post-history .post-history__snapshot").get_text()
    assert "Festival Cisadane dibuka Sabtu ini!" in snapshot
    deliveries = {d.account.network: d for d in sent_post.deliveries.select_related("account")}
    x_row = delivery_row(soup, deliveries["x"])
    assert "Gagal" in x_row["cells"][1]
    assert x_row["cells"][5] == "X menolak isi (403): duplikat."
    assert x_row["buttons"] == ["Coba lagi", "Batalkan"]
    telegram_row = delivery_row(soup, deliveries["telegram"])
    assert telegram_row["buttons"] == []
    link = soup.select_one(f"#delivery-{deliveries['telegram'].pk} a")
    assert link["href"] == "https://t.me/kotatangerang/777"
    webhook_row = delivery_row(soup, deliveries["webhook"])
    assert webhook_row["cells"][2].endswith("WIB")
    assert webhook_row["buttons"] == ["Batalkan"]


def test_posting_the_form_of_a_sent_post_changes_nothing(client, manager, accounts, sent_post):
    response = client.post(edit_url(sent_post), {"text": "Diam-diam diubah"}, follow=True)

    sent_post.refresh_from_db()
    assert sent_post.text == "Festival Cisadane dibuka Sabtu ini! #TangerangLIVE"
    assert "tidak dapat diubah" in page_text(response)


def test_retrying_a_failed_delivery_schedules_it_now(client, manager, accounts, sent_post):
    failed = sent_post.deliveries.get(account=accounts["x"])

    response = client.post(reverse("campaigns_post:retry_delivery", args=[failed.pk]), follow=True)

    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SCHEDULED
    assert "dijadwalkan ulang" in page_text(response)


def test_cancelling_a_published_delivery_is_refused_in_plain_words(
    client, manager, accounts, sent_post
):
    published = sent_post.deliveries.get(account=accounts["telegram"])

    response = client.post(
        reverse("campaigns_post:cancel_delivery", args=[published.pk]), follow=True
    )

    published.refresh_from_db()
    assert published.status == DeliveryStatus.PUBLISHED
    assert "berstatus \u201cTerbit\u201d tidak dapat dibatalkan" in page_text(response)


def test_cancelling_the_post_stops_what_has_not_gone_out(client, manager, accounts, sent_post):
    client.post(reverse("campaigns_post:cancel", args=[sent_post.pk]))

    statuses = {d.account.network: d.status for d in sent_post.deliveries.all()}
    assert statuses == {
        "x": DeliveryStatus.CANCELLED,
        "telegram": DeliveryStatus.PUBLISHED,
        "webhook": DeliveryStatus.CANCELLED,
    }


def test_listing_shows_status_time_in_wib_and_accounts(client, manager, accounts):
    post([accounts["x"], accounts["telegram"]], author=manager, text="Pengumuman banjir")
    post([accounts["x"]], author=manager, text="Car free day", send_now=True)

    rows = table_rows(client.get(reverse("campaigns_post:index") + "?q=banjir"))

    assert len(rows) == 1
    title, status, schedule, targets = rows[0][:4]
    assert title.startswith("Pengumuman banjir")
    assert status == "Draf"
    assert schedule.endswith(" WIB")
    assert targets == "X @kota_x, Telegram @kota_telegram"


def test_head_filters_the_listing_to_posts_waiting_for_approval(client, users, accounts):
    from campaigns import approvals

    waiting = post([accounts["x"]], author=users["social"], text="Menunggu keputusan")
    approvals.submit(waiting, users["social"])
    post([accounts["x"]], author=users["social"], text="Masih draf")
    client.force_login(users["head"])

    rows = table_rows(client.get(reverse("campaigns_post:index") + "?status=pending_approval"))

    assert [row[0].split(" ")[0:2] for row in rows] == [["Menunggu", "keputusan"]]
