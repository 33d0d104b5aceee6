"""`python scripts/admin_english.py`: list the English left in the admin, role by role.

The admin is Indonesian for everyone (no LocaleMiddleware, LANGUAGE_CODE "id"), but
Wagtail's own ``id_ID`` catalogue translates only a few hundred of its strings, so a
screen can still say "History" or "Collapse all". This script boots the embedded default
like ``scripts/smoke_crawl.py`` (a fresh SQLite file and the demo content), crawls the
admin as every demo role with an English browser, and collects the visible text and the
``title``, ``aria-label``, ``placeholder`` and ``alt`` attributes of every page. A piece
of text is flagged when it is the English msgid of an installed package's catalogue
(Wagtail, Django, taggit) that the active Indonesian catalogues do not translate, with
``%(name)s``/``{name}`` placeholders matching any value.

Prints each flagged msgid with the number of pages and one URL where it was seen, then
``N English strings`` and exits 1 when there is any.
"""

import argparse
import ast
import json
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import smoke_crawl

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
TAG = re.compile(r"<[^>]+>")
IDENTIFIER = re.compile(r"[a-z0-9_.:/-]+")  # names and icons in JSON props, not words
HIDDEN = {"script", "style", "template", "noscript"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# "{}st": a placeholder inside a word (an ordinal) would match any word.
GLUED = re.compile(rf"[A-Za-z](?:{PLACEHOLDER.pattern})|(?:{PLACEHOLDER.pattern})[A-Za-z]")
# Words that read the same in Indonesian or are names: never a finding.
SAME = {"Id", "Url", "Status", "Email", "Admin", "Wagtail", "Ok", "Pdf", "Html", "Slug", "Tag"}


def po_entries(path: Path):
    """(context, msgid, msgid_plural) of every entry of a .po file."""
    entry: dict[str, str] = {}
    key = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if entry.get("msgid"):
                yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
            entry, key = {}, None
        elif line.startswith('"'):
            if key:
                entry[key] += ast.literal_eval(line)
        elif not line.startswith("#"):
            key, _, value = line.partition(" ")
            key = None if key.startswith("msgstr") else key
            if key:
                entry[key] = ast.literal_eval(value)


def missing(domain: str) -> dict[str, tuple]:
    """msgid -> (context, msgid, plural) of the English catalogues of the installed
    packages (Wagtail, Django, taggit) for ``domain`` that Indonesian does not translate."""
    import django
    from django.utils.translation.trans_real import DjangoTranslation

    catalogue = DjangoTranslation("id", domain=domain)._catalog
    site = Path(django.__file__).resolve().parent.parent
    entries: dict[str, tuple] = {}
    # The admin's script catalogue is Wagtail's alone (JavaScriptCatalog of wagtail.admin).
    folder = "wagtail/admin" if domain == "djangojs" else "*"
    for path in sorted(site.glob(f"{folder}/**/locale/en/LC_MESSAGES/{domain}.po")):
        for context, msgid, plural in po_entries(path):
            key = f"{context}\x04{msgid}" if context else msgid
            if key not in catalogue and (key, 0) not in catalogue:
                entries.setdefault(msgid, (context, msgid, plural))
    return entries


def untranslated(entries: dict[str, tuple]) -> tuple[dict[str, str], list[tuple]]:
    """Exact texts, and patterns for msgids with placeholders, each mapped to the msgid
    it reports."""
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern, str]] = []
    for _context, msgid, plural in entries.values():
        for english in filter(None, (msgid, plural)):
            # A msgid with markup shows on screen as pieces: each piece of two words or more.
            pieces = [normal(piece) for piece in TAG.split(english)]
            if len(pieces) > 1:
                pieces = [p for p in pieces if len(PLACEHOLDER.sub("", p).split()) > 1]
            for text in pieces:
                add_text(text, msgid, exact, patterns)
    return exact, patterns


def add_text(text: str, msgid: str, exact: dict, patterns: list) -> None:
    """Remember ``text`` as showing ``msgid``: exact, or as a pattern when it has
    placeholders (numbers for %d, any short text otherwise)."""
    if not re.search("[A-Za-z]{2}", PLACEHOLDER.sub("", text)) or GLUED.search(text):
        return
    if text.strip(" :").capitalize() in SAME:
        return
    if not PLACEHOLDER.search(text):
        exact.setdefault(text, msgid)
        return
    parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
    values = [r"\d+" if found.endswith("d") else ".{1,80}?" for found in PLACEHOLDER.findall(text)]
    pattern = parts[0] + "".join(v + p for v, p in zip(values, parts[1:], strict=True))
    patterns.append((re.compile(pattern, re.DOTALL), msgid))


