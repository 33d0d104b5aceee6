"""Factories for the page tree and its snippets; pages go in with ``add_child``."""

import datetime
import io

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage

from publications.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    BulletinIssuePage,
    MagazineIssuePage,
    NewsImage,
    NewspaperEditionPage,
    Programme,
)


def image_file(width: int = 800, height: int = 500, color: str = "#1d6f42", fmt: str = "JPEG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, fmt)
    return ImageFile(buffer, name=f"foto.{fmt.lower()}")


class NewsImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    title = factory.Sequence(lambda n: f"Foto {n}")
    file = factory.LazyFunction(image_file)
    caption = "Suasana di Kota Tangerang"
    credit = "Humas Kota Tangerang"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Penulis {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Redaktur"
    bio = "Menulis tentang kota."


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    pillar = "liveable"


def add_page(parent, page):
    """Add ``page`` under ``parent`` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def newspaper_edition(publication, number=1, date=None, **fields):
    date = date or datetime.date(2026, 11, 2)
    return add_page(
        publication,
        NewspaperEditionPage(
            title=f"Edisi {number}", slug=f"edisi-{number}", number=number, date=date, **fields
        ),
    )


def magazine_issue(publication, volume=1, number=1, **fields):
    return add_page(
        publication,
        MagazineIssuePage(
            title=f"Vol. {volume} No. {number}",
            slug=f"vol-{volume}-no-{number}",
            volume=volume,
            number=number,
            **fields,
        ),
    )


def bulletin_issue(publication, date=None, **fields):
    date = date or datetime.date(2026, 11, 20)  # a Friday
    return add_page(
        publication,
        BulletinIssuePage(
            title=f"Buletin {date:%d-%m-%Y}", slug=f"buletin-{date:%Y%m%d}", date=date, **fields
        ),
    )


def article(
    edition, title="Kota Tangerang menanam seribu pohon", authors=(), publish=True, **fields
):
    fields.setdefault("lead", "Warga dan pemerintah kota menanam pohon di bantaran Cisadane.")
    fields.setdefault("display_date", timezone.localdate())
    page = ArticlePage(title=title, slug=slugify(title)[:50], **fields)
    for position, author in enumerate(authors):
        page.authors.add(ArticleAuthor(author=author, sort_order=position))
    if not publish:
        edition.add_child(instance=page)
        return page
    return add_page(edition, page)
