"""Reader search: turning what a reader typed into a query, and marking it in the excerpts.

Whatever arrives in ``?q=`` is cleaned and cut to a sane length. On PostgreSQL it is read
by ``websearch_to_tsquery`` (plain words, quoted phrases; it accepts any input) and matched
against each article's stored, GIN-indexed vector (``publications.search_vectors``); only
the newest ``CANDIDATES`` matches are ranked and paged through, found with bounded work
however many articles match (``find_articles``, ``newest_matches``), and the pager counts
at most that many ("more than 500"). Elsewhere
(SQLite) Wagtail's search backend gets it as plain text (quoted parts as phrases).
Excerpts come from ``ts_headline`` with the Indonesian configuration, computed only for the
dozen results shown, as pieces of text, marked or not, each written escaped, the marked
ones in ``<mark>``, into the result's card: a listing's card, cached per published version
(``result_cards``), so a page of results renders no template per result.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.query import And, Phrase, PlainText

from publications.cards import cards_by_page
from publications.search_vectors import body_text_blocks, search_config, uses_stored_vectors

MAX_QUERY_LENGTH = 200
# Private-use characters mark the matches in ts_headline's output; editors never type them.
START, STOP = "\ue000", "\ue001"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")
# Where a result's cached card takes its excerpt (``result_cards``): escaping leaves it be.
EXCERPT_SLOT = "\ue002"
# How a result's card is drawn (the variables of ``components/article_card_body.html``).
RESULT_CARD = {
    "card_class": "card-row",
    "image_sizes": "(min-width: 40em) 14rem, 100vw",
    "excerpt": [(EXCERPT_SLOT, False)],
}
# How many of the newest matches are ranked and shown (42 pages). A common word ("kota")
# matches nearly every article: ranking and counting all of them took over a second at
# 200,000; a word in one article of twenty is found by walking the newest articles, and
# 1,000 candidates made that walk (and the p95) twice as long.
CANDIDATES = 500
# The periods in which the newest matches are sought, in turn, as days before the newest
# article's date: its week, month, quarter, year, three years, then everything older.
PERIODS = (7, 30, 91, 365, 3 * 365)
# Up to this many matches are all read, and the newest of them taken; past it, the newest
# are sought a period at a time (``newest_matches``).
FEW = 3000
# What reader search takes for one word: letters and digits only (a hyphen, as in
# "alun-alun", makes a phrase of its parts).
ONE_WORD = re.compile(r"\w+")
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
    No parallel workers either: starting one cost more (10 ms on a busy machine) than the
    few hundred rows it would share.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SET LOCAL plan_cache_mode = force_custom_plan;"
                " SET LOCAL max_parallel_workers_per_gather = 0"
            )
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

    On PostgreSQL, one query: the newest ``CANDIDATES`` matches, then each of them ranked;
    they are put in rank order here, and a page of them fetched by ``page_articles``. For
    one word, PostgreSQL knows from its statistics how often the word occurs, and chooses
    well between walking the newest articles (a common word) and reading the search
    index's matches (a rare one). For several words it multiplies their frequencies as if
    they were independent, but the words of a phrase, a place name or one subject occur
    together far more often than that: it read every match of "gotong royong" (11,000 at
    200,000 articles, 70 ms of PostgreSQL's time) where it had expected 25. Those are
    sought so that the work stays bounded whatever the number of matches
    (``newest_matches``).
    """
    if not text:
        return Found([])
    if not uses_stored_vectors():
        query = build_query(text)
        return Found(articles.search(query) if query else articles.none())
    query = SearchQuery(text, search_type="websearch", config=search_config())
    matches = articles.filter(search_vector=query)
    if ONE_WORD.fullmatch(text):
        newest = matches.order_by("-display_date", "-pk").values("pk")[: CANDIDATES + 1]
    else:
        newest = newest_matches(matches, query, CANDIDATES + 1)
    # Ranked outside the LIMIT, so that only the candidates are ranked, not every match.
    rows = sorted(
        articles.model.objects.filter(pk__in=newest)
        .order_by()
        .annotate(rank=SearchRank(F("search_vector"), query))
        .values_list("display_date", "pk", "rank"),
        reverse=True,
    )
    newest = rows[:CANDIDATES]  # newest first: the rank keeps that order among equals
    newest.sort(key=lambda row: row[2], reverse=True)
    return Found([pk for _date, pk, _rank in newest], more=len(rows) > CANDIDATES, limit=CANDIDATES)


