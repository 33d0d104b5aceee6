"""The "Pengukuran" (measurement) menu group: dashboards, reports, clippings, peers,
collector status. Each area lists its view sets in its own ``admin`` module."""

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .clippings.admin import VIEWSETS as CLIPPING_VIEWSETS
from .collectors.admin import VIEWSETS as COLLECTOR_VIEWSETS
from .dashboards.admin import VIEWSETS as DASHBOARD_VIEWSETS
from .tracking.admin import VIEWSETS as TRACKING_VIEWSETS


class MeasurementGroup(ViewSetGroup):
    menu_label = "Pengukuran"
    menu_icon = "doc-full-inverse"
    menu_order = 310
    items = (*DASHBOARD_VIEWSETS, *CLIPPING_VIEWSETS, *COLLECTOR_VIEWSETS, *TRACKING_VIEWSETS)


@hooks.register("register_admin_viewset")
def register_measurement_group() -> MeasurementGroup | list[MeasurementGroup]:
    if MeasurementGroup.items:
        return MeasurementGroup()
    return []
