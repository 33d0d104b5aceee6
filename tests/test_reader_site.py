"""The reader website: every page type renders what a reader needs, in safe, self-hosted HTML."""

import json
import re
import zoneinfo
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from tests.factories import (
    AuthorFactory,
    NewsImageFactory,
    ProgrammeFactory,
    article,
    bulletin_issue,
    complete_article,
    magazine_issue,
    newspaper_edition,
    pdf_document,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture
def editions(publications):
    """One edition of each publication, each with a cover; Koran and Majalah with their PDF."""
    return {
        "koran": newspaper_edition(
            publications["koran"],
            number=12,
            cover=NewsImageFactory(title="Sampul Koran"),
            epaper=pdf_document("E-paper Koran 12"),
        ),
        "majalah": magazine_issue(
            publications["majalah"],
            volume=3,
            number=7,
            theme="Kota ramah anak",
            cover=NewsImageFactory(title="Sampul Majalah"),
            pdf=pdf_document("Majalah LIVE 3-7"),
        ),
        "buletin": bulletin_issue(
            publications["buletin"],
            theme="Menjaga kebersihan",
            preacher="Ust. Ahmad",
            cover=NewsImageFactory(title="Sampul Buletin"),
        ),
    }


@pytest.fixture
def story(editions):
    """The article at its fullest, in the Koran edition."""
    return complete_article(editions["koran"])


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(soup: BeautifulSoup) -> dict:
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def meta(soup: BeautifulSoup, key: str) -> str:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    assert tag is not None, f"no <meta> {key}"
    return tag["content"]


def static_text(path: str) -> str:
    return Path(finders.find(path)).read_text(encoding="utf-8")


def srcset_widths(srcset: str) -> list[int]:
    return [int(item.split()[1].rstrip("w")) for item in srcset.split(",")]


# --- the site's frame: header, navigation, footer --------------------------------------------


def test_every_page_has_the_site_frame_in_indonesian(client, publications):
    # when a reader opens the home page
    soup = soup_of(client.get("/"))

    # then it is Indonesian, skippable and built of landmarks
    assert soup.html["lang"] == "id"
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("header", class_="site-header")
    assert soup.find("footer", class_="site-footer")
    # and the header carries the brand, the tagline, the three publications and the pillars
    header = soup.find("header", class_="site-header")
    assert "Benteng" in header.find(class_="brand-name").text
    assert header.find(class_="brand-tagline").text == "Tangerang LIVE"
    # and the brand's link is named by what it shows (WCAG 2.5.3: a voice user says what
    # they see), then where it goes
    brand = header.find("a", class_="brand")
    assert not brand.has_attr("aria-label")
    assert " ".join(brand.stripped_strings) == "Benteng Tangerang LIVE — beranda"
    nav_links = {a.text: a["href"] for a in header.find("nav").find_all("a")}
    assert nav_links["Koran Kota Benteng"] == "/koran-kota-benteng/"
    assert nav_links["Majalah LIVE"] == "/majalah-live/"
    assert nav_links["Buletin Jumat"] == "/buletin-jumat/"
    assert nav_links["E-City"] == "/pilar/e-city/"
    search = header.find("form", role="search")
    assert search["action"] == "/cari/"
    assert search.find("input")["name"] == "q"
    assert soup.find("label", attrs={"for": search.find("input")["id"]})
    # and the footer links the feeds
    footer_links = [a["href"] for a in soup.find("footer").find_all("a")]
    assert "/rss/" in footer_links
    assert "/rss/koran-kota-benteng/" in footer_links


def test_footer_shows_only_the_social_accounts_that_are_filled_in(client, publications):
    # given the office has an Instagram account but no other
    from home.models import BrandingSettings

    branding = BrandingSettings.load()
    branding.instagram_url = "https://www.instagram.com/pemkot_tangerang/"
    branding.save()

    # when a reader opens the home page
    footer = soup_of(client.get("/")).find("footer")

    # then the footer links Instagram and no empty network
    links = {a.text: a["href"] for a in footer.find_all("a")}
    assert links["Instagram"] == "https://www.instagram.com/pemkot_tangerang/"
    assert "Facebook" not in links


def test_fonts_are_served_by_the_site_with_font_display_swap():
    # given the site stylesheet
    css = static_text("css/site.css")

    # then every font face is a local woff2 file shown with swap
    sources = re.findall(r"url\(\"?([^\")]+)\"?\)", css)
    assert sources
    assert all(source.startswith("../fonts/") and source.endswith(".woff2") for source in sources)
    assert all(finders.find("fonts/" + source.removeprefix("../fonts/")) for source in sources)
    assert css.count("@font-face") == css.count("font-display: swap")
    assert finders.find("fonts/LICENSE-source-serif-4.txt")


# --- home, publication, edition ---------------------------------------------------------------


def test_home_page_leads_with_the_newest_story_and_lists_the_rest(client, editions):
    # given five articles published one after another
    titles = [f"Berita nomor {n}" for n in range(5)]
    for title in titles:
        article(editions["koran"], title=title, hero_image=NewsImageFactory())

    # when a reader opens the home page
    soup = soup_of(client.get("/"))

    # then the newest is the lead story and the others follow
    lead = soup.find("article", class_="lead-story")
    assert lead.find(class_="lead-story-title").text.strip() == titles[-1]
    cards = [card.find(class_="card-title").text.strip() for card in soup.find_all(class_="card")]
    assert cards == list(reversed(titles[:-1]))
    # and each card names its publication
    assert soup.find(class_="card-publication").text == "Koran Kota Benteng"


def test_home_page_shows_latest_editions_with_covers(client, editions):
    # given the newest edition of each publication, each with a cover
    # when a reader opens the home page
    soup = soup_of(client.get("/"))

    # then each edition shows with its cover and its publication
    cards = soup.find_all(class_="edition-card")
    assert [card.find(class_="edition-card-publication").text for card in cards] == [
        "Koran Kota Benteng",
        "Majalah LIVE",
        "Buletin Jumat",
    ]
    assert all(card.find("picture").find("img")["loading"] == "lazy" for card in cards)


def test_home_page_without_articles_says_so(client, publications):
    soup = soup_of(client.get("/"))
    assert "Belum ada berita" in soup.find("main").text


def test_publication_page_shows_masthead_description_and_editions_with_covers(client, editions):
    # given a Koran with two editions
    second = newspaper_edition(
        editions["koran"].get_parent(), number=13, cover=NewsImageFactory(title="Sampul 13")
    )

    # when a reader opens the publication
    soup = soup_of(client.get("/koran-kota-benteng/"))

    # then the masthead and both editions show, newest first, each with its cover
    assert soup.find("h1").text == "Koran Kota Benteng"
    cards = soup.find_all(class_="edition-card")
    assert [card.find(class_="edition-card-title").text for card in cards] == [
        second.title,
        editions["koran"].title,
    ]
    assert all(card.find("picture") for card in cards)
    assert soup.find("link", rel="alternate", href="/rss/koran-kota-benteng/")


def test_publication_page_paginates_editions(client, publications):
    # given more editions than fit on a page
    for number in range(1, 14):
        newspaper_edition(publications["koran"], number=number)

    # when the reader asks for the second page, or for nonsense
    second = soup_of(client.get("/koran-kota-benteng/?page=2"))
    nonsense = soup_of(client.get("/koran-kota-benteng/?page=abc"))

    # then the pagination component shows where they are
    assert second.find("nav", class_="pagination").find("a", attrs={"aria-current": "page"})
    assert len(second.find_all(class_="edition-card")) == 1
    assert len(nonsense.find_all(class_="edition-card")) == 12


@pytest.mark.parametrize(
    ("kind", "download_text", "facts"),
    [
        ("koran", "Unduh e-paper", ["Nomor edisi", "12"]),
        ("majalah", "Unduh majalah", ["Vol. 3 No. 7", "Kota ramah anak"]),
        ("buletin", "Versi cetak A4", ["Menjaga kebersihan", "Ust. Ahmad", "Jumat"]),
    ],
)
def test_edition_page_shows_cover_contents_and_its_download(
    client, editions, kind, download_text, facts
):
    # given an edition with two articles
    edition = editions[kind]
    first = article(edition, title="Artikel pertama", kicker="Utama")
    second = article(edition, title="Artikel kedua", hero_image=NewsImageFactory())

    # when a reader opens the edition
    soup = soup_of(client.get(edition.url))

    # then they see the cover, the facts, the table of contents in order and the download
    assert soup.find("h1").text == edition.title
    cover = soup.find(class_="edition-cover").find("img")
    assert cover["alt"] == f"Sampul {edition.title}"
    facts_text = soup.find(class_="edition-facts").text
    assert all(fact in facts_text for fact in facts)
    toc = [a.text for a in soup.find(class_="toc-list").find_all("a") if a.text]
    assert toc == [first.title, second.title]
    download = soup.find(class_="edition-actions").find("a")
    assert download_text in download.text
    if kind == "koran":
        assert download["href"] == edition.epaper.url
    elif kind == "majalah":
        assert download["href"] == edition.pdf.url
    else:
        assert download["href"] == edition.url + "cetak/"


def test_bulletin_print_view_is_an_a4_sheet_without_navigation(client, editions):
    # given a Friday bulletin with an article by a known author
    issue = editions["buletin"]
    article(issue, title="Kebersihan sebagian dari iman", authors=[AuthorFactory(name="Ust. Ali")])

    # when the print view is opened
    response = client.get(issue.url + "cetak/")
    soup = soup_of(response)

    # then it uses the print stylesheet, has a print button and no site navigation
    stylesheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert stylesheets == [settings.STATIC_URL + "css/bulletin-print.css"]
    assert soup.find("button", attrs={"data-print": True}).text == "Cetak"
    assert not soup.find("nav")
    assert soup.find("h2").text == "Kebersihan sebagian dari iman"
    assert "Ust. Ali" in soup.find(class_="bulletin-byline").text
    # and the stylesheet sets an A4 page in two columns
    css = static_text("css/bulletin-print.css")
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "column-count: 2" in css


# --- the article --------------------------------------------------------------------------------


def test_article_page_shows_everything_a_reader_needs(client, story):
    # when a reader opens a complete article
    soup = soup_of(client.get(story.url))
    page = soup.find("article", class_="article")

    # then kicker, headline, lead and bylines with photo and bio come first
    assert page.find(class_="article-kicker").text == "Lingkungan"
    assert page.find("h1").text == story.title
    assert page.find(class_="article-lead").text == story.lead
    assert [a.text for a in page.find(class_="byline").find_all("a")] == [
        "Siti Rahma",
        "Budi Santoso",
    ]
    author_cards = page.find_all(class_="author-card")
    assert author_cards[0].find("img")
    assert "Fotografer Humas." in author_cards[1].text
    # and the display date is in Indonesian, the time of publication in WIB
    dateline = page.find(class_="dateline").text
    published = timezone.localtime(story.first_published_at, JAKARTA)
    assert f"Terbit {published:%H.%M} WIB" in dateline
    assert re.search(r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d+ \w+ \d{4}", dateline)
    # and the hero image carries caption and credit
    caption = page.find("figure", class_="article-hero").find("figcaption").text
    assert "Penanaman pohon di bantaran Cisadane." in caption
    assert "Foto: Humas/Andi" in caption
    # and pillar, programme and tags link to their topic pages
    topics = {a.text: a["href"] for a in page.find(class_="topic-list").find_all("a")}
    assert topics["Pilar Liveable"] == "/pilar/liveable/"
    assert topics["Tangerang Hijau"] == "/program/tangerang-hijau/"
    assert topics["#pohon"] == "/cari/?q=pohon"
    # and the correction and the related article are shown
    assert "Jumlah pohon semula tertulis 100." in page.find(class_="corrections").text
    related = soup.find("section", class_="related")
    assert "Bantaran Cisadane makin hijau" in related.text


def test_article_dates_stay_indonesian_whatever_the_browser_language(client, story):
    # when a reader whose browser prefers English opens the article
    soup = soup_of(client.get(story.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))

    # then the page and its dates are still in Indonesian
    assert soup.html["lang"] == "id"
    day = story.display_date
    expected = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][day.weekday()]
    assert soup.find(class_="dateline").time.text.startswith(f"{expected}, {day.day} ")


def test_article_body_blocks_render_as_real_markup(client, story):
    # when the complete article is rendered
    body = soup_of(client.get(story.url)).find(class_="article-body")

    # then each block has its own markup
    assert body.find("h2", class_="block-heading").text == "Seribu pohon di bantaran"
    image = body.find("figure", class_="block-image")
    assert image.find("img")["alt"] == "Warga menanam pohon"
    assert image.find("figcaption").text.startswith("Penanaman")
    quote = body.find("figure", class_="block-quote")
    assert quote.find("blockquote").text.strip() == "Kota hijau adalah kota sehat."
    assert "Wali Kota" in quote.find("figcaption").text
    gallery = body.find(class_="block-gallery")
    assert gallery["aria-label"] == "Galeri kegiatan"
    assert len(gallery.find_all("figure")) == 2
    document = body.find(class_="block-document").find("a")
    assert document["href"].startswith("/documents/")
    assert "Unduh laporan" in document.text
    assert "PDF" in document.text
    cta = body.find(class_="block-cta")
    assert cta.find("a", class_="button")["href"] == story.related_links.first().article.url


def test_article_has_open_graph_twitter_and_canonical_tags(client, story):
    # when the article is rendered
    soup = soup_of(client.get(story.url))
    base = settings.PUBLIC_BASE_URL

    # then it carries OpenGraph and Twitter card tags with absolute URLs
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == story.title
    assert meta(soup, "og:description") == story.lead
    assert meta(soup, "og:url") == base + story.url
    og_image = meta(soup, "og:image")
    assert og_image.startswith(base + "/")
    assert og_image.endswith(".jpg")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "article:published_time").startswith(
        story.first_published_at.astimezone().strftime("%Y-")
    )
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == og_image
    assert soup.find("link", rel="canonical")["href"] == base + story.url
    assert soup.find("meta", attrs={"name": "description"})["content"] == story.lead


