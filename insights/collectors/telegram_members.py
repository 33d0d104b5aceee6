"""Telegram: the channel's member count (the Bot API gives no view counts), read with the
publishing bot's token. The token is part of the URL, so no URL goes into a message."""

from django.conf import settings

from campaigns.networks import telegram
from campaigns.networks.http import json_or_empty

from ..models import Metric
from .reading import CollectFailed, Reading, failure, fetch, number

PLATFORM = "Telegram"


def collect_telegram(reading: Reading) -> None:
    token = reading.credentials.get("bot_token", "")
    response = fetch(
        PLATFORM,
        reading.http,
        "GET",
        f"{settings.TELEGRAM_API_URL}/bot{token}/getChatMemberCount",
        params={"chat_id": reading.account.external_id},
    )
    body = json_or_empty(response)
    if not (response.ok and body.get("ok")):
        raise failure(telegram.error_for(response, body, token), response, PLATFORM, token)
    members = number(body.get("result"))
    if members is None:
        raise CollectFailed("Telegram tidak memberi jumlah anggota kanal.")
    reading.write([reading.account_sample(Metric.MEMBERS, reading.today, members)])
