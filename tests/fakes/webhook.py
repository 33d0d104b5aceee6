"""A city-app webhook receiver that behaves like the contract in campaigns/networks/webhook.py:
signed JSON creates counted by idempotency key, repeats dropped, ``GET <url>/<key>`` read-back."""

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from campaigns.networks.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, sign_read_back

SECRET = "webhook-rahasia"  # the factories' webhook secret


@dataclass
class Answer:
    """How the receiver answers one account's create calls."""

    status: int = 201
    error: str = ""
    retry_after: int | None = None
    delay: float = 0.0  # seconds to wait after accepting, before answering
    hold: bool = False  # accept, then answer only when released


class Receiver:
    """A city-app webhook receiver (threaded, 127.0.0.1), one path per account.

    ``POST /<account>/posts`` checks the signature and counts every create call by its
    Idempotency-Key; a 2xx answer means the post is accepted, and a repeat of an accepted key
    gets the same post back (the receiver drops repeats). ``GET /<account>/posts/<key>``
    answers 200 when it has the post, 404 when it does not.
    """

    def __init__(self):
        self.server = HTTPServer(host="127.0.0.1", threaded=True)
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()  # create calls per idempotency key
        self.checks: Counter[str] = Counter()  # reconcile look-ups per key
        self.accepted: dict[str, str] = {}  # key → the receiver's post id
        self.answers: dict[str, Answer] = {}
        self.released = threading.Event()
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    def url(self, account: str) -> str:
        return self.server.url_for(f"/{account}/posts")

    def answer(self, account: str, answer: Answer) -> None:
        self.answers[account] = answer

    def _handle(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")
        body = request.get_data()
        timestamp = request.headers.get(TIMESTAMP_HEADER, "")
        if request.method == "GET":  # a read-back signs its path: "<ts>.GET <path>"
            expected = sign_read_back(SECRET, timestamp, request.full_path.rstrip("?"))
        else:
            expected = sign(SECRET, timestamp, body)
        if request.headers.get(SIGNATURE_HEADER) != expected:
            return _json({"error": "tanda tangan salah"}, 401)
        if request.method == "GET" and len(parts) == 3:
            with self.lock:
                self.checks[parts[2]] += 1
                remote = self.accepted.get(parts[2])
            if remote is None:
                return _json({"error": "tidak ada"}, 404)
            return _json({"id": remote, "url": f"https://app.tangerangkota.go.id/p/{remote}"})
        if request.method != "POST" or len(parts) != 2:
            return _json({"error": "tidak dikenal"}, 405)
        return self._create(parts[0], request.headers.get("Idempotency-Key", ""))

    def _create(self, account: str, key: str) -> Response:
        answer = self.answers.get(account, Answer())
        with self.lock:
            self.calls[key] += 1
            if answer.status < 300 or key in self.accepted:
                remote = self.accepted.setdefault(key, f"app-{len(self.accepted) + 1}")
            else:
                remote = None
        if remote is None:
            headers = {"Retry-After": str(answer.retry_after)} if answer.retry_after else {}
            return _json({"error": answer.error or "galat"}, answer.status, headers)
        if answer.delay:
            time.sleep(answer.delay)
        if answer.hold:
            self.released.wait(60)
        return _json({"id": remote, "url": f"https://app.tangerangkota.go.id/p/{remote}"}, 201)


def _json(data: dict, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(data), status, headers, content_type="application/json")