def test_article_json_ld_is_a_news_article_with_required_fields(client, story):
    # when the article is rendered
    data = json_ld(soup_of(client.get(story.url)))
    base = settings.PUBLIC_BASE_URL

    # then its structured data is a complete NewsArticle
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.title
    assert data["description"] == story.lead
    assert len(data["image"]) == 3
    assert all(url.startswith(base + "/") for url in data["image"])
    assert data["datePublished"].endswith("+07:00")
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "Siti Rahma", "url": base + "/penulis/siti-rahma/"},
        {"@type": "Person", "name": "Budi Santoso", "url": base + "/penulis/budi-santoso/"},
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Humas Pemerintah Kota Tangerang"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith(base + "/static/img/logo")
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": base + story.url}


def test_publisher_logo_comes_from_branding_settings_when_set(client, story):
    # given the office uploaded its logo
    from home.models import BrandingSettings

    branding = BrandingSettings.load()
    branding.logo = NewsImageFactory(title="Logo Humas")
    branding.save()

    # when the article is rendered
    logo = json_ld(soup_of(client.get(story.url)))["publisher"]["logo"]

    # then the logo is a rendition of that image
    assert "/images/" in logo["url"]
    assert logo["width"] <= 600


@pytest.mark.parametrize("field", ["title", "lead", "kicker"])
def test_script_in_article_text_is_escaped_everywhere(client, editions, field):
    # given an article whose text tries to inject a script and close the JSON-LD block
    hostile = f"Warga </script>{SCRIPT} senang"
    page = article(editions["koran"], hero_image=NewsImageFactory(), **{field: hostile})

    # when it is rendered
    response = client.get(page.url)
    html = response.content.decode()
    soup = soup_of(response)

    # then no script tag comes from it, in the HTML or the JSON-LD
    assert SCRIPT not in html
    assert "</script><script>" not in html
    inline_scripts = [script for script in soup.find_all("script") if not script.get("src")]
    assert [script.get("type") for script in inline_scripts] == ["application/ld+json"]
    # (the only other scripts are our own static files: "copy link" and the page-view beacon)
    assert [s["src"] for s in soup.find_all("script", src=True)] == [
        "/static/js/share.js",
        "/static/js/beacon.js",
    ]
    # and the JSON-LD still parses and holds the text as the editor wrote it
    data = json_ld(soup)
    expected = {"title": "headline", "lead": "description", "kicker": "alternativeHeadline"}
    assert data[expected[field]] == hostile


