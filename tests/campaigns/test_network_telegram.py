"""The Telegram adapter against a fake Bot API: messages, photos, albums and refusals."""

import pytest

from campaigns.networks import telegram
from campaigns.networks.base import (
    OutcomeUnknown,
    Published,
    Reconnect,
    Rejected,
    RetryLater,
)
from campaigns.networks.http import session
from tests.fakes.outgoing import outgoing

TOKEN = "123456:telegram-rahasia"
LINK = "https://bentengkota.id/koran/festival-cisadane/"


def test_text_is_sent_with_send_message_and_linked_on_the_channel(fake_telegram):
    # given words with the link composed in, to @tangerangkota
    text = telegram.compose_text("Festival Cisadane dibuka Sabtu ini!", LINK)
    # when it is published
    result = telegram.publish(outgoing(fake_telegram, text=text, link=LINK), session())
    # then sendMessage carried the chat and the text, and the permalink is public
    call = fake_telegram.calls_to("sendMessage")[0]
    assert call.body_kind == "json"
    assert call.params == {"chat_id": "@tangerangkota", "text": text}
    message_id = fake_telegram.created[0]["message_id"]
    assert result == Published(str(message_id), f"https://t.me/tangerangkota/{message_id}")


def test_one_image_is_a_photo_with_the_text_as_caption(fake_telegram):
    # given one image
    out = outgoing(fake_telegram, images=1)
    # when it is published
    telegram.publish(out, session())
    # then sendPhoto carried the image URL and the caption
    call = fake_telegram.calls_to("sendPhoto")[0]
    assert (call.params["photo"], call.params["caption"]) == (out.images[0].url, out.text)


def test_several_images_are_one_album_captioned_once(fake_telegram):
    # given three images
    out = outgoing(fake_telegram, images=3)
    # when it is published
    result = telegram.publish(out, session())
    # then one sendMediaGroup made three messages, the first carrying the caption
    assert fake_telegram.create_calls == 1
    assert [m.get("caption") for m in fake_telegram.created] == [out.text, None, None]
    assert result.remote_id == str(fake_telegram.created[0]["message_id"])


@pytest.mark.parametrize(
    ("chat", "message", "permalink"),
    [
        ("@tangerangkota", {"chat": {"username": "tangerangkota"}}, "https://t.me/tangerangkota/7"),
        ("-1001000000001", {"chat": {"username": "tangerangkota"}}, "https://t.me/tangerangkota/7"),
        ("-1001000000001", {"chat": {}}, "https://t.me/c/1000000001/7"),  # private channel
        ("123456789", {"chat": {}}, ""),  # a private chat has no link
    ],
)
def test_permalink_for_each_kind_of_chat(chat, message, permalink):
    assert telegram.permalink_for(chat, message, "7") == permalink


def test_numeric_chat_id_works_like_the_channel_name(fake_telegram):
    # given the account stores the channel's numeric id
    out = outgoing(fake_telegram, external_id="-1001000000001")
    # when it is published
    result = telegram.publish(out, session())
    # then the public link still uses the channel's name
    assert result.permalink.startswith("https://t.me/tangerangkota/")


def test_flood_control_waits_the_seconds_telegram_asks(fake_telegram):
    # given Telegram asks for a 7-second pause
    fake_telegram.retry_after(7)
    # when a post is published
    with pytest.raises(RetryLater) as caught:
        telegram.publish(outgoing(fake_telegram), session())
    # then it waits exactly that long, and nothing was sent
    assert (caught.value.kind, caught.value.wait_seconds) == ("retry", 7)
    assert fake_telegram.created == []


def test_unknown_channel_is_rejected_with_what_to_check(fake_telegram):
    # given an account pointing at a channel the bot does not know
    out = outgoing(fake_telegram, external_id="@salahketik")
    # when it is published
    with pytest.raises(Rejected) as caught:
        telegram.publish(out, session())
    # then the author is told to check the channel and the bot's admin rights
    assert "Kanal Telegram tidak ditemukan" in caught.value.message
    assert "chat not found" in caught.value.message


@pytest.mark.parametrize("trouble", ["kicked", "wrong_token"])
def test_bot_without_rights_asks_for_reconnect(fake_telegram, trouble):
    # given the bot was removed from the channel, or its token is wrong
    credentials = None
    if trouble == "kicked":
        fake_telegram.kick_bot()
    else:
        credentials = {"bot_token": "123456:salah"}
    # when a post is published
    with pytest.raises(Reconnect) as caught:
        telegram.publish(outgoing(fake_telegram, credentials=credentials), session())
    # then the account must be reconnected
    assert caught.value.kind == "reconnect"


def test_migrated_group_is_rejected_naming_the_new_chat(fake_telegram):
    # given the group was upgraded to a supergroup with a new id
    fake_telegram.migrate_chat(-1002000000002)
    # when a post is published
    with pytest.raises(Rejected) as caught:
        telegram.publish(outgoing(fake_telegram), session())
    # then the message says where it moved
    assert "pindah ke ID -1002000000002" in caught.value.message


def test_server_error_after_sending_is_an_unknown_outcome(fake_telegram):
    # given Telegram sends the message and then answers 502
    fake_telegram.fail_next(502, apply=True)
    # when a post is published
    with pytest.raises(OutcomeUnknown):
        telegram.publish(outgoing(fake_telegram), session())
    # then the message exists, and the dispatcher will not send it again blindly
    assert len(fake_telegram.created) == 1


def test_text_longer_than_a_caption_is_refused_by_telegram(fake_telegram):
    # given a caption over 1,024 characters (validation normally stops this earlier)
    out = outgoing(fake_telegram, text="a" * 1025, images=1)
    # when it is published
    with pytest.raises(Rejected) as caught:
        telegram.publish(out, session())
    # then Telegram's own reason reaches the author
    assert "caption is too long" in caught.value.message


@pytest.mark.parametrize(
    "program",
    [
        lambda fake: fake.retry_after(3),
        lambda fake: fake.kick_bot(),
        lambda fake: fake.migrate_chat(),
        lambda fake: fake.fail_next(500),
        lambda fake: fake.fail_next(400, {"ok": False, "error_code": 400, "description": TOKEN}),
    ],
)
def test_no_message_reveals_the_bot_token_or_its_url(fake_telegram, program):
    # given any refusal, even one that quotes the token
    program(fake_telegram)
    # when a post is published
    with pytest.raises((RetryLater, Rejected, Reconnect, OutcomeUnknown)) as caught:
        telegram.publish(outgoing(fake_telegram), session())
    # then neither the token nor the URL that carries it is in the message
    assert TOKEN not in caught.value.message
    assert "/bot" not in caught.value.message


def test_reconcile_asks_a_person_to_check_the_channel(fake_telegram):
    # when a delivery with an unknown outcome is reconciled
    with pytest.raises(OutcomeUnknown) as caught:
        telegram.reconcile(outgoing(fake_telegram), session())
    # then the Bot API cannot read the channel back: a person checks it
    assert "periksa kanal secara manual" in caught.value.message
    assert fake_telegram.calls == []
