"""Reader search: turning what a reader typed into a query, and marking it in the excerpts.

Whatever arrives in ``?q=`` is cleaned, cut to a sane length and handed to Wagtail's
search backend as plain text (quoted parts as phrases), never as query syntax, so no input
can make PostgreSQL fail. Excerpts come from ``ts_headline`` with the Indonesian
configuration, computed only for the dozen results shown.
"""

import re
from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection, transaction
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.query import And, Phrase, PlainText

MAX_QUERY_LENGTH = 200
# Private-use characters mark the matches in ts_headline's output; editors never type them.
START, STOP = "\ue000", "\ue001"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")


def search_config() -> str | None:
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")


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


def _marked(headline: str | None) -> SafeString | None:
    """Escape the headline, then turn the sentinels (and only them) into ``<mark>`` tags."""
    if not headline or START not in headline:
        return None
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags are added


def attach_excerpts(articles: list, text: str) -> None:
    """Give each result a ``search_excerpt``: its lead or body with the matches marked.

    Falls back to the plain lead where there is no match to show, or off PostgreSQL.
    """
    for page in articles:
        page.search_excerpt = page.lead
    if not articles or connection.vendor != "postgresql":
        return
    query = SearchQuery(text, search_type="websearch", config=search_config())
    options = {"config": search_config(), "start_sel": START, "stop_sel": STOP}
    model = type(articles[0])
    rows = (
        model.objects.filter(pk__in=[page.pk for page in articles])
        .annotate(
            lead_headline=SearchHeadline("lead", query, highlight_all=True, **options),
            body_headline=SearchHeadline(
                F("index_entries__body_text"),
                query,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **options,
            ),
        )
        .values_list("pk", "lead_headline", "body_headline")
    )
    excerpts = {pk: _marked(lead) or _marked(body) for pk, lead, body in rows}
    for page in articles:
        page.search_excerpt = excerpts.get(page.pk) or page.lead
