"""Reader search: Indonesian full-text search, filters, highlighting and hostile input."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from home.search import CANDIDATES, EXCERPT_SLOT, MAX_QUERY_LENGTH, RESULT_CARD
from publications.models import ArticlePage
from tests.factories import (
    NewsImageFactory,
    article,
    bulletin_issue,
    draft_article,
    magazine_issue,
    newspaper_edition,
)

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    return response


def found(client, **params) -> list[str]:
    return [page.title for page in search(client, **params).context["results"]]


@pytest.fixture
def koran_edition(publications):
    return newspaper_edition(publications["koran"])


@pytest.fixture
def spread(publications, koran_edition):
    """An article on flooding in each publication, on different pillars."""
    return {
        "koran": article(
            koran_edition,
            title="Pompa baru usir banjir Periuk",
            lead="Genangan surut dalam dua jam.",
            pillar="liveable",
        ),
        "majalah": article(
            magazine_issue(publications["majalah"]),
            title="Investasi tanggul banjir",
            lead="Swasta ikut membiayai tanggul.",
            pillar="investable",
        ),
        "buletin": article(
            bulletin_issue(publications["buletin"]),
            title="Hikmah di balik banjir",
            lead="Sabar dan saling menolong.",
            pillar="liveable",
        ),
    }


def test_search_finds_articles_across_all_three_publications(client, spread):
    assert set(found(client, q="banjir")) == {page.title for page in spread.values()}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"publikasi": "koran-kota-benteng"}, {"koran"}),
        ({"publikasi": "majalah-live"}, {"majalah"}),
        ({"pilar": "liveable"}, {"koran", "buletin"}),
        ({"pilar": "investable"}, {"majalah"}),
        ({"publikasi": "buletin-jumat", "pilar": "liveable"}, {"buletin"}),
        ({"publikasi": "buletin-jumat", "pilar": "investable"}, set()),
        ({"publikasi": "tidak-ada"}, {"koran", "majalah", "buletin"}),
        ({"pilar": "bukan-pilar"}, {"koran", "majalah", "buletin"}),
    ],
)
def test_search_filters_by_publication_and_pillar(client, spread, params, expected):
    # when a reader searches with filters (unknown values are ignored)
    titles = set(found(client, q="banjir", **params))

    # then only matching articles come back
    assert titles == {spread[kind].title for kind in expected}


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("membangun", "Pembangunan jalan lingkar selesai."),
        ("kebersihan", "Warga membersihkan saluran air."),
        ("penanaman", "Pelajar menanam mangrove di pesisir."),
        ("kebanjiran", "Banjir surut sebelum subuh."),
        ("pembangunan", "Wali kota meninjau gedung yang dibangun."),
    ],
)
def test_indonesian_stemming_matches_other_forms_of_a_word(client, koran_edition, query, text):
    # given an article that uses another form of the word searched for
    article(koran_edition, title="Kabar kota", lead=text)
    article(koran_edition, title="Berita lain", lead="Pasar malam dibuka di Cikokol.")

    # when a reader searches for that form
    # then the Indonesian stemmer brings the article up, and only it
    assert found(client, q=query) == ["Kabar kota"]


def test_stemming_limit_menanam_does_not_reach_tanam(client, koran_edition):
    # given an article with the bare root "tanam"
    article(koran_edition, title="Musim tanam", lead="Petani mulai tanam padi.")

    # when a reader searches "menanam", which the snowball stemmer reduces to "anam"
    # then the root form is not found: a known limit of PostgreSQL's Indonesian stemmer
    assert found(client, q="menanam") == []


@pytest.mark.usefixtures("wagtail_search_index")
def test_search_index_uses_the_indonesian_configuration(client, koran_edition):
    # given a published article
    page = article(koran_edition, title="Jalan baru", lead="Pembangunan jalan lingkar.")

    # then its index entry holds Indonesian stems, not the words as written
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(page.pk), content_type__model="articlepage")
    assert "'bangun'" in entry.body
    assert "pembangunan" not in entry.body

    # and the search query is parsed with the same configuration
    with CaptureQueriesContext(connection) as queries:
        found(client, q="membangun")
    assert any("to_tsquery('indonesian'" in q["sql"] for q in queries.captured_queries)


def test_a_published_article_is_searchable_at_once_and_drafts_are_not(
    client, koran_edition, django_capture_on_commit_callbacks
):
    # given a live article whose editor saved a new, unpublished version
    page = article(koran_edition, title="Festival Cisadane", lead="Perahu naga berlomba.")
    page.lead = "Lampion menghiasi sungai."
    page.save_revision()

    # then the draft wording is not searchable but the live one is
    assert found(client, q="lampion") == []
    assert found(client, q="perahu") == ["Festival Cisadane"]

    # when the revision is published (and its transaction commits, purging cached pages)
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()

    # then the index, and so the search page, follows at once
    assert found(client, q="lampion") == ["Festival Cisadane"]
    assert found(client, q="perahu") == []


def test_drafts_private_and_unpublished_articles_are_never_found(client, koran_edition):
    # given a draft, a private article and an unpublished one, all about the same topic
    draft_article(koran_edition, title="Draf festival", lead="Festival kuliner.")
    private = article(koran_edition, title="Rahasia festival", lead="Festival kuliner.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    gone = article(koran_edition, title="Festival batal", lead="Festival kuliner.")
    gone.unpublish()
    live = article(koran_edition, title="Festival kuliner dibuka", lead="Festival kuliner.")

    assert found(client, q="festival") == [live.title]


def test_matches_are_marked_in_the_lead(client, koran_edition):
    # given an article whose lead has the word in another form
    article(koran_edition, title="Jalan", lead="Pembangunan jalan lingkar utara selesai.")

    # when a reader searches
    response = search(client, q="membangun")

    # then the excerpt marks the matching word
    html = response.content.decode()
    assert "<mark>Pembangunan</mark> jalan lingkar utara selesai." in html


def test_a_match_deep_in_the_body_is_shown_as_a_marked_excerpt(client, koran_edition):
    # given an article that mentions the word only in its body
    body = [("paragraph", RichText("<p>Di akhir acara, warga menerima bibit durian.</p>"))]
    article(koran_edition, title="Hari Bumi", lead="Warga berkumpul di taman.", body=body)

    # when a reader searches for it
    response = search(client, q="durian")

    # then the excerpt comes from the body, with the word marked
    [page] = response.context["results"]
    assert ("durian", True) in page.search_excerpt
    assert "menerima bibit <mark>durian</mark>" in response.content.decode()


def test_without_a_match_in_the_text_the_plain_lead_is_shown(client, koran_edition):
    # given an article that matches only by its title
    article(koran_edition, title="Gerhana bulan", lead="Warga berkumpul di alun-alun.")

    response = search(client, q="gerhana")

    [page] = response.context["results"]
    assert page.search_excerpt == [("Warga berkumpul di alun-alun.", False)]
    assert '<p class="card-lead search-excerpt">Warga berkumpul di alun-alun.</p>' in (
        response.content.decode()
    )


def test_highlighted_excerpts_are_escaped_except_for_the_marks(client, koran_edition):
    # given a lead an attacker managed to fill with markup
    article(
        koran_edition,
        title="Uji keamanan",
        lead='<script>alert("x")</script> <img src=x onerror=alert(1)> banjir & "kutip"',
    )

    # when a reader searches for a word in it
    html = search(client, q="banjir").content.decode()

    # then only our <mark> is markup; everything else is text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>banjir</mark> &amp; &quot;kutip&quot;" in html


def test_a_result_card_is_the_card_template_with_the_marked_excerpt(client, koran_edition):
    # given a result with a picture, a kicker and a match in its lead, searched before
    # (its card cached without the excerpt)
    page = article(
        koran_edition,
        title="Pompa baru",
        kicker="Banjir",
        lead='Genangan <surut> & "kering" lagi.',
        hero_image=NewsImageFactory(),
    )
    search(client, q="genangan")

    # when another search finds it
    response = search(client, q="kering")

    # then its card is what the card template writes with that excerpt, byte for byte
    [shown] = response.context["results"]
    full = ArticlePage.objects.select_related("hero_image").get(pk=page.pk)
    context = {**RESULT_CARD, "article": full, "excerpt": shown.search_excerpt}
    expected = render_to_string("components/article_card_body.html", context, response.wsgi_request)
    assert response.context["result_cards"] == [expected]
    assert "<mark>kering</mark>" in expected and "&lt;surut&gt; &amp;" in expected


def test_a_headline_holding_the_excerpt_slot_character_is_shown_as_written(client, koran_edition):
    # given an article whose headline holds the character where a card takes its excerpt
    article(koran_edition, title=f"Pompa {EXCERPT_SLOT} baru", lead="Banjir surut.")

    # when it is found
    html = search(client, q="banjir").content.decode()

    # then the headline keeps it, and the excerpt stands where it belongs
    assert f"Pompa {EXCERPT_SLOT} baru</a></h3>" in html
    assert '<p class="card-lead search-excerpt"><mark>Banjir</mark> surut.</p>' in html


HOSTILE_QUERIES = [
    "",
    " ",
    "a" * 1000,
    "banjir " * 150,
    '"',
    '""',
    '"banjir',
    'banjir"',
    '"usir banjir" "periuk',
    "'",
    "''",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "banjir & | ! ( ) : * <-> <2>",
    "!!!",
    "&&",
    "a:b c:d",
    "\\",
    "banjir\\",
    "%",
    "_",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "ban\x00jir",
    "\x00",
    "\x01\x02\x1f",
    "🌊🌧️ banjir 🙏",
    "مرحبا",
    "ा",
    "\ue000banjir\ue001",
    "NULL",
    "-banjir",
    "banjir or pompa",
    "AND",
    "NOT banjir",
    "banjir*",
    "NEAR(banjir",
    "^",
    "{}[]",
]


def test_any_query_string_returns_200(client, spread):
    # when a reader (or a bot) sends anything at all as the query (one test for the whole
    # list: the articles to search are made once, not once per query)
    answers = {
        query: (
            client.get("/cari/", {"q": query}).status_code,
            client.get("/cari/", {"q": query, "page": "2"}).status_code,
        )
        for query in HOSTILE_QUERIES
    }

    # then the page answers normally, and a page past the last is "not found", never a 500
    wrong = {
        query: codes
        for query, codes in answers.items()
        if codes[0] != 200 or codes[1] not in (200, 404)
    }
    assert wrong == {}


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "", "\x00"])
@pytest.mark.slow
def test_nonsense_page_numbers_give_the_first_page(client, koran_edition, page):
    # given two pages of results
    for number in range(15):
        article(koran_edition, title=f"Banjir surut {number}", lead="Banjir surut.")

    # when a reader asks for a page that is no number
    response = client.get("/cari/", {"q": "banjir", "page": page})

    # then they get the first page
    assert response.status_code == 200
    assert response.context["results"].number == 1


@pytest.mark.parametrize("page", ["3", "99999", "9" * 40])
@pytest.mark.slow
def test_a_page_past_the_last_is_not_found(client, koran_edition, page):
    # given two pages of results
    for number in range(15):
        article(koran_edition, title=f"Banjir surut {number}", lead="Banjir surut.")
    # then the last page is there and a page past it is a 404, not the last page again
    assert client.get("/cari/", {"q": "banjir", "page": "2"}).status_code == 200
    assert client.get("/cari/", {"q": "banjir", "page": page}).status_code == 404


def test_an_overlong_query_is_cut_not_refused(client, spread):
    response = search(client, q="banjir " + "x" * 1000)

    assert len(response.context["query"]) == MAX_QUERY_LENGTH


@pytest.mark.slow
def test_search_results_are_paginated_in_sql(client, koran_edition):
    # given 30 matching articles
    for number in range(30):
        article(koran_edition, title=f"Sungai bersih {number}", lead="Sungai bersih lagi.")

    # when the second page is requested
    with CaptureQueriesContext(connection) as queries:
        response = search(client, q="sungai", page="2")

    # then it shows 12 results of 30; the database was asked for the ids of at most
    # CANDIDATES + 1 matches (never for every match), and for the 12 rows shown
    results = response.context["results"]
    assert (results.paginator.count, len(results.object_list), results.number) == (30, 12, 2)
    sql = [q["sql"] for q in queries.captured_queries]
    assert any(f"LIMIT {CANDIDATES + 1}" in s for s in sql)
    shown = ", ".join(str(page.pk) for page in results.object_list)
    assert any(f"IN ({shown})" in s and "LIMIT" not in s for s in sql)


@pytest.mark.slow
def test_search_in_a_given_pillar_keeps_its_filters_in_the_page_links(client, koran_edition):
    for number in range(15):
        article(koran_edition, title=f"Banjir {number}", lead="Banjir.", pillar="liveable")

    html = search(client, q="banjir", pilar="liveable").content.decode()

    assert "q=banjir&amp;pilar=liveable&amp;page=2" in html
