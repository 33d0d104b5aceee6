from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author, Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "tag"
    menu_label = "Program"
    list_display = ["name", "pillar"]
    list_filter = ["pillar"]
    search_fields = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Penulis"
    list_display = ["name", "role"]
    search_fields = ["name"]


register_snippet(ProgrammeViewSet)
register_snippet(AuthorViewSet)