def test_images_are_responsive_pictures_in_webp_with_jpeg_fallback(client, story):
    # when the article is rendered
    soup = soup_of(client.get(story.url))

    # then every content image is a <picture> with a WebP source and a JPEG <img> fallback
    pictures = soup.find("main").find_all("picture")
    assert len(pictures) >= 5  # hero, body image, two gallery images, author photo, related
    for picture in pictures:
        source = picture.find("source")
        img = picture.find("img")
        assert source["type"] == "image/webp"
        assert ".webp" in source["srcset"]
        assert img["src"].endswith(".jpg")
        assert img["width"]
        assert img["height"]
        assert img.has_attr("alt")
        assert source["sizes"] == img["sizes"]
    # and the hero offers several widths
    hero = soup.find("figure", class_="article-hero")
    assert len(srcset_widths(hero.find("source")["srcset"])) == 3


def test_hero_loads_first_and_everything_below_the_fold_lazily(client, story):
    # when the article is rendered
    soup = soup_of(client.get(story.url))

    # then the hero is eager with high priority
    hero = soup.find("figure", class_="article-hero").find("img")
    assert hero["fetchpriority"] == "high"
    assert not hero.has_attr("loading")
    # and every other image waits until it is needed
    others = [img for img in soup.find("main").find_all("img") if img is not hero]
    assert others
    assert all(img["loading"] == "lazy" for img in others)


