"""Reader search: turning what a reader typed into a query, and marking it in the excerpts.

Whatever arrives in ``?q=`` is cleaned and cut to a sane length. On PostgreSQL it is read
by ``websearch_to_tsquery`` (plain words, quoted phrases; it accepts any input) and matched
against each article's stored, GIN-indexed vector (``publications.search_vectors``); only
the newest ``CANDIDATES`` matches are ranked and paged through, so a word found in every
article costs no more than a rare one, and the pager counts at most that many. Elsewhere
(SQLite) Wagtail's search backend gets it as plain text (quoted parts as phrases).
Excerpts come from ``ts_headline`` with the Indonesian configuration, computed only for the
dozen results shown, as pieces of text, marked or not: the result card
(``components/article_card_body.html``) writes them, each escaped, the marked ones in
``<mark>``.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, QuerySet
from wagtail.search.query import And, Phrase, PlainText

from publications.search_vectors import body_text_blocks, search_config, uses_stored_vectors

MAX_QUERY_LENGTH = 200
# Private-use characters mark the matches in ts_headline's output; editors never type them.
START, STOP = "\ue000", "\ue001"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")
# How many of the newest matches are ranked and shown (42 pages). A common word ("kota")
# matches nearly every article: ranking and counting all of them took over a second at
# 200,000; a word in one article of twenty is found by walking the newest articles, and
# 1,000 candidates made that walk (and the p95) twice as long.
CANDIDATES = 500
LEAD_OPTIONS = {"StartSel": START, "StopSel": STOP, "HighlightAll": "true"}
BODY_OPTIONS = {
    "StartSel": START,
    "StopSel": STOP,
    "MaxWords": 35,
    "MinWords": 15,
    "MaxFragments": 2,
    "FragmentDelimiter": " … ",
}
# The lead and body text of the results shown, marked in one query.
EXCERPTS_SQL = """
SELECT x.id, ts_headline(%s::regconfig, x.lead, q, %s), ts_headline(%s::regconfig, x.body, q, %s)
FROM unnest(%s::integer[], %s::text[], %s::text[]) AS x(id, lead, body),
     websearch_to_tsquery(%s::regconfig, %s) AS q
"""


@contextmanager
def planned_for_its_terms():
    """Plan the queries of one search for its own terms.

    The database connection prepares repeated queries (``POSTGRES_PREPARED_STATEMENTS``),
    and PostgreSQL may then reuse one generic plan for every search; but a rare word wants
    the search index and a common one a scan, and a generic plan made the slowest
    searches twice as slow (p95 185 ms instead of about 100 at 20,000 articles).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield


@dataclass
class Found:
    """Matches in rank order: article ids (stored vectors) or Wagtail's search results;
    ``more`` says there were more matches than ``CANDIDATES``."""

    results: object
    more: bool = False
    limit: int = 0


def find_articles(articles: QuerySet, text: str) -> Found:
    """The articles of ``articles`` (already filtered) that match what the reader typed.

    On PostgreSQL, one query: the newest ``CANDIDATES`` matches (a cheap key, read from
    the display_date index or from the GIN index's matches), then each of them ranked;
    they are put in rank order here, and a page of them fetched by ``page_articles``.
    """
    if not text:
        return Found([])
    if not uses_stored_vectors():
        query = build_query(text)
        return Found(articles.search(query) if query else articles.none())
    query = SearchQuery(text, search_type="websearch", config=search_config())
    newest = (
        articles.filter(search_vector=query)
        .order_by("-display_date", "-pk")
        .values("pk")[: CANDIDATES + 1]
    )
    # Ranked outside the LIMIT, so that only the candidates are ranked, not every match.
    rows = sorted(
        articles.model.objects.filter(pk__in=newest)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .values_list("display_date", "pk", "rank"),
        reverse=True,
    )
    newest = rows[:CANDIDATES]  # newest first: the rank keeps that order among equals
    newest.sort(key=lambda row: row[2], reverse=True)
    return Found([pk for _date, pk, _rank in newest], more=len(rows) > CANDIDATES, limit=CANDIDATES)


def page_articles(items, model) -> list:
    """The articles of one page of results, in order: ids become rows in one query."""
    items = list(items)
    if not items or not isinstance(items[0], int):
        return items
    rows = model.objects.filter(pk__in=items).select_related("hero_image")
    found = {page.pk: page for page in rows.defer("search_vector")}
    return [found[pk] for pk in items if pk in found]


def clean_query(raw: str) -> str:
    """What the reader typed, without control characters, whitespace runs or excess length."""
    text = CONTROL_CHARACTERS.sub(" ", raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def build_query(text: str):
    """Quoted parts become phrases, the rest plain words that must all match."""
    parts = []
    for position, part in enumerate(text.split('"')):
        part = part.strip()
        if part:
            parts.append(Phrase(part) if position % 2 else PlainText(part, operator="and"))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


Excerpt = list[tuple[str, bool]]


def _marked(headline: str | None) -> Excerpt | None:
    """The headline as (text, marked) pieces, cut at the sentinels (and only at them)."""
    if not headline or START not in headline:
        return None
    pieces = []
    for number, chunk in enumerate(headline.split(START)):
        marked, _, rest = chunk.partition(STOP) if number else ("", "", chunk)
        pieces += [(text, is_mark) for text, is_mark in ((marked, True), (rest, False)) if text]
    return pieces


def _plain(text: str) -> Excerpt:
    return [(text, False)] if text else []


def _options(options: dict) -> str:
    return ", ".join(
        connection.ops.compose_sql(f"{option}=%s", [value]) for option, value in options.items()
    )


def attach_excerpts(articles: list, text: str) -> None:
    """Give each result a ``search_excerpt``: its lead or body with the matches marked, as
    (text, marked) pieces.

    Falls back to the plain lead where there is no match to show, or off PostgreSQL.
    """
    for page in articles:
        page.search_excerpt = _plain(page.lead)
    if not articles or connection.vendor != "postgresql":
        return
    config = search_config()
    ids = [page.pk for page in articles]
    leads = [page.lead for page in articles]
    bodies = [body_text_blocks(page) for page in articles]
    params = [config, _options(LEAD_OPTIONS), config, _options(BODY_OPTIONS)]
    params += [ids, leads, bodies, config, text]
    with connection.cursor() as cursor:
        cursor.execute(EXCERPTS_SQL, params)
        excerpts = {pk: _marked(lead) or _marked(body) for pk, lead, body in cursor.fetchall()}
    for page in articles:
        page.search_excerpt = excerpts.get(page.pk) or _plain(page.lead)