def newest_matches(matches: QuerySet, search: SearchQuery, limit: int) -> RawSQL:
    """The ids of the ``limit`` newest of ``matches``, in one query whose work is bounded
    whatever the number of matches, to be read as a subquery.

    PostgreSQL first counts the articles whose vector matches ``search``, up to ``FEW`` + 1
    of them (the search index alone, no other condition). Up to ``FEW``, all the matches
    are read and the newest of them taken. Past it, the newest are sought a period at a
    time, newest period first (``PERIODS``): a ``UNION ALL`` of the periods under one
    LIMIT, which PostgreSQL reads in order and stops as soon as it has enough. Whichever
    way the database finds one period's matches (walking its dates, or the search index's
    matches intersected with the period's dates), the work is bounded by the period, not
    by the archive: ranked by date over all 200,000 articles, a phrase or a pair of related
    words (which the planner takes for rare) made it read every match, 11,000 of them. The
    periods are disjoint and cover every date, so the result is the same whatever they
    are; they only decide how much is read.
    """
    # Nothing read from the rows: where the visibility map allows, the index alone counts.
    counted = matches.model.objects.filter(search_vector=search).order_by()
    counted = counted.annotate(one=Value(1)).values("one")[: FEW + 1]
    live = matches.model.objects.live()
    newest = live.order_by("-display_date").values("display_date")[:1]
    oldest = live.order_by("display_date").values("display_date")[:1]
    rows = matches.order_by().values(key=F("pk"), day=F("display_date"))
    (counted_sql, counted_params), (newest_sql, newest_params), (oldest_sql, oldest_params) = (
        each.query.sql_with_params() for each in (counted, newest, oldest)
    )
    rows_sql, rows_params = rows.query.sql_with_params()
    # Every period has both ends, so that the database may take it from the date index
    # as well as from the search index (and intersect the two).
    untils = [("day <= (SELECT newest FROM ends)", [])]
    untils += [("day < (SELECT newest FROM ends) - %s", [days]) for days in PERIODS]
    sinces = [("day >= (SELECT newest FROM ends) - %s", [days]) for days in PERIODS]
    sinces += [("day >= (SELECT oldest FROM ends)", [])]
    conditions = [("(SELECT few FROM counted)", [])]
    conditions += [
        (f"NOT (SELECT few FROM counted) AND {until} AND {since}", [*until_params, *since_params])  # noqa: S608
        for (until, until_params), (since, since_params) in zip(untils, sinces, strict=True)
    ]
    branches, params = [], [FEW, *counted_params, *newest_params, *oldest_params]
    for condition, condition_params in conditions:
        branches.append(
            f"(SELECT key FROM ({rows_sql}) AS m WHERE {condition} "  # noqa: S608
            "ORDER BY day DESC, key DESC LIMIT %s)"
        )
        params += [*rows_params, *condition_params, limit]
    return RawSQL(  # noqa: S611 - SQL the ORM compiled, values as parameters
        f"WITH counted AS MATERIALIZED (SELECT count(*) <= %s AS few FROM ({counted_sql}) AS c), "  # noqa: S608
        f"ends AS MATERIALIZED (SELECT ({newest_sql}) AS newest, ({oldest_sql}) AS oldest) "
        f"{' UNION ALL '.join(branches)} LIMIT %s",
        (*params, limit),
    )


def page_articles(items, rows: QuerySet) -> list:
    """The articles of one page of results, in order: ids become ``rows`` in one query."""
    items = list(items)
    if not items or not isinstance(items[0], int):
        return items
    found = rows.in_bulk(items)
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


def result_cards(request, articles: list, full: QuerySet) -> list[SafeString]:
    """The card of each result, with its excerpt (``attach_excerpts``), in their order.

    A result's card is a listing's card (``publications.cards``): cached per published
    version under the page's key, rendered only when missing, from ``full``. It is kept
    with ``EXCERPT_SLOT`` where the excerpt goes, the one part that changes with the query,
    and the excerpt is written into it here, each piece escaped as the template would.
    """
    found = cards_by_page(
        request,
        articles,
        full,
        template="components/article_card_body.html",
        name="search-result",
        variables=[RESULT_CARD] * len(articles),
    )
    return [_filled(found[page.pk], page.search_excerpt) for page in articles if page.pk in found]


def _filled(card: str, excerpt: Excerpt) -> SafeString:
    # The slot is the card's last one: the kicker or the headline may hold the character too.
    before, _slot, after = card.rpartition(EXCERPT_SLOT)
    pieces = (
        format_html("<mark>{}</mark>", text) if mark else escape(text) for text, mark in excerpt
    )
    return mark_safe(before + "".join(pieces) + after)  # noqa: S308 - escaped above