def skeleton(entries) -> str:
    """.po entries with empty msgstr, to be translated into locale/id."""
    quote = json.dumps
    lines = []
    for context, msgid, plural in entries:
        if context:
            lines.append(f"msgctxt {quote(context, ensure_ascii=False)}")
        lines.append(f"msgid {quote(msgid, ensure_ascii=False)}")
        if plural:
            lines += [f"msgid_plural {quote(plural, ensure_ascii=False)}", 'msgstr[0] ""']
        else:
            lines.append('msgstr ""')
        lines.append("")
    return "\n".join(lines)


def normal(text: str) -> str:
    return " ".join(text.split())


class TextParser(HTMLParser):
    """Visible text nodes and labelling attributes of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.hidden = 0
        self.json = False

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
            self.json = tag == "script" and ("type", "application/json") in attrs
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.texts.append(normal(value))

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
            self.json = False

    def handle_data(self, data):
        if self.json:  # Wagtail's sidebar and other JS props carry labels as JSON
            strings = (normal(value) for value in json_strings(data))
            self.texts.extend(text for text in strings if not IDENTIFIER.fullmatch(text))
        elif not self.hidden and data.strip():
            self.texts.append(normal(data))


def json_strings(data: str):
    try:
        stack = [json.loads(data)]
    except ValueError:
        return
    while stack:
        value = stack.pop()
        if isinstance(value, str) and value.strip():
            yield value
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def texts_of(body: str) -> list[str]:
    parser = TextParser()
    parser.feed(body)
    return parser.texts


def find_english(texts: dict[str, set], exact, patterns) -> dict[str, set]:
    """msgid -> pages of every text that is an untranslated msgid."""
    found: dict[str, set] = defaultdict(set)
    for text, pages in texts.items():
        stripped = text.removesuffix(" - Wagtail").strip(" :.…*")
        # "Exploring: Koran": a heading made of a label and a name.
        label = stripped.partition(": ")[0]
        # Model field names are lower case in the catalogue and capitalised on screen.
        lowered = stripped[:1].lower() + stripped[1:]
        for candidate in (text, stripped, stripped + ":", label, lowered):
            if candidate in exact:
                found[exact[candidate]] |= pages
                break
        else:
            for pattern, msgid in patterns:
                if pattern.fullmatch(text):
                    found[msgid] |= pages
                    break
    return found


def make_client(texts: dict[str, set], role: str):
    from django.test import Client

    class EnglishBrowser(Client):
        def get(self, path, *args, **extra):
            response = super().get(path, *args, **{**ENGLISH_BROWSER, **extra})
            kind = response.get("Content-Type", "")
            if response.status_code == 200 and "html" in kind and not response.streaming:
                for text in texts_of(response.content.decode(response.charset or "utf-8")):
                    texts[text].add(f"{role} {path}")
            return response

    return EnglishBrowser(raise_request_exception=False)


def crawl(texts: dict[str, set], per_pattern: int, limit: int) -> None:
    from django.contrib.auth import get_user_model

    from demo.content import USERS

    parameters: set = set()
    for demo in USERS:
        client = make_client(texts, demo.username)
        client.force_login(get_user_model().objects.get(username=demo.username))
        crawler = smoke_crawl.Crawler(
            client,
            demo.username,
            smoke_crawl.admin_scope,
            per_pattern=per_pattern,
            limit=limit,
            text_links="/admin/",
            view_of=smoke_crawl.page_types(),
            parameters=parameters,
        )
        smoke_crawl.report_progress(crawler.run(["/admin/"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-pattern", type=int, default=1, help="URLs per view at most")
    parser.add_argument("--limit", type=int, default=600, help="pages per role at most")
    parser.add_argument("--texts", type=Path, help="keep the texts seen in this JSON file")
    parser.add_argument("--po", type=Path, help="write the missing entries to this .po")
    parser.add_argument("--reuse", action="store_true", help="read --texts, do not crawl")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="benteng-english-"))
    texts: dict[str, set] = defaultdict(set)
    try:
        smoke_crawl.boot(var_dir)
        if args.reuse:
            texts.update((t, set(p)) for t, p in json.loads(args.texts.read_text()).items())
        else:
            crawl(texts, args.per_pattern, args.limit)
        if args.texts and not args.reuse:
            args.texts.write_text(json.dumps({t: sorted(p) for t, p in texts.items()}))
        entries, scripts = missing("django"), missing("djangojs")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    found = find_english(texts, *untranslated(entries))
    for msgid, pages in sorted(found.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"{len(pages):4}  {msgid!r}  e.g. {sorted(pages)[0]}")
    # The admin's scripts take their words from the djangojs catalogue: all of it shows.
    for msgid in scripts:
        print(f"  js  {msgid!r}")
    print(f"{len(found)} English strings on the screens, {len(scripts)} in the admin's scripts")
    if args.po:
        args.po.write_text(skeleton([entries[m] for m in sorted(found)]))
        args.po.with_suffix(".js.po").write_text(skeleton(scripts.values()))
    return 1 if found or scripts else 0


if __name__ == "__main__":
    sys.exit(main())
