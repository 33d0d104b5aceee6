"""Who may do what in the newsroom, and how a user is given a role.

The groups and their grants are created by migration 0004 (data migrations cannot import
this module, so it repeats the names); ``core.roles`` names the groups, and this module is
what the rest of the code uses:

| role                 | pages                                          | images, documents |
|----------------------|------------------------------------------------|-------------------|
| editors (one group   | add + change on their own publication page and | add, choose,      |
| per publication)     | below it; no publish: they submit for review   | change            |
| Kepala Humas         | add + change + publish on the home page (all); | add, choose,      |
|                      | approves the "Review Humas" workflow           | change            |
| Manajer Media Sosial | none (campaigns: see campaigns/migrations)     | add, choose images |
| Analis               | none (campaigns: view only)                    | none              |

Images and documents are granted per collection (migration 0006, ``publications.collections``):
each editor group in its publication's collection, Kepala Humas everywhere.
"""

from django.db.models import F, Q, QuerySet
from wagtail.models import GroupPagePermission, Page

REVIEW_TASK_NAME = "Persetujuan Kepala Humas"


def pages_visible_to(pages: QuerySet, user) -> QuerySet:
    """The pages of ``pages`` that ``user`` may see in the page chooser.

    Inside the sections where their group has page permissions, everything, drafts
    included; elsewhere only what readers see: live pages whose title has no unpublished
    change (the chooser shows the draft title, and another publication's drafts are theirs).
    """
    if user.is_superuser:
        return pages
    sections = Q()
    granted = GroupPagePermission.objects.filter(group__user=user).values_list("page__path")
    for (path,) in set(granted):
        sections |= Q(path__startswith=path)
    visible = Page.objects.filter(sections | Q(live=True, draft_title=F("title")))
    # A subquery on ``pk``: the chooser's search accepts only indexed field lookups.
    return pages.filter(pk__in=visible.values("pk"))
