"""`make smoke`: boot the embedded default from nothing and crawl it; fail on any 5xx.

The embedded default (`make run`: ``cms.settings.dev``, a SQLite file, the file cache and
kombu's filesystem broker) is what a new user meets first, yet the suite runs on
PostgreSQL and Redis. This script:

1. makes a fresh folder for VAR_DIR and MEDIA_ROOT, drops every variable that would point
   at PostgreSQL or Redis, and refuses any network connection from then on (an audit
   hook), so the crawl proves the default needs neither;
2. migrates and loads the demo content (``seed_demo``) into a new SQLite file;
3. as every demo role, follows the links of the admin (its menu, listings, filters, a
   search on every search form) from ``/admin/``, and as a reader the site's pages, feeds,
   sitemap and API roots, through Django's test client in this process;
4. prints the pages seen per role and every 5xx with its URL, role and traceback; exits 1
   when there was one.

Only GET requests: nothing that deletes, logs out, unpublishes or reverts is followed.
Each distinct view (a URL with its numbers blanked) is visited at most ``--per-pattern``
times, which keeps the crawl to a few minutes.
"""

import argparse
import html
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
# Never followed: they change or end something (Wagtail shows a confirmation for most on
# GET, but a crawl has no business there), or count a visit.
SKIPPED = re.compile(
    r"delete|logout|unpublish|revert|/lock/|/unlock/|/disable/|/bulk/|/l/|/v/",
    re.IGNORECASE,
)
# What a reader may reach: everything but the admin, files and renditions.
READER_EXCLUDED = ("/admin/", "/django-admin/", "/media/", "/static/", "/images/")
READER_SEEDS = (
    "/",
    "/cari/?q=banjir",
    "/cari/?q=",
    "/rss/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/campaigns/v1/schema/",
    "/api/campaigns/v1/docs/",
    "/halaman-yang-tidak-ada/",
)
SEARCH_TERM = "demo"
# Links outside hrefs: the admin's sidebar is JSON (quoted paths), the sitemap, feeds and
# API name absolute URLs.
TEXT_URL = re.compile(
    r"""https?://(?:testserver|localhost|127\.0\.0\.1)(?::\d+)?(/[^\s"'<>\\]*)"""
    r"""|"(/[^\s"'<>\\]*)"""
)
# Query parameters that only say where to go back to: not part of what a page shows.
IGNORED_PARAMETERS = {"next"}


