"""The page chooser's "chosen" step, limited to pages the user may see.

Wagtail's chooser lists and searches through the ``construct_page_chooser_queryset`` hook
(``wagtail_hooks``), but its multiple-choice answer (``?id=…``) returns the admin title of
any page id it is given, drafts included. This view, routed in front of Wagtail's, drops the
ids of pages the user may not see before Wagtail's own view answers.
"""

from django.http import HttpRequest, HttpResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.models import Page

from .permissions import pages_visible_to


class VisibleChosenMultipleView(ChosenMultipleView):
    def get(self, request: HttpRequest) -> HttpResponse:
        asked = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        visible = pages_visible_to(Page.objects.filter(pk__in=asked), request.user)
        query = request.GET.copy()
        query.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        request.GET = query
        return super().get(request)


chosen_multiple = require_admin_access(VisibleChosenMultipleView.as_view())
