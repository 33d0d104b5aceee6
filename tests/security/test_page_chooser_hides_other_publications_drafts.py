"""The page chooser shows an editor only the pages they may see.

Before, the Majalah editor linking a page from an article could browse and search every
page of the site in the chooser, drafts included: the Koran's unpublished headlines (and the
new titles of live articles waiting for review) were there to read. Now, outside their own
publication, an editor sees what readers see.
"""

import pytest
from django.urls import reverse

from publications.models import ArticlePage
from tests.factories import article

pytestmark = pytest.mark.django_db

DRAFT = "Rencana mutasi pejabat dinas"
RETITLED = "Wali Kota batalkan proyek tol"
LIVE = "Pasar Anyar dibuka kembali"


@pytest.fixture
def koran_pages(koran_edition):
    """A Koran edition with a live article, a draft, and a live article retitled in a draft."""
    live = article(koran_edition, title=LIVE)
    draft = article(koran_edition, title=DRAFT, publish=False)
    draft.save_revision()
    retitled = article(koran_edition, title="Proyek tol dibahas")
    retitled = ArticlePage.objects.get(pk=retitled.pk)
    retitled.title = RETITLED
    retitled.save_revision()
    return {"edition": koran_edition, "live": live, "draft": draft}


def browse(client, parent) -> tuple[int, str]:
    response = client.get(reverse("wagtailadmin_choose_page_child", args=(parent.pk,)))
    return response.status_code, response.content.decode()


def search(client, query: str) -> str:
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_majalah_editor_does_not_see_koran_drafts_in_the_chooser(client, users, koran_pages):
    # given the Majalah editor choosing a page to link
    client.force_login(users["editor_majalah"])

    # when they browse the Koran edition and search for the draft headlines
    status, listing = browse(client, koran_pages["edition"])
    found = search(client, "Rencana mutasi") + search(client, "batalkan proyek")

    # then the live article is there to link, the drafts and the pending title are not
    assert status == 200
    assert LIVE in listing
    assert DRAFT not in listing and RETITLED not in listing
    assert DRAFT not in found and RETITLED not in found


def test_majalah_editor_cannot_open_a_koran_draft_in_the_chooser(client, users, koran_pages):
    client.force_login(users["editor_majalah"])

    status, content = browse(client, koran_pages["draft"])

    assert status == 404
    assert DRAFT not in content


@pytest.mark.parametrize("role", ["editor_koran", "head"])
@pytest.mark.usefixtures("wagtail_search_index")
def test_koran_editor_and_kepala_humas_see_the_koran_drafts(client, users, koran_pages, role):
    client.force_login(users[role])

    status, listing = browse(client, koran_pages["edition"])

    assert status == 200
    assert DRAFT in listing and RETITLED in listing
    assert DRAFT in search(client, "Rencana mutasi")


def chosen(client, *pages) -> str:
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = client.get(url, {"id": [page.pk for page in pages]})
    assert response.status_code == 200
    return response.content.decode()


def test_chooser_answer_does_not_name_a_koran_draft_by_its_id(client, users, koran_pages):
    # given the Majalah editor asking the chooser's answer for page ids directly
    client.force_login(users["editor_majalah"])

    answer = chosen(client, koran_pages["draft"], koran_pages["live"])

    # then the live page comes back, the draft's title does not
    assert LIVE in answer
    assert DRAFT not in answer


def test_koran_editor_gets_their_own_draft_chosen(client, users, koran_pages):
    client.force_login(users["editor_koran"])

    assert DRAFT in chosen(client, koran_pages["draft"])
