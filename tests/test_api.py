"""The Wagtail API v2 the city's mobile app reads: fields, filters, visibility and limits."""

import datetime

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from core.pagecache import purge_all
from publications.models import ArticleCorrection, RelatedArticle
from tests.factories import (
    AuthorFactory,
    NewsImageFactory,
    ProgrammeFactory,
    article,
    bulletin_issue,
    draft_article,
    magazine_issue,
    newspaper_edition,
    pdf_document,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v2/pages/?type=publications.ArticlePage"


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


@pytest.fixture
def three_articles(publications):
    """One live article in each publication, each on its own pillar and programme."""
    hijau = ProgrammeFactory(name="Tangerang Hijau")
    cerdas = ProgrammeFactory(name="Tangerang Cerdas", pillar="e-city")
    koran = article(
        newspaper_edition(publications["koran"]),
        title="Seribu pohon di bantaran Cisadane",
        lead="Warga menanam pohon trembesi.",
        pillar="liveable",
        programmes=[hijau],
    )
    majalah = article(
        magazine_issue(publications["majalah"]),
        title="Sekolah digital di Cibodas",
        lead="Murid belajar dengan tablet.",
        pillar="e-city",
        programmes=[cerdas, hijau],
    )
    buletin = article(
        bulletin_issue(publications["buletin"]),
        title="Menjaga kebersihan masjid",
        lead="Jamaah bergotong royong tiap Jumat.",
        pillar="visitable",
    )
    return {"koran": koran, "majalah": majalah, "buletin": buletin}


def test_article_listing_gives_the_app_everything_a_card_and_byline_need(client, koran_edition):
    # given an article with two authors, a hero image, programmes, tags and a correction
    photo = NewsImageFactory(credit="Dinas Kominfo")
    page = article(
        koran_edition,
        title="Usir banjir di Periuk",
        kicker="Banjir",
        lead="Pompa baru menyedot genangan dalam dua jam.",
        display_date=datetime.date(2026, 11, 2),
        pillar="liveable",
        hero_image=photo,
        programmes=[ProgrammeFactory(name="Usir Banjir")],
        authors=[
            AuthorFactory(name="Siti Rahma", role="Reporter", photo=NewsImageFactory()),
            AuthorFactory(name="Budi Santoso", role="Fotografer"),
        ],
        corrections=[
            ArticleCorrection(
                date=datetime.datetime(2026, 11, 3, 2, 0, tzinfo=datetime.UTC),
                note="Nama kelurahan diperbaiki.",
            )
        ],
    )
    page.tags.add("pompa", "banjir")
    page.save_revision().publish()

    # when the app lists articles with every field
    [item] = items(client, f"{ARTICLES}&fields=*")

    # then the card, the byline and the topic links are all there
    assert item["headline"] == "Usir banjir di Periuk"
    assert item["kicker"] == "Banjir"
    assert item["lead"] == "Pompa baru menyedot genangan dalam dua jam."
    assert item["display_date"] == "2026-11-02"
    assert item["pillar"] == "liveable"
    assert item["publication"]["slug"] == "koran-kota-benteng"
    assert item["programmes"] == [
        {"name": "Usir Banjir", "slug": "usir-banjir", "pillar": "liveable"}
    ]
    assert [(a["name"], a["slug"], a["role"]) for a in item["authors"]] == [
        ("Siti Rahma", "siti-rahma", "Reporter"),
        ("Budi Santoso", "budi-santoso", "Fotografer"),
    ]
    assert item["authors"][0]["photo"]["full_url"].startswith("http")
    assert (item["authors"][0]["photo"]["width"], item["authors"][0]["photo"]["height"]) == (
        160,
        160,
    )
    assert item["authors"][1]["photo"] is None
    assert item["authors"][0]["url"].endswith("/penulis/siti-rahma/")
    assert item["hero_image"]["id"] == photo.id
    assert (item["hero_thumbnail"]["width"], item["hero_thumbnail"]["height"]) == (640, 360)
    assert item["hero_thumbnail"]["full_url"].startswith("http")
    assert item["hero_large"]["full_url"].startswith("http")
    assert item["hero_credit"] == "Dinas Kominfo"
    assert item["hero_caption"] == photo.caption
    assert item["tags"] == ["banjir", "pompa"]
    assert item["corrections"] == [
        {"date": "2026-11-03T02:00:00+00:00", "note": "Nama kelurahan diperbaiki."}
    ]
    assert item["meta"]["html_url"].endswith(page.url)
    assert "body" not in item  # detail only


def test_article_without_hero_image_or_authors_serialises_with_nulls(client, koran_edition):
    # given a bare article
    article(koran_edition, title="Pengumuman")

    # when listed with every field
    [item] = items(client, f"{ARTICLES}&fields=*")

    # then the missing parts are null or empty, not errors
    assert item["hero_image"] is None
    assert item["hero_thumbnail"] is None
    assert item["hero_credit"] is None
    assert item["authors"] == []
    assert item["programmes"] == []


def test_article_detail_gives_the_body_as_html(client, koran_edition):
    # given an article whose body has a heading, a paragraph and a quote
    related = article(koran_edition, title="Pompa lama diganti")
    page = article(
        koran_edition,
        authors=[AuthorFactory(name="Siti Rahma")],
        programmes=[ProgrammeFactory(name="Usir Banjir")],
        related_links=[RelatedArticle(article=related)],
        body=[
            ("heading", {"text": "Pompa baru", "level": "h2"}),
            ("paragraph", RichText("<p>Genangan surut <b>dua jam</b>.</p>")),
            ("quote", {"text": "Warga lega.", "attribution": "Lurah"}),
        ],
    )

    # when the app opens the article
    response = client.get(f"/api/v2/pages/{page.id}/")

    # then the body is the HTML the website shows
    assert response.status_code == 200
    body = response.json()["body"]
    assert "Pompa baru</h2>" in body
    assert "<b>dua jam</b>" in body
    assert "Warga lega." in body
    # and the rest of the article comes with it, fetched for the one page
    data = response.json()
    assert [author["name"] for author in data["authors"]] == ["Siti Rahma"]
    assert data["programmes"][0]["slug"] == "usir-banjir"
    assert data["related_articles"][0]["title"] == "Pompa lama diganti"
    assert data["related_articles"][0]["detail_url"].endswith(f"/api/v2/pages/{related.id}/")
    assert data["meta"]["parent"]["id"] == koran_edition.id


def test_body_cannot_be_requested_in_a_listing(client, koran_edition):
    # given an article
    article(koran_edition)

    # when a listing asks for the body explicitly
    response = client.get(f"{ARTICLES}&fields=body")

    # then the API says the field is for the detail view only
    assert response.status_code == 400
    assert "body" in response.json()["message"]


@pytest.mark.parametrize(
    ("make_edition", "kind", "expected"),
    [
        (
            lambda pub, cover, doc: newspaper_edition(pub, number=7, cover=cover, epaper=doc),
            "koran",
            {"number": 7, "date": "2026-11-02"},
        ),
        (
            lambda pub, cover, doc: magazine_issue(
                pub, volume=3, number=2, theme="Kota Layak Huni", cover=cover, pdf=doc
            ),
            "majalah",
            {"volume": 3, "number": 2, "theme": "Kota Layak Huni"},
        ),
        (
            lambda pub, cover, doc: bulletin_issue(
                pub, theme="Ikhlas", preacher="KH. Ahmad", cover=cover
            ),
            "buletin",
            {"date": "2026-11-20", "theme": "Ikhlas", "preacher": "KH. Ahmad"},
        ),
    ],
)
def test_editions_expose_their_number_theme_cover_and_pdf(
    client, publications, make_edition, kind, expected
):
    # given an edition with a cover and (where its kind has one) a PDF
    edition = make_edition(publications[kind], NewsImageFactory(), pdf_document())

    # when the app lists editions of that type
    [item] = items(client, f"/api/v2/pages/?type={edition.specific_class._meta.label}&fields=*")

    # then it reads the edition's own fields, an absolute cover rendition and the PDF URL
    assert {key: item[key] for key in expected} == expected
    assert item["publication"]["slug"] == publications[kind].slug
    assert item["cover_thumbnail"]["full_url"].startswith("http")
    assert item["cover_thumbnail"]["width"] == 480
    pdf_url = item.get("epaper_url") or item.get("pdf_url")
    if kind == "buletin":
        assert pdf_url is None
    else:
        assert pdf_url.startswith("http")
        assert "/documents/" in pdf_url and pdf_url.endswith(".pdf")


FILTERS = [
    ("publication=koran-kota-benteng", {"koran"}),
    ("publication=majalah-live", {"majalah"}),
    ("publication=buletin-jumat", {"buletin"}),
    ("programme=tangerang-hijau", {"koran", "majalah"}),
    ("programme=tangerang-cerdas", {"majalah"}),
    ("programme=tidak-ada", set()),
    ("pillar=liveable", {"koran"}),
    ("pillar=visitable", {"buletin"}),
    ("pillar=bukan-pilar", set()),
    ("programme=tangerang-hijau&publication=majalah-live", {"majalah"}),
    ("programme=tangerang-hijau&pillar=liveable", {"koran"}),
    ("search=pohon", {"koran"}),
    ("search=sekolah&programme=tangerang-hijau", {"majalah"}),
    ("search=pohon&publication=majalah-live", set()),
]


@pytest.mark.usefixtures("wagtail_search_index")
def test_articles_filter_by_publication_programme_pillar_and_search(client, three_articles):
    # given one article per publication (made once for every filter below)
    titles = {kind: page.title for kind, page in three_articles.items()}

    # when the app filters the article listing, then only the matching articles come back
    wrong = {}
    for query, expected in FILTERS:
        listed = {item["title"] for item in items(client, f"{ARTICLES}&{query}")}
        if listed != {titles[kind] for kind in expected}:
            wrong[query] = listed
    assert wrong == {}


@pytest.mark.parametrize("query", ["programme=tangerang-hijau", "pillar=e-city"])
def test_topic_filters_also_work_on_the_untyped_page_listing(client, three_articles, query):
    # when the app filters all pages without naming a type
    listed = {item["id"] for item in items(client, f"/api/v2/pages/?{query}")}

    # then only articles on that topic are listed
    assert three_articles["majalah"].id in listed
    assert three_articles["buletin"].id not in listed


def test_unknown_publication_is_a_clear_400(client, three_articles):
    response = client.get(f"{ARTICLES}&publication=koran-lain")

    assert response.status_code == 400
    assert response.json() == {"message": "publication 'koran-lain' does not exist"}


def test_drafts_and_private_pages_are_neither_listed_nor_served(client, koran_edition):
    # given a live article, a draft, a password-protected article and one in a private edition
    live = article(koran_edition, title="Artikel terbit")
    draft = draft_article(koran_edition)
    private = article(koran_edition, title="Artikel rahasia")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    private_edition = newspaper_edition(koran_edition.get_parent(), number=2)
    PageViewRestriction.objects.create(
        page=private_edition, restriction_type="password", password="x"
    )
    inside_private = article(private_edition, title="Artikel di edisi rahasia")

    # when the app lists articles and opens each one
    listed = {item["id"] for item in items(client, ARTICLES)}

    # then only the live, public article exists for it
    assert listed == {live.id}
    assert client.get(f"/api/v2/pages/{live.id}/").status_code == 200
    for hidden in (draft, private, inside_private):
        assert client.get(f"/api/v2/pages/{hidden.id}/").status_code == 404


def test_listing_is_capped_at_fifty_items_per_request(client, koran_edition):
    # given an article
    article(koran_edition)

    # when the app asks for more than the maximum
    response = client.get(f"{ARTICLES}&limit=1000")

    # then it is told the limit, and the maximum itself is fine
    assert response.status_code == 400
    assert response.json() == {"message": "limit cannot be higher than 50"}
    assert client.get(f"{ARTICLES}&limit=50").status_code == 200


def test_listing_is_paginated_with_limit_and_offset(client, koran_edition):
    # given three articles
    for number in range(3):
        article(koran_edition, title=f"Berita {number}")

    # when the app pages through two at a time
    first = client.get(f"{ARTICLES}&limit=2").json()
    second = client.get(f"{ARTICLES}&limit=2&offset=2").json()

    # then it sees the total and every article once
    assert first["meta"]["total_count"] == 3
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 3


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=-1",
        "offset=-5",
        "display_date=bukan-tanggal",
        "programmes=abc",
        "hero_image=abc",
        "order=bukan_field",
        "fields=tidak_ada",
        "search=%00",
        "kicker=%00",
        "child_of=abc",
    ],
)
def test_bad_parameters_get_a_400_with_a_message_never_a_500(client, koran_edition, query):
    # given an article
    article(koran_edition)

    # when the app sends a bad parameter
    response = client.get(f"{ARTICLES}&{query}")

    # then it gets a 400 with a message
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize(
    "query",
    ['"', "'; DROP TABLE wagtailcore_page; --", "a" * 1000, "banjir & | ! :*", "🌊", "<b>"],
)
def test_search_with_any_text_answers_200(client, koran_edition, query):
    # given an article
    article(koran_edition)

    # when the app searches with odd text
    response = client.get(ARTICLES, {"search": query})

    # then it gets a normal (possibly empty) listing
    assert response.status_code == 200
    assert "items" in response.json()


