"""Who may do what to which campaign object: one rule for the admin and the REST API.

``can(user, action, obj)`` answers yes or no; ``refusal(user, action, obj)`` says why not
(an Indonesian sentence, "" when allowed); ``require`` raises ``PermissionDenied`` with it.

Two things must hold for every action:

1. The role: the user's Django model permission for it (granted to the office's groups by
   migrations 0002 and 0006, so giving a group a permission still works as before):
   ``view``, ``change``, ``delete`` on the object's own model; the post actions (``submit``,
   ``withdraw``, ``cancel``, ``retry``, ``mark_published``) need ``change_post``, deliveries
   included (a delivery is part of a post); ``approve``, ``reject`` and
   ``confirm_destination`` need ``approve_post``, the head of Humas's permission.
2. The owner: a social media manager reads everything of the office, for coordination, but
   changes only their own work. The head of Humas (whoever holds ``approve_post``) and
   administrators act on everything.

What a user owns:

- a campaign: they are its ``owner`` or one of its ``co_owners``;
- an account: they are its ``owner`` (who is told when sending to it fails);
- a post: they wrote it (``author``), or they own its campaign, so that the people answering
  for a campaign can act on every post in it;
- a delivery: they own its post (the account it goes to is shared by the office: writing to
  it is not changing it).

The owner and co-owners are set by the system (the creator) and changed only by the head of
Humas or an administrator (``change_owner``). Nobody approves their own post unless the
setting ``ALLOW_SELF_APPROVAL`` is on. A post goes only into a campaign its writer may change
(``campaign_refusal``), and links no page with a view restriction (``page_refusal``).

The admin asks through ``OwnershipPermissionPolicy`` (Wagtail's permission policy of the view
sets; ``ReadOnlyPermissionPolicy`` for the delivery listings, which only read) and the
buttons' views; the API through ``RolePermissions.has_object_permission``.
"""

from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Campaign, Delivery, DeliveryAttempt, Post, SocialAccount

APPROVE_PERMISSION = "campaigns.approve_post"
READ = "view"
# Actions on a post or one of its deliveries, done with the change_post permission.
POST_ACTIONS = frozenset({"submit", "withdraw", "cancel", "retry", "mark_published"})
# Decisions only the head of Humas takes.
DECISIONS = frozenset({"approve", "reject", "confirm_destination"})
ACTIONS = frozenset({READ, "add", "change", "delete", "change_owner"} | POST_ACTIONS | DECISIONS)

NOT_YOURS = {
    Campaign: "Anda hanya dapat mengubah kampanye yang Anda tangani (penanggung jawab).",
    SocialAccount: "Anda hanya dapat mengubah akun media sosial yang Anda tangani.",
    Post: "Anda hanya dapat mengubah unggahan Anda sendiri atau unggahan kampanye Anda.",
    Delivery: "Anda hanya dapat menindaklanjuti pengiriman unggahan Anda atau kampanye Anda.",
}
ROLE_REFUSED = "Peran Anda tidak mengizinkan tindakan ini."
DECISION_REFUSED = "Hanya Kepala Humas yang dapat mengambil keputusan ini."
OWNER_REFUSED = "Hanya Kepala Humas atau administrator yang dapat mengganti penanggung jawab."
RESTRICTED_PAGE = (
    "Halaman ini dibatasi (kata sandi, log masuk atau grup pembaca), jadi tidak dapat "
    "dipromosikan di media sosial."
)
SELF_APPROVAL_REFUSED = (
    "Anda tidak dapat menyetujui unggahan yang Anda tulis sendiri: minta Kepala Humas lain "
    "atau administrator menyetujuinya."
)


def is_office_wide(user: User | AnonymousUser) -> bool:
    """The head of Humas and administrators act on every campaign, post and account."""
    return bool(user.is_active and (user.is_superuser or user.has_perm(APPROVE_PERMISSION)))


def owns(user: User | AnonymousUser, obj: Model) -> bool:
    """Whether ``obj`` is the user's own work (see the module docstring)."""
    if user.pk is None:
        return False
    if isinstance(obj, Campaign):
        if obj.owner_id == user.pk or obj.pk is None:
            return bool(obj.owner_id == user.pk)
        # .all(): listings prefetch the co-owners, so a page of rows costs no query each
        return any(co_owner.pk == user.pk for co_owner in obj.co_owners.all())
    if isinstance(obj, SocialAccount):
        return bool(obj.owner_id == user.pk)
    if isinstance(obj, Post):
        if obj.author_id == user.pk:
            return True
        return obj.campaign is not None and owns(user, obj.campaign)
    if isinstance(obj, Delivery):
        return owns(user, obj.post)
    return False


def owned_filter(model: type[Model], user: User | AnonymousUser) -> Q:
    """``owns`` as a query filter, for listings of what a user may change."""
    if model is Campaign:
        return Q(owner=user) | Q(co_owners=user)
    if model is SocialAccount:
        return Q(owner=user)
    if model is Post:
        return Q(author=user) | Q(campaign__owner=user) | Q(campaign__co_owners=user)
    if model is Delivery:
        return (
            Q(post__author=user) | Q(post__campaign__owner=user) | Q(post__campaign__co_owners=user)
        )
    return Q(pk__in=[])


