"""Posts: written once, sent to several accounts after the head of Humas approves.

Drafts and rejected posts open as a form; every other post opens read-only with its status,
approval history and deliveries, and the buttons its state allows. The URL namespace is
``campaigns_post`` (notifications link to ``campaigns_post:edit``)."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from .. import approvals, policy
from ..forms import DecisionForm, DeliveryForm, DeliveryFormSet, PostForm, format_wib
from ..models import Delivery, Post, PostStatus
from ..states import CANCELLABLE, RETRYABLE_BY_USER
from .base import CampaignsModelViewSet, FormInlinePanel
from .compose import ComposePanel, check_view
from .post_actions import action_urls, show_errors
from .promote import choose_article, promote_article


def _schedule(post: Post) -> str:
    if post.send_now:
        return "Segera setelah disetujui"
    return format_wib(post.scheduled_at)


def _accounts(post: Post) -> str:
    return ", ".join(str(delivery.account) for delivery in post.deliveries.all())


class PostIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("campaigns.add_post"):
            buttons.append(
                HeaderButton(
                    "Dari artikel",
                    url=reverse("campaigns_post:choose_article"),
                    icon_name="doc-full",
                )
            )
        return buttons

    def get_base_queryset(self):
        deliveries = Prefetch("deliveries", Delivery.objects.select_related("account"))
        return super().get_base_queryset().select_related("campaign").prefetch_related(deliveries)

    def get_edit_url(self, instance):
        # Readers (view permission) open the same page, read-only.
        if self.user_has_any_permission(["change", "view"]):
            return reverse(self.edit_url_name, args=[instance.pk])

    def get_list_more_buttons(self, instance):
        if self.user_has_permission("change"):
            return super().get_list_more_buttons(instance)
        return [MenuItem("Lihat", url=self.get_edit_url(instance), icon_name="view")]


if TYPE_CHECKING:  # what the mixin goes before (CreateView or EditView)
    from wagtail.admin.views.generic import CreateView as _FormView
else:
    _FormView = object


class SubmitAfterSaveMixin(_FormView):
    """ "Ajukan untuk persetujuan" in the form's action menu: save, then submit. If the
    submission is refused, the saved post is shown again with the reasons."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.action != "submit":
            return response
        try:
            approvals.submit(self.object, self.request.user)
        except ValidationError as error:
            show_errors(self.request, "Tersimpan sebagai draf, tetapi belum dapat diajukan:", error)
        else:
            messages.success(self.request, "Unggahan diajukan ke Kepala Humas untuk disetujui.")
        return redirect(reverse("campaigns_post:edit", args=[self.object.pk]))

    def get_success_url(self):
        return reverse("campaigns_post:edit", args=[self.object.pk])


class PostCreateView(SubmitAfterSaveMixin, generic.CreateView):
    actions = ["create", "submit"]

    def get_initial(self):
        """The calendar's "+ unggahan" links carry a WIB time (and maybe a campaign)."""
        initial = super().get_initial()
        try:
            moment = datetime.datetime.fromisoformat(self.request.GET.get("scheduled_at", ""))
        except ValueError:
            moment = None
        if moment is not None:
            initial["scheduled_at"] = (
                timezone.make_aware(moment) if timezone.is_naive(moment) else moment
            )
        if self.request.GET.get("campaign", "").isdigit():
            initial["campaign"] = int(self.request.GET["campaign"])
        return initial

    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()


class PostEditView(SubmitAfterSaveMixin, generic.EditView):
    actions = ["edit", "submit"]
    permission_required = None
    any_permission_required = ["change", "view"]

    @cached_property
    def can_change(self) -> bool:
        """The policy's answer for this post (its author, its campaign's owners, the head)."""
        return policy.can(self.request.user, "change", self.object)

    @cached_property
    def read_only(self) -> bool:
        return not (self.can_change and self.object.is_editable)

    def get_template_names(self):
        if self.read_only:
            return ["campaigns/post/detail.html"]
        return super().get_template_names()

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        policy.require(request.user, "change", self.object)
        if self.read_only:
            messages.error(
                request,
                f"Unggahan berstatus \u201c{self.object.get_status_display()}\u201d tidak dapat "
                "diubah; tarik kembali menjadi draf dulu.",
            )
            return redirect(reverse("campaigns_post:edit", args=[self.object.pk]))
        return super().post(request, *args, **kwargs)

    @cached_property
    def can_delete(self):
        return self.object.is_editable and super().can_delete

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.post_context())
        return context

    def post_context(self) -> dict:
        post, user = self.object, self.request.user
        can_change = self.can_change
        deliveries = list(post.deliveries.select_related("account").order_by("pk"))
        pending = post.status == PostStatus.PENDING_APPROVAL
        return {
            "post": post,
            "schedule": _schedule(post),
            "history": [_history_entry(approval) for approval in post.approvals.all()],
            "deliveries": [
                {
                    "delivery": delivery,
                    "due": format_wib(delivery.due_at),
                    "can_retry": can_change and delivery.status in RETRYABLE_BY_USER,
                    "can_cancel": can_change and delivery.status in CANCELLABLE,
                }
                for delivery in deliveries
            ],
            "can_decide": pending and policy.can(user, "reject", post),
            "approve_refusal": policy.refusal(user, "approve", post) if pending else "",
            "status_label": approvals.progress_label(post, [d.status for d in deliveries]),
            "can_withdraw": can_change
            and approvals.may_withdraw(post, [d.status for d in deliveries]),
            "can_cancel": can_change
            and post.status != PostStatus.CANCELLED
            and any(d.status in CANCELLABLE for d in deliveries),
            "decision_form": DecisionForm(),
        }