# --- topics, search, errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/pilar/liveable/", "Pilar Liveable"),
        ("/program/tangerang-hijau/", "Tangerang Hijau"),
        ("/penulis/siti-rahma/", "Siti Rahma"),
    ],
)
def test_topic_pages_list_the_articles_on_that_topic(client, story, url, title):
    # when a reader opens a topic page
    soup = soup_of(client.get(url))

    # then it names the topic and lists the article
    assert soup.find("h1").text == title
    assert story.title in [a.text for a in soup.find_all("a")]
    assert soup.find("link", rel="canonical")["href"] == settings.PUBLIC_BASE_URL + url


@pytest.mark.slow
def test_search_page_has_labelled_filters_and_keeps_them_across_pages(client, editions):
    # given more matching Liveable Koran articles than fit on one page
    programme = ProgrammeFactory(name="Usir Banjir")
    for number in range(13):
        page = article(
            editions["koran"],
            title=f"Penanganan banjir tahap {number}",
            pillar="liveable",
            hero_image=NewsImageFactory(),
        )
        page.programmes.add(programme)

    # when a reader searches with both filters
    query = "?q=banjir&publikasi=koran-kota-benteng&pilar=liveable"
    soup = soup_of(client.get("/cari/" + query))

    # then every filter control has a label and keeps its value
    form = soup.find("form", class_="search-form")
    for control in form.find_all(["input", "select"]):
        assert form.find("label", attrs={"for": control["id"]})
    assert form.find("input", attrs={"name": "q"})["value"] == "banjir"
    assert form.find("option", selected=True, value="koran-kota-benteng")
    assert form.find("option", selected=True, value="liveable")
    # and the results and the pagination keep the query and the filters
    assert len(soup.find(class_="search-results").find_all("article")) == 12
    next_link = soup.find("nav", class_="pagination").find("a", rel="next")["href"]
    assert parse_qs(urlsplit(next_link).query) == {
        "q": ["banjir"],
        "publikasi": ["koran-kota-benteng"],
        "pilar": ["liveable"],
        "page": ["2"],
    }


