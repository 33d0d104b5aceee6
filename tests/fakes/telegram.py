"""A fake Telegram Bot API: ``/bot<token>/<method>`` for a channel the bot administers.

Routes (method names, for ``fail_next(endpoint=...)``): ``sendMessage``, ``sendPhoto``,
``sendMediaGroup`` (alias ``send`` = all three, the default), ``getMe``,
``getChatMemberCount`` (answers ``member_count``). Bodies may be JSON, form or query, as the
real API accepts. ``created`` holds the channel's messages.
"""

import json
import re
import time

from werkzeug import Request, Response

from .server import Call, FakePlatform, json_response

SEND = frozenset({"sendMessage", "sendPhoto", "sendMediaGroup"})


def failure(code: int, description: str, **parameters) -> dict:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


class FakeTelegram(FakePlatform):
    prefix = "/telegram"
    token = "123456:telegram-rahasia"  # tests/campaigns/factories.py DEFAULT_CREDENTIALS
    aliases = {"send": SEND}
    create_routes = SEND
    default_fault_route = "send"

    def __init__(self, server, username: str = "tangerangkota") -> None:
        super().__init__(server)
        self.chat = {
            "id": -1001000000001,
            "title": "Kota Tangerang",
            "username": username,
            "type": "channel",
        }
        self.member_count = 12_345
        self.kicked = False
        self.migrated_to: int | None = None
        self._next_message_id = 100

    @property
    def channel(self) -> str:
        return f"@{self.chat['username']}"

    def env(self) -> dict:
        return {"TELEGRAM_API_URL": self.api_url}

    # --- programming ------------------------------------------------------------------
    def retry_after(self, seconds: int, *, times: int = 1) -> None:
        self.fail_next(
            429,
            failure(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds),
            times=times,
        )

    def expire_token(self) -> None:
        """The bot's token was revoked (e.g. regenerated at @BotFather): 401 from now on."""
        self.token = "revoked"

    def kick_bot(self) -> None:
        self.kicked = True

    def migrate_chat(self, new_chat_id: int = -1002000000002) -> None:
        self.migrated_to = new_chat_id

    def error_body(self, status: int) -> dict:
        return failure(status, "Internal Server Error" if status >= 500 else "Bad Request")

    # --- routing ----------------------------------------------------------------------
    def route(self, method: str, path: str):
        match = re.fullmatch(rf"{self.prefix}/bot([^/]+)/(\w+)", path)
        return (match[2], (match[1],)) if match else None

    def answer(self, call: Call, request: Request) -> Response:
        token = self.route(call.method, call.path)[1][0]
        if token != self.token:
            return json_response(failure(401, "Unauthorized"), 401)
        handler = getattr(self, f"_{call.route}", None)
        if handler is None:
            return json_response(failure(404, "Not Found: method not found"), 404)
        needs_chat = call.route in SEND or call.route == "getChatMemberCount"
        if needs_chat and (refused := self._check_chat(call.params.get("chat_id"))):
            return refused
        return handler(call)

    def _check_chat(self, chat_id) -> Response | None:
        if chat_id in (None, ""):
            return json_response(failure(400, "Bad Request: chat_id is empty"), 400)
        if str(chat_id) not in (self.channel, str(self.chat["id"])):
            return json_response(failure(400, "Bad Request: chat not found"), 400)
        if self.kicked:
            return json_response(
                failure(403, "Forbidden: bot was kicked from the channel chat"), 403
            )
        if self.migrated_to:
            return json_response(
                failure(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    migrate_to_chat_id=self.migrated_to,
                ),
                400,
            )
        return None

    # --- the API ----------------------------------------------------------------------
    def _message(self, **content) -> dict:
        message = {
            "message_id": self._next_message_id,
            "date": int(time.time()),
            "chat": dict(self.chat),
            **content,
        }
        self._next_message_id += 1
        self.created.append(message)
        return message

    def _sendMessage(self, call: Call) -> Response:
        text = call.params.get("text", "")
        if not text.strip():
            return json_response(failure(400, "Bad Request: message text is empty"), 400)
        if len(text) > 4096:
            return json_response(failure(400, "Bad Request: message is too long"), 400)
        return json_response({"ok": True, "result": self._message(text=text)})

    def _sendPhoto(self, call: Call) -> Response:
        photo, caption = call.params.get("photo", ""), call.params.get("caption", "")
        if not photo:
            return json_response(failure(400, "Bad Request: there is no photo in the request"), 400)
        if len(caption) > 1024:
            return json_response(failure(400, "Bad Request: message caption is too long"), 400)
        content = {"photo": [{"file_id": f"fake-{photo[-12:]}"}]}
        if caption:
            content["caption"] = caption
        return json_response({"ok": True, "result": self._message(**content)})

    def _sendMediaGroup(self, call: Call) -> Response:
        media = call.params.get("media")
        if isinstance(media, str):
            try:
                media = json.loads(media)
            except ValueError:
                media = None
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            return json_response(failure(400, "Bad Request: media must include 2-10 items"), 400)
        if any(item.get("type") != "photo" or not item.get("media") for item in media):
            return json_response(failure(400, "Bad Request: wrong media in the group"), 400)
        if any(len(item.get("caption", "")) > 1024 for item in media):
            return json_response(failure(400, "Bad Request: message caption is too long"), 400)
        group = f"group-{self._next_message_id}"
        messages = []
        for item in media:
            content = {"photo": [{"file_id": "fake"}], "media_group_id": group}
            if item.get("caption"):
                content["caption"] = item["caption"]
            messages.append(self._message(**content))
        return json_response({"ok": True, "result": messages})

    def _getMe(self, call: Call) -> Response:
        bot = {"id": 123456, "is_bot": True, "first_name": "Benteng", "username": "benteng_bot"}
        return json_response({"ok": True, "result": bot})

    def _getChatMemberCount(self, call: Call) -> Response:
        return json_response({"ok": True, "result": self.member_count})
