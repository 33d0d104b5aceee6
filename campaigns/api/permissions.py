"""API permissions = the Django model permissions the office's groups hold (migration
``0002_roles``), so the API allows exactly what the admin allows."""

from rest_framework.permissions import DjangoModelPermissions

VIEW = ["%(app_label)s.view_%(model_name)s"]


class RolePermissions(DjangoModelPermissions):
    """Reading needs the ``view`` permission; writes need add/change/delete; an action
    (``submit``, ``retry``…) needs what the view lists for it in ``action_permissions``."""

    perms_map = {**DjangoModelPermissions.perms_map, "GET": VIEW, "HEAD": VIEW}

    def has_permission(self, request, view) -> bool:
        required = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if required is None:
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(required))
