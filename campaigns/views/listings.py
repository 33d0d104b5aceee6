"""What the admin's read-only listings share (deliveries, the delivery log, and insights'
collector runs and tracked links): Wagtail's ``ModelViewSet`` with only its index and results
views, the model's read-only permission policy (``policy.ReadOnlyPermissionPolicy``: view,
and nothing to add, edit or delete), and the listing's CSV and XLSX export, with times in
WIB."""

import datetime
from typing import Any

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .common import WIB, wib

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _wib_text(value: datetime.datetime) -> str:
    return f"{wib(value):%Y-%m-%d %H:%M}"


def _wib_naive(value: datetime.datetime) -> datetime.datetime:
    """Spreadsheets keep no time zone: the office reads WIB."""
    return value.astimezone(WIB).replace(tzinfo=None)


def next_url(request: HttpRequest, index_url_name: str) -> str:
    """The listing as the user sees it (filters, page), to come back to after a button."""
    query = request.GET.copy()
    query.pop("_w_filter_fragment", None)
    return f"{reverse(index_url_name)}?{query.urlencode()}"


class ReadOnlyIndexView(IndexView):
    """A listing to read and export; its rows change elsewhere."""

    table_classname = "listing benteng-table"
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: _wib_text,
            IndexView.FORMAT_XLSX: _wib_naive,
        },
    }

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        csv_text = export_format == self.FORMAT_CSV and isinstance(value, str)
        if csv_text and value.startswith(FORMULA_START):
            return f"'{value}"
        return value


class ReadOnlyModelViewSet(ModelViewSet):
    """Index and results only: no add, edit, delete, copy, history or usage views, no
    reference index (the rows are records, not content) and only the ``view`` permission
    in the group editor."""

    index_view_class = ReadOnlyIndexView
    copy_view_enabled = False
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        names = ("add", "edit", "delete", "history", "usage")
        view_kwargs: dict[str, Any] = super().get_common_view_kwargs(
            **{f"{name}_url_name": None for name in names}, **kwargs
        )
        return view_kwargs

    def get_urlpatterns(self) -> list[URLPattern]:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def register_admin_url_finder(self) -> None:
        """No edit view to find."""

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            codename=get_permission_codename("view", self.model_opts),
        )
