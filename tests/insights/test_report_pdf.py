"""The AMEC report prints whole: "Unduh PDF" renders it on the server (WeasyPrint), with the
campaign and its period in every page's header, page numbers and every section; and the
browser's own print of the admin page is no longer cut at section 3."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.insights.metrics_data import END, START, seed_week

pytestmark = pytest.mark.django_db

WEEK = {"start": START.isoformat(), "end": END.isoformat()}


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def week(users, published_article):
    return seed_week(users["social"], published_article)


@pytest.mark.slow
def test_unduh_pdf_gives_the_whole_report_with_header_and_page_numbers(client, users, week):
    # given an analyst on a campaign's report
    client.force_login(users["analyst"])
    campaign = week["campaign"]
    page = client.get(reverse("campaigns_report:report", args=[campaign.pk]), WEEK)
    assert "Unduh PDF" in page.content.decode()

    # when they download the PDF
    response = client.get(reverse("campaigns_report:export_pdf", args=[campaign.pk]), WEEK)

    # then it is a PDF file named for the campaign and the period
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{START:%Y%m%d}-{END:%Y%m%d}.pdf" in response["Content-Disposition"]
    pages = pdf_pages(response.content)
    # of more than one page, each headed by the campaign and numbered "n dari m"
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert campaign.name in text
        assert f"Halaman {number} dari {len(pages)}" in text
    # with every AMEC section, the last one included, and the appendix of charts
    whole = "\n".join(pages)
    for heading in ("1. Tujuan", "6. Hasil", "8. Pembelajaran", "Lampiran: grafik harian"):
        assert heading in whole


@pytest.mark.slow
def test_the_pdf_fetches_nothing_a_campaign_field_names(client, users, week, httpserver):
    # given a campaign objective carrying an image pointing at a server
    httpserver.expect_request("/pixel.png").respond_with_data(b"", status=200)
    campaign = week["campaign"]
    campaign.objective = f'<img src="{httpserver.url_for("/pixel.png")}"> Warga tahu.'
    campaign.save()
    client.force_login(users["analyst"])
    # when the PDF is rendered
    response = client.get(reverse("campaigns_report:export_pdf", args=[campaign.pk]), WEEK)
    # then it renders, and the server was never asked (the text is escaped; nothing fetched)
    assert response.status_code == 200
    assert httpserver.log == []


def test_rendering_a_pdf_leaves_image_uploads_as_strict_as_before(client, users, week):
    # given WeasyPrint, whose import tells Pillow to accept cut-short images process-wide
    from PIL import ImageFile

    client.force_login(users["analyst"])
    # when a PDF has been rendered in this process
    client.get(reverse("campaigns_report:export_pdf", args=[week["campaign"].pk]), WEEK)
    # then a truncated upload would still be refused
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
