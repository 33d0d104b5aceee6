"""API permissions: the role's model permissions (migration ``0002_roles``) for the request,
and ``campaigns.policy`` for the object, so the API allows exactly what the admin allows:
a social media manager reads everything but changes only their own work."""

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import DjangoModelPermissions

from .. import policy

VIEW = ["%(app_label)s.view_%(model_name)s"]
# DRF's view actions → the policy's actions; custom actions (submit, retry…) keep their name.
POLICY_ACTIONS = {
    "retrieve": "view",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}
# Who answers for an object: set by the system, changed only by the head of Humas.
OWNER_FIELDS = ("owner", "co_owners")


class RolePermissions(DjangoModelPermissions):
    """Reading needs the ``view`` permission; writes need add/change/delete; an action
    (``submit``, ``retry``…) needs what the view lists for it in ``action_permissions``.
    On one object, ``campaigns.policy`` decides (its refusal is the 403's message)."""

    perms_map = {**DjangoModelPermissions.perms_map, "GET": VIEW, "HEAD": VIEW}

    def has_permission(self, request, view) -> bool:
        required = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if required is None:
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(required))

    def has_object_permission(self, request, view, obj) -> bool:
        action = getattr(view, "action", None) or "view"
        reason = policy.refusal(request.user, POLICY_ACTIONS.get(action, action), obj)
        if reason:
            raise PermissionDenied(reason)
        return True


def guard_owner_fields(serializer, attrs: dict) -> None:
    """Only the head of Humas or an administrator sets who answers for an object (the
    system sets the creator); anybody else sending another owner or other co-owners gets a
    403 that says so, never a silent no-op."""
    user = serializer.context["request"].user
    instance = serializer.instance
    reason = policy.refusal(user, "change_owner", instance or serializer.Meta.model)
    if not reason:
        return
    for name in OWNER_FIELDS:
        if name in attrs and _pks(attrs[name]) != _pks(_current(instance, name, user)):
            raise PermissionDenied(reason)


def _current(instance, name: str, user):
    if name == "owner":
        return instance.owner if instance is not None else user
    return list(instance.co_owners.all()) if instance is not None else []


def _pks(value) -> set:
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {item.pk for item in value}
    return {value.pk}


def choosable(user):
    """The images ``user`` may put in a post: those in collections they may choose from."""
    return image_policy().instances_user_has_any_permission_for(user, ["choose"])


def image_policy():
    """Wagtail's collection-aware permission policy for the image model."""
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(get_image_model())