class LinkParser(HTMLParser):
    """The hrefs of a page, and the action of each GET form with a ``q`` field."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.search_forms: list[str] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            method = (attributes.get("method") or "get").lower()
            self._form = {"action": attributes.get("action") or "", "get": method == "get"}
        elif tag == "input" and self._form and self._form["get"] and attributes.get("name") == "q":
            self.search_forms.append(self._form["action"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def links_in(body: str, content_type: str, *, in_text: str = "") -> tuple[list[str], list[str]]:
    """(links, search form actions) found in a response body. ``in_text``: also take the
    quoted paths under this prefix from the raw text (JSON props, XML, API answers)."""
    links: list[str] = []
    forms: list[str] = []
    if "html" in content_type:
        parser = LinkParser()
        parser.feed(body)
        links, forms = parser.links, parser.search_forms
    if in_text is not None:
        text = html.unescape(body).replace("\\/", "/").replace("\\u0026", "&")
        for match in TEXT_URL.finditer(text):
            path = match.group(1) or match.group(2)
            if path.startswith(in_text) and path != "/":
                links.append(path)
    return links, forms


def blank(text: str) -> str:
    """Numbers blanked: ``/admin/pages/12/edit/`` and ``/admin/pages/40/edit/`` are one view."""
    return re.sub(r"\d+", "N", text)


@dataclass
class Failure:
    role: str
    url: str
    status: int
    referrer: str
    error: str = ""


@dataclass
class Outcome:
    role: str
    pages: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    visited: list[tuple[int, str, float]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


class Crawler:
    """Breadth-first GETs from ``seeds`` through a Django test client, inside ``scope``
    (a predicate on paths), at most ``per_pattern`` URLs per view and ``limit`` in all."""

    def __init__(
        self,
        client,
        role: str,
        scope: Callable[[str], bool],
        *,
        per_pattern: int = 2,
        limit: int = 600,
        text_links: str | None = None,
        view_of: Callable[[str], str] = blank,
        parameters: set | None = None,
    ):
        self.client, self.role, self.scope = client, role, scope
        self.per_pattern, self.limit, self.text_links = per_pattern, limit, text_links
        self.view_of = view_of
        self.seen: set[str] = set()
        self.paths_per_view: Counter = Counter()
        # Shared between crawlers: a sort order or a filter is tried once, by the first role
        # that meets it; every role still sees every view.
        self.parameters: set[tuple[str, str, str]] = set() if parameters is None else parameters
        self.queue: deque[tuple[str, str]] = deque()
        self.error = ""

    def admit(self, url: str, referrer: str) -> None:
        """Queue ``url`` if it is local, in scope, not skipped and new: a path with no query
        while its view has had fewer than ``per_pattern``; with a query, when one of its
        parameters (by name and blanked value, sign dropped) is new for that view."""
        parts = urlsplit(urljoin(referrer or "/", html.unescape(url.strip())))
        if parts.scheme not in ("", "http", "https") or (parts.hostname or "") not in LOCAL_HOSTS:
            return
        if not self.scope(parts.path) or SKIPPED.search(parts.path):
            return
        query = [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if key not in IGNORED_PARAMETERS
        ]
        local = parts.path + (f"?{urlencode(query)}" if query else "")
        if local in self.seen:
            return
        if query:
            view = blank(parts.path)
            new = {(view, key, blank(value).lstrip("-")) for key, value in query}
            if new <= self.parameters:
                return
            self.parameters.update(new)
        else:
            view = self.view_of(parts.path)
            if self.paths_per_view[view] >= self.per_pattern:
                return
            self.paths_per_view[view] += 1
        self.seen.add(local)
        self.queue.append((local, referrer))

    def run(self, seeds: Iterable[str]) -> Outcome:
        from django.core.signals import got_request_exception

        outcome = Outcome(self.role)
        started = time.monotonic()

        def remember(sender, request=None, **kwargs):
            self.error = traceback.format_exc()

        got_request_exception.connect(remember, weak=False)
        try:
            for seed in seeds:
                self.admit(seed, "")
            while self.queue and outcome.pages < self.limit:
                url, referrer = self.queue.popleft()
                self.visit(url, referrer, outcome)
        finally:
            got_request_exception.disconnect(remember)
        outcome.seconds = time.monotonic() - started
        return outcome

    def visit(self, url: str, referrer: str, outcome: Outcome) -> None:
        self.error = ""
        began = time.monotonic()
        try:
            response = self.client.get(url, HTTP_REFERER=referrer)
        except Exception:  # the test client re-raises what a view raised: a 500
            outcome.pages += 1
            outcome.statuses[500] += 1
            outcome.failures.append(
                Failure(self.role, url, 500, referrer, self.error or traceback.format_exc())
            )
            return
        outcome.pages += 1
        outcome.statuses[response.status_code] += 1
        outcome.visited.append((response.status_code, url, time.monotonic() - began))
        if response.status_code >= 500:
            outcome.failures.append(
                Failure(self.role, url, response.status_code, referrer, self.error)
            )
            return
        if response.status_code in (301, 302, 303, 307, 308):
            self.admit(response["Location"], url)
            return
        if response.status_code != 200 or getattr(response, "streaming", False):
            return
        content_type = response.get("Content-Type", "")
        if not any(kind in content_type for kind in ("html", "xml", "json", "rss")):
            return
        body = response.content.decode(response.charset or "utf-8", "replace")
        links, forms = links_in(body, content_type, in_text=self.text_links)
        for link in links:
            self.admit(link, url)
        for action in forms:
            target = urljoin(url, action or url)
            separator = "&" if "?" in target else "?"
            self.admit(f"{target}{separator}q={SEARCH_TERM}", url)


def page_types() -> Callable[[str], str]:
    """A view key for admin URLs that tells page types apart where the screen differs by
    type: the explorer and the edit form (and its preview) of an article are not an
    edition's. Other page screens (history, usage, move, …) are one view whatever the type."""
    from wagtail.models import Page

    models = dict(Page.objects.values_list("id", "content_type__model"))

    def view_of(path: str) -> str:
        found = re.fullmatch(r"/admin/pages/(\d+)/((?:edit/(?:preview/)?)?)", path)
        if found:
            return f"/admin/pages/{models.get(int(found[1]), 'N')}/{found[2]}"
        return blank(path)

    return view_of


def reader_view(path: str) -> str:
    """Reader pages by kind: two articles of a publication, two topics of each kind, …
    (the API's first three segments name the endpoint)."""
    parts = [part for part in path.split("/") if part]
    keep = 3 if parts[:1] == ["api"] else 1
    return blank("/" + "/".join(parts[:keep] + ["*"] * len(parts[keep:])))


def admin_scope(path: str) -> bool:
    return path.startswith("/admin/") and not path.startswith("/admin/login")


def reader_scope(path: str) -> bool:
    return not path.startswith(READER_EXCLUDED)


# --- booting the embedded default ------------------------------------------------------