def _history_entry(approval) -> dict:
    snapshot = approval.snapshot or {}
    if snapshot.get("send_now"):
        when = "Segera setelah disetujui"
    elif snapshot.get("scheduled_at"):
        when = format_wib(datetime.datetime.fromisoformat(snapshot["scheduled_at"]))
    else:
        when = ""
    return {
        "approval": approval,
        "created": format_wib(approval.created_at),
        "texts": snapshot.get("deliveries", []),
        "link": snapshot.get("link", ""),
        "image_count": len(snapshot.get("images", [])),
        "schedule": when,
    }


class PostDeleteView(generic.DeleteView):
    """Only drafts and rejected posts go: anything submitted keeps its record."""

    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if not post.is_editable:
            raise PermissionDenied
        policy.require(self.request.user, "delete", post)
        return post


class PostHistoryView(generic.HistoryView):
    """Wagtail's history of the post, where decisions (``campaigns.audit``) show with the
    comment given, as a page's history shows it (Wagtail shows comments only for models
    with revisions)."""

    @cached_property
    def columns(self):
        action, *rest = super().columns
        action.cell_template_name = "wagtailadmin/generic/history/action_cell.html"
        return [action, *rest]


class PostViewSet(CampaignsModelViewSet):
    model = Post
    name = "campaigns_post"
    url_prefix = "campaigns/posts"
    icon = "doc-full-inverse"
    menu_label = "Unggahan"
    index_view_class = PostIndexView
    add_view_class = PostCreateView
    edit_view_class = PostEditView
    delete_view_class = PostDeleteView
    history_view_class = PostHistoryView
    create_template_name = "campaigns/post/create.html"
    edit_template_name = "campaigns/post/edit.html"
    save_labels = {"submit_button_label": "Simpan draf", "submit_button_active_label": "Menyimpan…"}
    list_display = [
        "__str__",
        StatusTagColumn(
            "status",
            label="Status",
            accessor="get_status_display",
            primary=lambda post: post.status == PostStatus.PENDING_APPROVAL,
        ),
        Column("schedule", label="Waktu tayang (WIB)", accessor=_schedule),
        Column("accounts", label="Akun tujuan", accessor=_accounts),
        "campaign",
    ]
    list_filter = ["status", "campaign"]
    search_fields = ["text"]
    edit_handler = ObjectList(
        [
            FieldPanel("text"),
            ComposePanel(heading="Aturan, gaya bahasa & pratinjau"),
            MultiFieldPanel(
                [FieldPanel("link_page"), FieldPanel("link_url")],
                heading="Tautan",
                help_text="Pilih halaman situs atau tulis URL lain (salah satu).",
            ),
            InlinePanel(
                "images",
                panels=[FieldPanel("image"), FieldPanel("alt_text")],
                label="Gambar",
                heading="Gambar",
            ),
            FormInlinePanel(
                "deliveries",
                panels=[FieldPanel("account"), FieldPanel("text_override")],
                form_class=DeliveryForm,
                formset_class=DeliveryFormSet,
                label="Akun tujuan",
                heading="Akun tujuan",
                help_text="Satu baris per akun; isi teks khusus bila akun ini perlu kata lain.",
            ),
            FieldPanel("campaign"),
            MultiFieldPanel(
                [FieldPanel("scheduled_at"), FieldPanel("send_now")],
                heading="Waktu tayang (WIB)",
            ),
        ],
        base_form_class=PostForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("compose-check/", check_view, name="compose_check"),
            *action_urls(),
            path("promote/", choose_article, name="choose_article"),
            path("promote/<int:page_id>/", promote_article, name="promote"),
        ]
