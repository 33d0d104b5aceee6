"""Wagtail view sets for accounts, personas, campaigns and posts, grouped under "Kampanye".

Each module registers its own hooks on import; the group also carries the extra admin view
sets of ``campaigns.views.ADMIN_VIEWSETS`` (calendar, delivery log, notifications, health)."""

from collections.abc import Iterable

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from . import dashboard, promote  # noqa: F401 - hooks register on import
from .accounts import PersonaViewSet, SocialAccountViewSet
from .campaigns import CampaignViewSet
from .posts import PostViewSet


class CampaignsMenu(ViewSetGroup):
    menu_label = "Kampanye"
    menu_icon = "calendar-check"
    menu_order = 250

    def __init__(self, extra: Iterable[ViewSet] = ()) -> None:
        self.items = (PostViewSet, CampaignViewSet, SocialAccountViewSet, PersonaViewSet, *extra)
        super().__init__()


@hooks.register("register_admin_viewset")
def register_campaigns_menu() -> CampaignsMenu:
    from campaigns.views import ADMIN_VIEWSETS

    return CampaignsMenu(extra=ADMIN_VIEWSETS)