# Variables that would take the default away from SQLite, the file cache and the
# filesystem broker (the isolation variables of a developer's shell, for instance).
SERVER_VARIABLES = (
    "DATABASE_URL",
    "CACHE_URL",
    "CACHE_KEY_PREFIX",
    "CELERY_BROKER_URL",
    "TRAFFIC_REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "EMAIL_BACKEND",
)


def embedded_environment(var_dir: Path) -> None:
    for name in SERVER_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        PUBLIC_BASE_URL="http://127.0.0.1:8000",
        LOG_LEVEL="WARNING",
    )
    for folder in ("broker", "broker-processed", "broker-control", "media"):
        (var_dir / folder).mkdir(parents=True, exist_ok=True)


def refuse_network() -> None:
    """From here on, any TCP connection (PostgreSQL, Redis, the internet) is an error."""

    def hook(event: str, args: tuple) -> None:
        if event == "socket.connect" and args[0].family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"the embedded default must not connect to {args[1]!r}")

    sys.addaudithook(hook)


def check_embedded(settings) -> None:
    """The settings really are the embedded default's (else the crawl proves nothing)."""
    found = {
        "database": settings.DATABASES["default"]["ENGINE"],
        "cache": settings.CACHES["default"]["BACKEND"],
        "broker": settings.CELERY_BROKER_URL,
        "traffic": settings.TRAFFIC_REDIS_URL,
    }
    expected = {
        "database": found["database"] == "django.db.backends.sqlite3",
        "cache": found["cache"].endswith("FileBasedCache"),
        "broker": found["broker"].startswith("filesystem://"),
        "traffic": not found["traffic"],
    }
    wrong = [f"{part}: {found[part]!r}" for part, ok in expected.items() if not ok]
    if wrong:
        raise SystemExit("Not the embedded default: " + ", ".join(wrong))


def boot(var_dir: Path) -> None:
    embedded_environment(var_dir)
    refuse_network()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    check_embedded(settings)
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"Migrated and seeded a new SQLite database in {time.monotonic() - started:.1f} s")


def crawl_all(per_pattern: int, limit: int, roles: str | None = None) -> list[Outcome]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from demo.content import USERS

    outcomes = []
    wanted = set(roles.split(",")) if roles else None
    parameters: set = set()
    for demo in USERS:
        if wanted and demo.username not in wanted:
            continue
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=demo.username))
        crawler = Crawler(
            client,
            demo.username,
            admin_scope,
            per_pattern=per_pattern,
            limit=limit,
            text_links="/admin/",
            view_of=page_types(),
            parameters=parameters,
        )
        outcomes.append(crawler.run(["/admin/"]))
        report_progress(outcomes[-1])
    if wanted and "reader" not in wanted:
        return outcomes
    reader = Crawler(
        Client(raise_request_exception=False),
        "reader",
        reader_scope,
        per_pattern=per_pattern,
        limit=limit,
        text_links="/",
        view_of=reader_view,
    )
    outcomes.append(reader.run(READER_SEEDS))
    report_progress(outcomes[-1])
    return outcomes


def report_progress(outcome: Outcome) -> None:
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(outcome.statuses.items()))
    print(
        f"  {outcome.role:<22} {outcome.pages:4} pages in {outcome.seconds:5.1f} s  ({statuses})",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-pattern", type=int, default=1, help="URLs per view at most")
    parser.add_argument("--limit", type=int, default=600, help="pages per role at most")
    parser.add_argument("--keep", action="store_true", help="keep the temporary VAR_DIR")
    parser.add_argument("--roles", help="only these roles (comma-separated usernames, reader)")
    parser.add_argument("--list", type=Path, help="write every URL visited to this file")
    args = parser.parse_args()
    started = time.monotonic()
    var_dir = Path(tempfile.mkdtemp(prefix="benteng-smoke-"))
    try:
        boot(var_dir)
        outcomes = crawl_all(args.per_pattern, args.limit, args.roles)
    finally:
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    if args.list:
        with args.list.open("w") as listing:
            for outcome in outcomes:
                for status, url, seconds in outcome.visited:
                    listing.write(f"{outcome.role} {status} {seconds * 1000:.0f} {url}\n")
    failures = [failure for outcome in outcomes for failure in outcome.failures]
    pages = sum(outcome.pages for outcome in outcomes)
    print(f"Smoke crawl: {pages} pages in {time.monotonic() - started:.0f} s")
    for failure in failures:
        print(f"\n{failure.status} {failure.url}  as {failure.role}  (from {failure.referrer})")
        print("\n".join(failure.error.strip().splitlines()[-12:]))
    if failures:
        print(f"\n{len(failures)} server errors.", file=sys.stderr)
        return 1
    print(json.dumps({o.role: o.pages for o in outcomes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
