"""The bench's stand-in for a city-app webhook: a local HTTP server, in a process of its own,
that accepts each post after a fixed delay and counts the create calls per idempotency key
(``make bench-dispatch``, scripts/bench_dispatch.py)."""

import json
import multiprocessing
import threading
import time
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(ThreadingHTTPServer):
    """A city-app webhook on 127.0.0.1 that takes ``delay`` seconds to accept each post.
    It runs in a process of its own (``start_receiver``), so it never competes with the
    tick for this process's interpreter; ``GET /_calls`` answers the counts."""

    daemon_threads = True
    request_queue_size = 1024  # the worker's threads connect at once

    def __init__(self, delay: float):
        super().__init__(("127.0.0.1", 0), _ReceiverHandler)
        self.delay = delay
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()


class _ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver
    protocol_version = "HTTP/1.1"  # keep-alive, as a platform's API answers
    # Headers and body leave as two writes: with Nagle's algorithm the body would wait for
    # the client's delayed ACK (40 ms), and the receiver, not the dispatcher, would be slow.
    disable_nagle_algorithm = True

    def parse_request(self) -> bool:
        self.arrived = time.monotonic()  # the request line is in: the answer time starts
        return super().parse_request()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        key = self.headers.get("Idempotency-Key", "")
        with self.server.lock:
            self.server.calls[key] += 1
        # Answered ``delay`` after the request arrived, as a platform's answer time is
        # measured: this server's own reading and counting are part of it, not added to it.
        time.sleep(max(0.0, self.server.delay - (time.monotonic() - self.arrived)))
        self._answer(201, {"id": key, "url": f"https://app.tangerangkota.go.id/p/{key}"})

    def do_GET(self):
        if self.path == "/_calls":
            with self.server.lock:
                self._answer(200, dict(self.server.calls))
            return
        key = self.path.rsplit("/", 1)[-1]
        found = key in self.server.calls
        self._answer(200 if found else 404, {"id": key} if found else {"error": "tidak ada"})

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def _serve(delay: float, port_pipe) -> None:
    server = Receiver(delay)
    port_pipe.send(server.server_address[1])
    server.serve_forever()


class ReceiverProcess:
    """The receiver, serving from a process of its own."""

    def __init__(self, delay: float):
        parent, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("spawn").Process(
            target=_serve, args=(delay, child), daemon=True
        )
        self.process.start()
        self.port = parent.recv()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/posts"

    def calls(self) -> Counter:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_calls", timeout=30) as r:
            return Counter(json.loads(r.read()))

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(10)