@pytest.mark.parametrize("query", ["", SCRIPT, '"kota" OR 1=1; --', "x" * 1000])
def test_search_page_renders_any_query_safely(client, published_article, query):
    response = client.get("/cari/", {"q": query})
    soup = soup_of(response)
    assert SCRIPT not in response.content.decode()
    assert soup.find("h1").text == "Cari berita"


def test_missing_page_is_a_404_with_the_site_frame(client, publications):
    # when a reader follows a dead link
    response = client.get("/tidak-ada/")

    # then they get a 404 page with a way back
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("h1").text == "Halaman tidak ditemukan"
    assert soup.find("header", class_="site-header")
    assert soup.find("a", href="/")
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"})


def test_server_error_page_needs_no_database():
    # when Django renders the 500 page (with no context, as its handler does)
    html = render_to_string("500.html")

    # then it is a complete Indonesian page
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.find("h1").text == "Terjadi kesalahan"


# --- no asset from another host -----------------------------------------------------------------


URL_PATTERN = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""")


def test_pages_load_nothing_from_other_hosts(client, editions, story):
    # given every kind of reader page
    urls = [
        "/",
        "/majalah-live/",
        editions["koran"].url,
        editions["majalah"].url,
        editions["buletin"].url,
        editions["buletin"].url + "cetak/",
        story.url,
        "/pilar/liveable/",
        "/cari/?q=pohon",
    ]
    own_hosts = {urlsplit(settings.PUBLIC_BASE_URL).netloc, "testserver"}

    # when each is rendered
    foreign = {}
    for url in urls:
        soup = soup_of(client.get(url))
        # (share links are plain links a reader may follow to the network: nothing loads
        # from them; they are checked in test_share_links_are_plain_links_whatsapp_first)
        share = soup.find("nav", class_="share")
        if share is not None:
            share.decompose()
        html = soup.decode()
        # then every absolute URL in it points at this site (schema.org names a vocabulary)
        foreign[url] = [
            found
            for found in URL_PATTERN.findall(html)
            if urlsplit(found if "://" in found else "http:" + found).netloc not in own_hosts
            and not found.startswith("https://schema.org")
        ]
    assert foreign == {url: [] for url in urls}
