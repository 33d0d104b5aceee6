from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.views.defaults import page_not_found
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import review  # noqa: F401  (its hooks: review loop)
from .checks import content_checker_rules
from .collections import may_download
from .models import ArticlePage, Author, Programme
from .permissions import pages_visible_to
from .publishing import can_publish_edition, publish_edition_with_articles


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "tag"
    menu_label = "Program"
    list_display = ["name", "pillar"]
    list_filter = ["pillar"]
    # A few dozen rows: the database searches the name itself (icontains), on PostgreSQL and
    # SQLite alike, whether or not the search index knows the row (the programmes come from
    # a data migration, which indexes nothing). Wagtail's backend with named fields sends
    # them to SQLite's full-text table as columns it lacks: a 500 under `make run`.
    search_backend_name = None
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Penulis"
    list_display = ["name", "role"]
    search_backend_name = None  # as for programmes above
    search_fields = ["name"]


register_snippet(ProgrammeViewSet)
register_snippet(AuthorViewSet)


class PublishEditionBulkAction(PublishBulkAction):
    """Wagtail's bulk publish, for editions: the edition and its draft articles as one unit.

    Same confirmation screen and machinery as "Publish" with "include descendants", but the
    articles always go with their edition, so no one forgets the box.
    """

    display_name = "Terbitkan edisi + artikel"
    action_type = "publish-edition"
    aria_label = "Terbitkan edisi terpilih beserta artikelnya"
    form_class = forms.Form
    action_priority = 45

    def check_perm(self, page):
        return can_publish_edition(page, self.request.user)

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        articles = 0
        for edition in objects:
            articles += len(publish_edition_with_articles(edition.specific, user))
        return len(objects), articles

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(
                self.request,
                "Edisi belum diterbitkan; perbaiki dulu: " + " ".join(error.messages),
            )
            return redirect(self.next_url)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} edisi dan {num_child_objects} artikel telah diterbitkan."


hooks.register("register_bulk_action", PublishEditionBulkAction)


def publish_edition_url(edition, next_url=None) -> str:
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish-edition"))
    next_url = next_url or reverse("wagtailadmin_explore", args=(edition.pk,))
    query = {"id": edition.pk, "next": next_url}
    return f"{url}?{urlencode(query)}"


class PublishEditionMenuItem(PageMenuItem):
    """A button on an edition (header and listing) to the publish-edition confirmation."""

    label = "Terbitkan edisi + artikel"
    icon_name = "upload"

    @property
    def url(self):
        return publish_edition_url(self.page, self.next_url)

    def is_shown(self, user):
        return can_publish_edition(self.page, user)


@hooks.register("register_page_header_buttons")
def publish_edition_header_button(page, user, view_name, next_url=None):
    yield PublishEditionMenuItem(page=page, next_url=next_url, priority=55)


@hooks.register("insert_editor_js")
def schedule_dialog_js():
    """The schedule dialog saves nothing before "Simpan jadwal"; its picker leaves the button
    clear (publications/static/publications/admin/schedule-dialog.js)."""
    script = static("publications/admin/schedule-dialog.js")
    return format_html('<script src="{}"></script>', script)


@hooks.register("register_page_listing_more_buttons")
def publish_edition_listing_button(page, user, next_url=None):
    yield PublishEditionMenuItem(page=page, next_url=next_url, priority=55)


@hooks.register("construct_page_chooser_queryset")
def only_pages_the_user_may_see(pages, request):
    """The page chooser lists, searches and opens only pages the user may see."""
    parent_id = getattr(request.resolver_match, "kwargs", {}).get("parent_page_id")
    if parent_id is not None:
        parent = pages_visible_to(Page.objects.filter(pk=parent_id), request.user)
        if not parent.exists():
            raise Http404
    return pages_visible_to(pages, request.user)


@hooks.register("before_serve_document")
def unpublished_document_is_not_found(document, request):
    """An e-paper whose edition is not live yet is not there for readers (nor for CDNs)."""
    if not may_download(document, request.user):
        response = page_not_found(request, Http404("Dokumen tidak ditemukan."))
        add_never_cache_headers(response)
        return response
    return None


@hooks.register("construct_wagtail_userbar")
def add_publishing_checks(request, items, page):
    """Wagtail's checks panel (and the userbar's) also reports an article's publishing
    checks: no byline, no hero image or no alt text on it, no pillar."""
    if not isinstance(page, ArticlePage):
        return
    rules, messages = content_checker_rules()
    for item in items:
        if isinstance(item, ContentCheckerItem):
            item.axe_custom_rules = [*item.axe_custom_rules, *rules]
            item.axe_messages = {**item.axe_messages, **messages}
            if item.axe_run_only:
                item.axe_run_only = [*item.axe_run_only, *(rule["id"] for rule in rules)]
