"""No script reaches a reader: every text field is escaped, rich text is sanitised.

The body is written straight into the database as raw StreamField JSON, past the editor and
its validation, as an import, an API client or a shell session could.
"""

import json
import uuid

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from publications.blocks import sanitise_rich_text
from publications.models import ArticleAuthor, ArticleCorrection, ArticlePage
from tests.factories import AuthorFactory, NewsImageFactory, add_page

pytestmark = pytest.mark.django_db

PAYLOAD = '</script><script>alert("xss")</script><img src=x onerror=alert(1)>'


def block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def write_raw_body(page, raw_blocks: list[dict]) -> None:
    """Store the body as raw JSON in the live page row, as a careless import would."""
    table = ArticlePage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET body = %s WHERE page_ptr_id = %s",  # noqa: S608 - table name is ours
            [json.dumps(raw_blocks), page.pk],
        )


@pytest.fixture
def hostile_article(koran_edition, home_page):
    page = ArticlePage(
        title=f"Judul {PAYLOAD}",
        slug="judul-berbahaya",
        kicker=f"Kicker {PAYLOAD}",
        lead=f"Lead {PAYLOAD}",
        hero_image=NewsImageFactory(),
        hero_caption=f"Keterangan {PAYLOAD}",
        search_description=f"Deskripsi {PAYLOAD}",
    )
    page.authors.add(ArticleAuthor(author=AuthorFactory(name=f"Penulis {PAYLOAD}")))
    page.corrections.add(ArticleCorrection(note=f"Koreksi {PAYLOAD}"))
    page = add_page(koran_edition, page)
    write_raw_body(
        page,
        [
            block(
                "paragraph",
                f'<p>Paragraf <b>tebal</b> <a linktype="page" id="{home_page.pk}">beranda</a> '
                f'<a href="javascript:alert(2)">tautan jahat</a>{PAYLOAD}</p>'
                '<p onclick="alert(3)">klik</p><ul><li>satu</li><li>dua</li></ul>'
                "<style>body{display:none}</style><iframe src=//evil.example></iframe>",
            ),
            block("heading", {"text": f"Subjudul {PAYLOAD}", "level": "h2"}),
            block("quote", {"text": f"Kutipan {PAYLOAD}", "attribution": f"Sumber {PAYLOAD}"}),
            block(
                "table",
                {
                    "data": [[f"Kepala {PAYLOAD}", "Jumlah"], [f"Sel {PAYLOAD}", "1.000"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": f"Tabel {PAYLOAD}",
                },
            ),
            block(
                "call_to_action",
                {
                    "text": f"Ajakan {PAYLOAD}",
                    "button_label": f"Tombol {PAYLOAD}",
                    "page": None,
                    "url": "https://tangerangkota.go.id/",
                },
            ),
            block(
                "call_to_action",
                {
                    "text": "Ajakan jahat",
                    "button_label": "Tombol jahat",
                    "page": None,
                    "url": " JavaScript:alert(4)",
                },
            ),
        ],
    )
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def rendered(client, hostile_article):
    response = client.get(hostile_article.url)
    assert response.status_code == 200
    return response.content.decode()


def assert_no_active_content(soup: BeautifulSoup) -> None:
    # no executable script carries the payload, and JSON-LD stays valid JSON inside its own
    # element (a breakout would split it and leave a script of its own)
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            assert json.loads(script.get_text())["@type"]
        else:
            assert "alert" not in script.get_text(), script
    # no element got an event handler or a javascript: link
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not name.lower().startswith("on"), element
            assert not text.strip().lower().startswith("javascript:"), element
    # nothing hostile came through as markup
    assert "display:none" not in " ".join(style.get_text() for style in soup.find_all("style"))
    assert not soup.find("iframe")
    assert soup.find("img", src="x") is None


def test_no_script_from_any_field_runs_in_the_article_page(rendered):
    assert_no_active_content(BeautifulSoup(rendered, "html.parser"))


TEXT_FIELDS = [
    "Judul",  # title
    "Kicker",
    "Lead",
    "Keterangan",  # hero caption
    "Penulis",  # author name
    "Koreksi",  # correction note
    "Subjudul",  # heading block
    "Kutipan",  # quote block
    "Sumber",  # quote attribution
    "Kepala",  # table header cell
    "Sel",  # table cell
    "Ajakan",  # call to action
    "Tombol",  # button label
]


def test_each_text_field_is_shown_as_the_text_the_editor_typed(rendered):
    shown = rendered.replace("&quot;", '"').replace("&#x27;", "'")
    escaped = "&lt;/script&gt;&lt;script&gt;alert("

    missing = [label for label in TEXT_FIELDS if f"{label} {escaped}" not in shown]

    assert missing == []


def test_allowed_rich_text_survives(rendered, home_page):
    soup = BeautifulSoup(rendered, "html.parser")
    body = soup.find(class_="article-body")

    assert body.find("b").get_text() == "tebal"
    assert body.find("a", string="beranda")["href"] == home_page.url
    assert [li.get_text() for li in body.find_all("li")] == ["satu", "dua"]
    assert body.find("a", string="tautan jahat").get("href") is None
    assert body.find("p", string="klik").attrs == {}
    assert body.find("a", string="Tombol jahat") is None  # a javascript: button is dropped


def test_sanitiser_keeps_what_the_editor_produces():
    html = (
        '<h3>Judul</h3><p><b>tebal</b> <i>miring</i> <a linktype="page" id="3">halaman</a> '
        '<a href="https://tangerangkota.go.id">situs</a> '
        '<a linktype="document" id="7">dokumen</a></p><ol><li>satu</li></ol><hr/>'
    )

    assert sanitise_rich_text(html) == html.replace("<hr/>", "<hr>")


def test_the_city_app_gets_the_body_sanitised_too(client, hostile_article):
    response = client.get(f"/api/v2/pages/{hostile_article.pk}/")

    assert response.status_code == 200
    body = response.json()["body"]
    assert "Subjudul &lt;/script&gt;" in body
    assert_no_active_content(BeautifulSoup(body, "html.parser"))