def page_refusal(page: Page | None) -> str:
    """Why a site page may not be promoted on social media (linked from a post): it has a
    view restriction (password, log-in or group), on itself or an ancestor. "" if it may."""
    if page is not None and page.get_view_restrictions().exists():
        return RESTRICTED_PAGE
    return ""


def campaign_refusal(user: User | AnonymousUser | None, campaign: Campaign | None) -> str:
    """Why ``user`` may not put a post in ``campaign``: that changes the campaign (its
    posts, its report), so it is the owners' and the head of Humas's to do."""
    if campaign is None or can(user, "change", campaign):
        return ""
    return "Anda hanya dapat memasukkan unggahan ke kampanye yang Anda tangani."


def self_approval(post: Post, user: User | AnonymousUser) -> bool:
    """The approver wrote the post."""
    return post.author_id is not None and post.author_id == user.pk


def _model_permission(action: str, model: type[Model]) -> str:
    if action in DECISIONS:
        return APPROVE_PERMISSION
    if action in POST_ACTIONS:
        return "campaigns.change_post"
    if action == "change_owner":
        action = "change"
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def refusal(user: User | AnonymousUser | None, action: str, obj: Model | type[Model]) -> str:
    """Why ``user`` may not do ``action`` to ``obj`` (an instance, or a model for ``add``);
    "" when they may."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    if user is None or not user.is_authenticated or not user.is_active:
        return ROLE_REFUSED
    model = obj if isinstance(obj, type) else type(obj)
    if not user.has_perm(_model_permission(action, model)):
        return DECISION_REFUSED if action in DECISIONS else ROLE_REFUSED
    if action == "change_owner":
        return "" if is_office_wide(user) else OWNER_REFUSED
    if action in (READ, "add") or isinstance(obj, type):
        return ""
    # Approving is done to posts only.
    if (
        action == "approve"
        and self_approval(cast(Post, obj), user)
        and not settings.ALLOW_SELF_APPROVAL
    ):
        return SELF_APPROVAL_REFUSED
    if is_office_wide(user) or model not in OWNED_MODELS:
        return ""  # the measurement lists (outlets, keywords, peers…) have no owner
    return "" if owns(user, obj) else NOT_YOURS.get(model, ROLE_REFUSED)


def can(user: User | AnonymousUser | None, action: str, obj: Model | type[Model]) -> bool:
    """Whether ``user`` may do ``action`` (view, change, delete, submit, withdraw, cancel,
    retry, mark_published, approve, reject, confirm_destination, change_owner) to ``obj``."""
    return not refusal(user, action, obj)


def require(user: User | AnonymousUser | None, action: str, obj: Model | type[Model]) -> None:
    """Raise ``PermissionDenied`` with the reason unless ``user`` may do ``action``."""
    reason = refusal(user, action, obj)
    if reason:
        raise PermissionDenied(reason)


class OwnershipPermissionPolicy(ModelPermissionPolicy):
    """Wagtail's permission policy for the admin's view sets, answering from ``can``: the
    generic views, listings and buttons ask it about each instance."""

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser, action: str, instance: Model
    ) -> bool:
        return can(user, action, instance)

    def instances_user_has_any_permission_for(
        self, user: User | AnonymousUser, actions: Iterable[str]
    ) -> QuerySet[Any]:
        instances: QuerySet[Any]
        if not self.user_has_any_permission(user, actions):
            instances = self.model.objects.none()
        elif is_office_wide(user) or set(actions) <= {READ}:
            instances = self.model.objects.all()
        else:
            instances = self.model.objects.filter(owned_filter(self.model, user)).distinct()
        return instances


class ReadOnlyPermissionPolicy(OwnershipPermissionPolicy):
    """For the admin's read-only listings (deliveries, the delivery log here; insights
    registers it for its collector runs and tracked links): ``view`` as the role allows, and
    no add, change or delete, so Wagtail offers no such button or view. What people do to a
    delivery (retry, mark published) are the buttons' own views, which ask ``can`` with the
    owner rules."""

    def user_has_permission(self, user: User | AnonymousUser, action: str) -> bool:
        return action == READ and bool(super().user_has_permission(user, action))

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[User]:
        users: QuerySet[User] = (
            super().users_with_any_permission([READ])
            if READ in actions
            else get_user_model().objects.none()
        )
        return users

    def user_has_permission_for_instance(
        self, user: User | AnonymousUser, action: str, instance: Model
    ) -> bool:
        return action == READ and super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(
        self, user: User | AnonymousUser, actions: Iterable[str]
    ) -> QuerySet[Any]:
        reading = [READ] if READ in actions else []
        return super().instances_user_has_any_permission_for(user, reading)


OWNED_MODELS = (Campaign, SocialAccount, Post, Delivery)
# Read in the admin, changed only through ``approvals`` (the buttons and the dispatcher).
READ_ONLY_MODELS = (Delivery, DeliveryAttempt)


def register_admin_policies() -> None:
    """Called from ``CampaignsConfig.ready``, before any view set asks for a policy."""
    model: type[Model]
    for model in OWNED_MODELS:
        if model not in READ_ONLY_MODELS:
            register_permission_policy(model, OwnershipPermissionPolicy(model), exact_class=True)
    for model in READ_ONLY_MODELS:
        register_permission_policy(model, ReadOnlyPermissionPolicy(model), exact_class=True)
