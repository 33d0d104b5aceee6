"""The review loop, visible to both sides.

The editor sees the head of Humas's request for changes on the article's edit page; every
workflow step (submitted, approved, changes requested, published) is an in-app
notification, like the campaign events; the head reads "Menunggu tinjauan Anda" first on
the dashboard and a confirmation after acting.
"""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_approved, workflow_rejected

from core.indonesian import MONTHS, WIB
from core.roles import HEAD_OF_HUMAS_GROUP

from .models import ArticlePage


def _format_wib(moment) -> str:
    """'5 Nov 2026 09.00 WIB', as the campaigns desk writes times."""
    local = timezone.localtime(moment, WIB)
    return f"{local.day} {MONTHS[local.month - 1][:3]} {local.year} {local:%H.%M} WIB"


def requested_changes(page) -> TaskState | None:
    """The rejected task whose comment the editor must act on, if changes are requested."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return task_state


class ArticleEditView(EditView):
    def get(self, request, *args, **kwargs):
        task_state = requested_changes(self.page)
        if task_state is not None:
            reviewer = task_state.finished_by
            who = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else "Peninjau"
            when = _format_wib(task_state.finished_at) if task_state.finished_at else ""
            comment = task_state.get_comment() or "(tanpa komentar)"
            messages.warning(
                request,
                format_html(
                    "{} meminta perubahan ({}): <q class='review-comment'>{}</q>",
                    who,
                    when,
                    comment,
                ),
            )
        return super().get(request, *args, **kwargs)


CONFIRMATIONS = {
    TaskState.STATUS_REJECTED: "Permintaan perubahan untuk “{title}” telah dikirim ke {editor}.",
    TaskState.STATUS_APPROVED: "“{title}” telah disetujui.",
}


class ArticleWorkflowActionView(WorkflowActionView):
    """Wagtail's approve / request-changes action, followed by a confirmation."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        template = CONFIRMATIONS.get(self.task_state.status)
        if template:
            requester = self.task_state.workflow_state.requested_by
            editor = (
                (requester.get_full_name() or requester.get_username()) if requester else "penulis"
            )
            messages.success(request, template.format(title=self.object.title, editor=editor))
        return response


class ArticleCreateView(CreateView):
    """A new article is not autosaved before its first save: autosave would create the page
    while the editor submits the same form (its slug then taken by the autosaved copy), or
    after a submit stopped on the publishing checks, and leaves drafts nobody finishes. The
    edit view autosaves as usual, and leaving unsaved work still asks first."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        return context


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    name = "article_pages"
    add_view_class = ArticleCreateView
    edit_view_class = ArticleEditView
    workflow_action_view_class = ArticleWorkflowActionView


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet()


@hooks.register("construct_homepage_panels", order=100)
def awaiting_review_first(request, panels):
    """For the head of Humas, "Menunggu tinjauan Anda" leads the dashboard."""
    for panel in panels:
        if isinstance(panel, WorkflowObjectsToModeratePanel):
            panel.order = 1


# In-app notifications for the workflow. The Notification model lives with the campaigns
# desk (``campaigns.models.notifications``); it is looked up by name so that publications
# does not import campaigns.


def _notify(users, subject: str, body: str = "", url: str = "") -> None:
    notification = apps.get_model("campaigns", "Notification")
    seen = set()
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        notification.objects.create(recipient=user, subject=subject[:200], body=body, url=url)


def _article(workflow_state) -> ArticlePage | None:
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    return page if isinstance(page, ArticlePage) else None


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "Seseorang"


@receiver(task_submitted)
def notify_submitted(sender, instance, user=None, **kwargs):
    page = _article(instance.workflow_state)
    if page is None:
        return
    heads = get_user_model().objects.filter(groups__name=HEAD_OF_HUMAS_GROUP, is_active=True)
    _notify(
        (head for head in heads if head != user),
        f"Menunggu tinjauan: “{page.title}”",
        f"{_name(user)} mengirim artikel ini untuk ditinjau.",
        _edit_url(page),
    )


@receiver(workflow_rejected)
def notify_changes_requested(sender, instance, user=None, **kwargs):
    page = _article(instance)
    if page is None:
        return
    task_state = instance.current_task_state
    comment = task_state.get_comment() if task_state else ""
    _notify(
        [instance.requested_by, page.owner],
        f"Perlu perubahan: “{page.title}”",
        f"{_name(user)} meminta perubahan: {comment}"
        if comment
        else f"{_name(user)} meminta perubahan.",
        _edit_url(page),
    )


@receiver(workflow_approved)
def notify_approved(sender, instance, user=None, **kwargs):
    page = _article(instance)
    if page is None:
        return
    _notify(
        [instance.requested_by, page.owner],
        f"Disetujui: “{page.title}”",
        f"{_name(user)} menyetujui artikel ini.",
        _edit_url(page),
    )


@receiver(page_published)
def notify_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, ArticlePage) or instance.owner is None:
        return
    _notify(
        [instance.owner],
        f"Terbit: “{instance.title}”",
        "Artikel ini kini dapat dibaca di situs.",
        instance.url or "",
    )
