"""Admin view sets of this area, added to the "Pengukuran" menu group: "Dasbor" (the office
dashboard and one per campaign) and "Laporan kampanye" (AMEC report, CSV/XLSX export)."""

from django.http import HttpRequest
from django.urls import URLPattern, path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import access
from .export import export_csv, export_office_csv, export_office_xlsx, export_xlsx
from .pdf import export_pdf
from .report import CampaignReportView, ReportIndexView
from .views import CampaignDashboardView, OfficeDashboardView
from .weekly import toggle_subscription


class ReaderMenuItem(MenuItem):
    """Analysts and the head, and social media managers (who see their own campaigns)."""

    def is_shown(self, request: HttpRequest) -> bool:
        user = request.user
        return access.can_read_office(user) or access.is_social_manager(user)


class DashboardViewSet(ViewSet):
    name = "campaigns_dashboard"
    url_prefix = "campaigns/dashboards"
    icon = "doc-full-inverse"
    menu_label = "Dasbor"
    menu_item_class = ReaderMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", OfficeDashboardView.as_view(), name="index"),
            path("export.csv", export_office_csv, name="export_csv"),
            path("export.xlsx", export_office_xlsx, name="export_xlsx"),
            path("campaign/<int:pk>/", CampaignDashboardView.as_view(), name="campaign"),
        ]


class ReportViewSet(ViewSet):
    name = "campaigns_report"
    url_prefix = "campaigns/reports"
    icon = "doc-full"
    menu_label = "Laporan kampanye"
    menu_item_class = ReaderMenuItem

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", ReportIndexView.as_view(), name="index"),
            path("<int:pk>/", CampaignReportView.as_view(), name="report"),
            path("<int:pk>/export.csv", export_csv, name="export_csv"),
            path("<int:pk>/export.xlsx", export_xlsx, name="export_xlsx"),
            path("<int:pk>/report.pdf", export_pdf, name="export_pdf"),
            path("<int:pk>/weekly/", toggle_subscription, name="weekly"),
        ]


VIEWSETS: list[ViewSet] = [DashboardViewSet(), ReportViewSet()]
