""" "Unduh PDF": the campaign report rendered on the server by WeasyPrint, the same sections as
the screen, with the office logo, the campaign and its period in every page's header, page
numbers, the SVG charts as vectors, and no table row split across pages.

Nothing is fetched while rendering: the stylesheet is read from the static files, the logo is
embedded as a data URI, and WeasyPrint's fetcher accepts ``data:`` URLs only, so a URL typed
into a campaign field can never make the server request anything.
"""

import base64
import datetime

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from campaigns.models import Campaign

from . import access
from .report import campaign_for, sections

STYLESHEET = "insights/report-pdf.css"
LOGO_SPEC = "max-240x80"


def logo_data_uri() -> str:
    """The office logo from the branding settings, as a data URI ("" when there is none)."""
    from home.models import BrandingSettings

    logo = BrandingSettings.load().logo
    if logo is None:
        return ""
    try:
        rendition = logo.get_rendition(LOGO_SPEC + "|format-png")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""  # a missing file never stops the report
    return "data:image/png;base64," + base64.b64encode(data).decode()


def stylesheet() -> str:
    path = finders.find(STYLESHEET)
    if not isinstance(path, str):
        raise FileNotFoundError(STYLESHEET)
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _weasyprint():
    """WeasyPrint, imported here (it loads Pango, which only this needs), without the
    side effect of its import: it sets Pillow's ``LOAD_TRUNCATED_IMAGES`` for the whole
    process, which would let a cut-short upload pass Wagtail's image checks."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
    return HTML, URLFetcher


def render_report_pdf(campaign: Campaign, start: datetime.date, end: datetime.date) -> bytes:
    """The report for ``start`` to ``end`` as PDF bytes (also attached to the weekly e-mail)."""
    HTML, URLFetcher = _weasyprint()

    from home.models import BrandingSettings

    context = {
        **sections(campaign, start, end),
        "campaign": campaign,
        "branding": BrandingSettings.load(),
        "logo": logo_data_uri(),
        "stylesheet": stylesheet(),
        "generated": timezone.localtime(timezone.now(), access.WIB),
    }
    html = render_to_string("insights/report/pdf.html", context)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher, base_url="data:,").write_pdf()


def export_pdf(request, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    data = request.GET if {"start", "end"} & set(request.GET) else None
    form = access.DateRangeForm(data, default=access.campaign_default(campaign))
    start, end = form.period()
    response = HttpResponse(render_report_pdf(campaign, start, end), content_type="application/pdf")
    name = f"laporan-{slugify(campaign.name) or campaign.pk}-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
