"""The home page's latest editions leave out a private publication's (guard for the
view-restriction lookup the home page no longer repeats)."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_private_publications_latest_edition_is_not_on_the_home_page(client, koran_edition):
    assert koran_edition.title in client.get("/").content.decode()

    PageViewRestriction.objects.create(
        page=koran_edition.get_parent(), restriction_type="password", password="rahasia"
    )
    from core.pagecache import purge_all

    purge_all()
    assert koran_edition.title not in client.get("/").content.decode()
