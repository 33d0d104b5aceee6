"""Admin screens of the shared security features: Settings > Kunci log-in (administrators)."""

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .lockouts import lockouts_view


@hooks.register("register_admin_urls")
def lockout_urls() -> list[URLPattern]:
    return [path("kunci-log-in/", lockouts_view, name="core_lockouts")]


class AdministratorsOnlyMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def lockouts_menu_item() -> AdministratorsOnlyMenuItem:
    return AdministratorsOnlyMenuItem(
        "Kunci log-in", reverse("core_lockouts"), icon_name="lock", order=900
    )
