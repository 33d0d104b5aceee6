"""Migration 0006 moves the files an office already has into the right collection.

Files still in the root collection go where the pages that use them are: an e-paper to its
edition's publication, a photo to the publication whose articles show it; the office's
logos, and files several publications share, to "Kantor"; unused files to the publication
of the editor who uploaded them.
"""

from importlib import import_module

import pytest
from django.apps import apps
from wagtail.models import Collection

from home.models import BrandingSettings
from publications.collections import office_collection, publication_collection
from tests.factories import (
    NewsImageFactory,
    article,
    article_body,
    magazine_issue,
    newspaper_edition,
    pdf_document,
)

pytestmark = pytest.mark.django_db

migration = import_module("publications.migrations.0006_collections_per_publication")


@pytest.fixture
def root():
    return Collection.get_first_root_node()


def collection_of(item) -> str:
    item.refresh_from_db()
    return item.collection.name


def test_existing_files_move_to_the_collection_of_the_pages_that_use_them(
    publications, users, root
):
    # given files uploaded before the collections existed, all in the root collection
    koran_epaper = pdf_document("E-paper Koran lama")
    majalah_pdf = pdf_document("PDF Majalah lama")
    koran_cover = NewsImageFactory(title="Sampul Koran lama")
    body_photo = NewsImageFactory(title="Foto di badan artikel Majalah")
    shared = NewsImageFactory(title="Foto dipakai dua publikasi")
    logo = NewsImageFactory(title="Logo kantor lama")
    unused_by_editor = NewsImageFactory(
        title="Foto belum dipakai", uploaded_by_user=users["editor_buletin"]
    )
    orphan = pdf_document("Dokumen tanpa pemilik")

    koran = newspaper_edition(publications["koran"], epaper=koran_epaper, cover=koran_cover)
    majalah = magazine_issue(publications["majalah"], pdf=majalah_pdf)
    article(majalah, title="Artikel majalah", body=article_body(body_photo), hero_image=shared)
    article(koran, title="Artikel koran", hero_image=shared)
    branding = BrandingSettings.load()
    branding.logo = logo
    branding.save()

    # when the migration runs (again: it made the collections on the test database)
    migration.move_files(apps, None)

    # then each file is where its users are
    assert collection_of(koran_epaper) == "Koran Kota Benteng"
    assert collection_of(koran_cover) == "Koran Kota Benteng"
    assert collection_of(majalah_pdf) == "Majalah LIVE"
    assert collection_of(body_photo) == "Majalah LIVE"
    assert collection_of(shared) == "Kantor"
    assert collection_of(logo) == "Kantor"
    assert collection_of(unused_by_editor) == "Buletin Jumat"
    assert collection_of(orphan) == "Kantor"


def test_running_the_migration_again_keeps_one_collection_each_and_sorted_files(root):
    # given a file someone already filed in the Majalah collection
    filed = NewsImageFactory(title="Sudah diarsipkan", collection=publication_collection("majalah"))

    migration.move_files(apps, None)

    names = list(root.get_children().values_list("name", flat=True))
    assert sorted(names) == sorted(
        ["Kantor", "Koran Kota Benteng", "Majalah LIVE", "Buletin Jumat"]
    )
    assert collection_of(filed) == "Majalah LIVE"
    # and the tree is still sound (treebeard's own check)
    assert Collection.find_problems() == ([], [], [], [], [])
    assert office_collection().get_parent() == root