def test_unknown_type_is_a_400(client, db):
    response = client.get("/api/v2/pages/?type=publications.Tidakada")

    assert response.status_code == 400


@pytest.mark.slow
def test_article_listing_runs_a_fixed_number_of_queries(
    client, koran_edition, django_assert_max_num_queries
):
    # given twenty articles, each with two photographed authors, a hero image,
    # two programmes, tags and a correction
    programmes = [ProgrammeFactory(name="Tangerang Hijau"), ProgrammeFactory(name="BRT")]
    authors = [AuthorFactory(name=f"Penulis {n}", photo=NewsImageFactory()) for n in range(4)]
    for number in range(20):
        page = article(
            koran_edition,
            title=f"Berita nomor {number}",
            hero_image=NewsImageFactory(),
            authors=authors[number % 3 : number % 3 + 2],
            programmes=programmes,
            corrections=[ArticleCorrection(note="Koreksi ejaan.")],
        )
        page.tags.add("kota", f"tag-{number}")
        page.save_revision().publish()
    url = f"{ARTICLES}&fields=*&limit=20"
    client.get(url)  # renditions are generated once, on the first request
    purge_all()  # and the listing must not come from the page cache

    # when the listing is requested again
    with django_assert_max_num_queries(14):
        response = client.get(url)

    # then all twenty came back in a bounded number of queries
    assert response.get("X-Page-Cache") != "hit"
    assert len(response.json()["items"]) == 20


def test_images_endpoint_gives_caption_credit_and_a_thumbnail(client, db):
    # given an image in the library
    image = NewsImageFactory(caption="Taman Potret", credit="Humas")

    # when the app fetches it
    response = client.get(f"/api/v2/images/{image.id}/")

    # then it has the newsroom's caption and credit and an absolute thumbnail
    data = response.json()
    assert (data["caption"], data["credit"]) == ("Taman Potret", "Humas")
    assert data["thumbnail"]["full_url"].startswith("http")
    assert max(data["thumbnail"]["width"], data["thumbnail"]["height"]) <= 480


def test_documents_endpoint_gives_an_absolute_download_url(client, publications):
    # given a PDF in the library, the e-paper of a live edition (only those are listed)
    document = pdf_document("Koran edisi 7")
    newspaper_edition(publications["koran"], number=7, epaper=document)

    # when the app lists documents
    [item] = items(client, "/api/v2/documents/")

    # then the download URL is absolute
    assert item["id"] == document.id
    assert item["meta"]["download_url"].startswith("http")
