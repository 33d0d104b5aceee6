"""One threaded local HTTP server that the fake platforms mount themselves on.

The server runs in the pytest process (a pytest-httpserver ``HTTPServer`` in its own
thread, handling each request in a thread so a slow answer does not block the next one),
so a Celery worker in another process talks to it over real HTTP while every fake's state
stays here, where the test can read it. It also serves files under ``/site/`` so a fake
platform (or an adapter) can download images from "the public site": registered bytes
first, then ``MEDIA_ROOT`` for ``/site/media/...`` paths.
"""

import io
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


class FakeServer:
    def __init__(self) -> None:
        self.http = HTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.mounts: list[FakePlatform] = []
        self.files: dict[str, bytes] = {}
        self.http.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def start(self) -> "FakeServer":
        self.http.start()
        return self

    def stop(self) -> None:
        if self.http.is_running():
            self.http.stop()

    def url_for(self, path: str) -> str:
        return self.http.url_for(path)

    @property
    def public_base_url(self) -> str:
        """Use as ``PUBLIC_BASE_URL`` so renditions under ``MEDIA_URL`` are downloadable."""
        return self.url_for("/site")

    def add_image(self, name: str = "foto.jpg", width=1080, height=1080) -> str:
        """A JPEG served at ``/site/_images/<name>``; returns its absolute URL."""
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), "#1d6f42").save(buffer, "JPEG")
        self.files[f"/site/_images/{name}"] = buffer.getvalue()
        return self.url_for(f"/site/_images/{name}")

    def mount(self, fake: "FakePlatform") -> None:
        self.mounts.append(fake)

    def unmount(self, fake: "FakePlatform") -> None:
        self.mounts.remove(fake)

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/site/"):
            return self._serve_file(request.path)
        for fake in list(self.mounts):
            if fake.handles(request):
                return fake.dispatch(request)
        return json_response({"error": f"no fake platform handles {request.path}"}, 404)

    def _serve_file(self, path: str) -> Response:
        if path in self.files:
            return Response(self.files[path], content_type="image/jpeg")
        media_prefix = "/site" + settings.MEDIA_URL
        if path.startswith(media_prefix):
            root = Path(settings.MEDIA_ROOT).resolve()
            target = (root / path[len(media_prefix) :]).resolve()
            if target.is_relative_to(root) and target.is_file():
                return Response(target.read_bytes(), content_type="image/jpeg")
        return Response("not found", status=404)


@dataclass
class Fault:
    """A programmed answer for the next matching request(s)."""

    routes: frozenset[str]
    status: int | None  # None: answer normally (only slow)
    body: dict | None
    headers: dict
    apply: bool  # carry the request out first (the post exists), then answer the fault
    delay: float  # seconds to wait before answering (after carrying it out, when applied)
    times: int


@dataclass
class Call:
    """One request the fake received, with its parameters merged (query, form, JSON)."""

    route: str
    method: str
    path: str
    params: dict
    headers: dict
    body_kind: str  # "json", "form", "multipart" or "none"
    files: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)  # the URL's own parameters


class FakePlatform:
    """What every fake shares: routing, a request log, programmed faults, a lock.

    Subclasses set ``prefix``, ``aliases`` and ``create_routes`` and implement ``route``
    (path → route name and arguments, or ``None``), ``answer`` and ``error_body``."""

    prefix = ""
    aliases: dict[str, frozenset[str]] = {}
    create_routes: frozenset[str] = frozenset()
    default_fault_route = "*"

    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.lock = threading.RLock()
        self.calls: list[Call] = []
        self.created: list[dict] = []  # what the public can see, oldest first
        self.faults: list[Fault] = []

    # --- what tests read -------------------------------------------------------------
    @property
    def create_calls(self) -> int:
        """Requests that could make something public (successful or not)."""
        return len(self.calls_to(*self.create_routes))

    def calls_to(self, *routes: str) -> list[Call]:
        wanted = self._expand(routes)
        return [call for call in self.calls if call.route in wanted]

    @property
    def api_url(self) -> str:
        return self.server.url_for(self.prefix)

    def image_url(self, name: str = "foto.jpg", width=1080, height=1080) -> str:
        return self.server.add_image(name, width, height)

    # --- what tests program ----------------------------------------------------------
    def fail_next(
        self,
        status: int = 500,
        body: dict | None = None,
        *,
        endpoint: str | None = None,
        headers: dict | None = None,
        times: int = 1,
        apply: bool = False,
        delay: float = 0.0,
    ) -> None:
        """The next ``times`` requests to ``endpoint`` (a route, an alias or ``*``) answer
        ``status`` with ``body`` (default: the platform's own error body for that status).
        ``apply=True`` carries the request out first, as a platform that fails after acting
        does; ``delay`` waits that many seconds before answering."""
        routes = self._expand([endpoint or self.default_fault_route])
        with self.lock:
            self.faults.append(
                Fault(routes, status, body, dict(headers or {}), apply, delay, times)
            )

    def slow_next(self, delay: float, *, endpoint: str | None = None, times: int = 1) -> None:
        """Carry out the next request(s), record them, then wait ``delay`` s before answering
        (so the client times out while the post already exists)."""
        routes = self._expand([endpoint or self.default_fault_route])
        with self.lock:
            self.faults.append(Fault(routes, None, None, {}, True, delay, times))

    # --- the server side -------------------------------------------------------------
    def handles(self, request: Request) -> bool:
        path = request.path
        return path.startswith(self.prefix + "/") and self.route(request.method, path) is not None

    def dispatch(self, request: Request) -> Response:
        call = self._record(request)
        with self.lock:
            fault = self._take_fault(call.route)
            carry_out = fault is None or fault.apply
            response = self.answer(call, request) if carry_out else None
        if fault is None:
            return response
        if fault.delay:
            time.sleep(fault.delay)
        if fault.status is None:
            return response
        body = fault.body if fault.body is not None else self.error_body(fault.status)
        return json_response(body, fault.status, fault.headers)

    def route(self, method: str, path: str) -> tuple[str, tuple] | None:
        raise NotImplementedError

    def answer(self, call: Call, request: Request) -> Response:
        raise NotImplementedError

    def error_body(self, status: int) -> dict:
        raise NotImplementedError

    def _record(self, request: Request) -> Call:
        routed = self.route(request.method, request.path)
        name = routed[0] if routed else "unknown"
        params: dict = dict(request.args.items())
        kind = "none"
        if request.mimetype == "application/json":
            kind = "json"
            body = request.get_json(silent=True)
            if isinstance(body, dict):
                params |= body
        elif request.mimetype == "multipart/form-data":
            kind = "multipart"
            params |= dict(request.form.items())
        elif request.form:
            kind = "form"
            params |= dict(request.form.items())
        files = {name: storage.read() for name, storage in request.files.items()}
        call = Call(
            name,
            request.method,
            request.path,
            params,
            dict(request.headers),
            kind,
            files,
            dict(request.args.items()),
        )
        with self.lock:
            self.calls.append(call)
        return call

    def _take_fault(self, route: str) -> Fault | None:
        for fault in self.faults:
            if "*" in fault.routes or route in fault.routes:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    def _expand(self, names) -> frozenset[str]:
        routes: set[str] = set()
        for name in names:
            routes |= self.aliases.get(name, {name})
        return frozenset(routes)


def json_response(body, status: int = 200, headers: dict | None = None) -> Response:
    return Response(
        json.dumps(body), status=status, headers=headers or {}, content_type="application/json"
    )
