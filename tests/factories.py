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
        page.live, page.has_unpublished_changes = False, True  # a draft, as the admin makes it
        edition.add_child(instance=page)
        return page
    return add_page(edition, page)


class UserFactory(factory.django.DjangoModelFactory):
    """A user; ``role`` (a key of ``core.roles.ROLE_GROUPS``) puts them in it."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@tangerangkota.go.id")
    password = factory.django.Password("rahasia-uji")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            from core.roles import give_role

            give_role(self, extracted)


# --- Reader site: documents and an article that uses every part of the template -----------


def pdf_document(title: str = "E-paper", pages: int = 1, collection=None):
    """A Wagtail document holding a real (blank) A4 PDF, as an editor would upload, in
    ``collection`` (the root collection if not given)."""
    from django.core.files.base import ContentFile
    from pypdf import PdfWriter
    from wagtail.documents import get_document_model

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    document = get_document_model()(title=title)
    if collection is not None:
        document.collection = collection
    document.file.save(f"{slugify(title) or 'dokumen'}.pdf", ContentFile(buffer.getvalue()))
    return document


def article_body(image, gallery_images=(), document=None, link_page=None) -> list:
    """A StreamField body with one block of each kind the reader templates render."""
    from wagtail.rich_text import RichText

    body = [
        ("paragraph", RichText("<p>Pemerintah Kota Tangerang mengajak warga ikut menanam.</p>")),
        ("heading", {"text": "Seribu pohon di bantaran", "level": "h2"}),
        ("image", {"image": image, "alt_text": "Warga menanam pohon", "caption": "Penanaman"}),
        ("quote", {"text": "Kota hijau adalah kota sehat.", "attribution": "Wali Kota"}),
        ("paragraph", RichText("<p>Kegiatan berlangsung sepanjang pekan.</p>")),
    ]
    if gallery_images:
        images = [{"image": item, "alt_text": "", "caption": ""} for item in gallery_images]
        body.append(("gallery", {"title": "Galeri kegiatan", "images": images}))
    if document is not None:
        body.append(("document", {"document": document, "label": "Unduh laporan"}))
    if link_page is not None:
        cta = {"text": "Ikut menanam", "button_label": "Daftar", "page": link_page}
        body.append(("call_to_action", cta))
    return body


def complete_article(edition, title="Kota Tangerang menanam seribu pohon", **fields):
    """A published article with authors (with photos), programmes, tags, a full body,
    a correction and a related article: what the article page shows at its fullest."""
    from publications.models import ArticleCorrection, RelatedArticle

    related = fields.pop("related", None) or article(
        edition, title="Bantaran Cisadane makin hijau", hero_image=NewsImageFactory()
    )
    authors = fields.pop("authors", None) or [
        AuthorFactory(name="Siti Rahma", photo=NewsImageFactory(title="Siti Rahma")),
        AuthorFactory(name="Budi Santoso", bio="Fotografer Humas."),
    ]
    hero = fields.pop("hero_image", None) or NewsImageFactory(
        title="Warga menanam pohon", file=image_file(1280, 800), credit="Humas/Andi"
    )
    page = ArticlePage(
        title=title,
        slug=slugify(title)[:50],
        kicker=fields.pop("kicker", "Lingkungan"),
        lead=fields.pop("lead", "Warga dan pemerintah kota menanam pohon di bantaran Cisadane."),
        display_date=fields.pop("display_date", timezone.localdate()),
        hero_image=hero,
        hero_caption=fields.pop("hero_caption", "Penanaman pohon di bantaran Cisadane."),
        pillar=fields.pop("pillar", "liveable"),
        programmes=fields.pop("programmes", None) or [ProgrammeFactory(name="Tangerang Hijau")],
        body=fields.pop(
            "body",
            article_body(
                NewsImageFactory(),
                gallery_images=[NewsImageFactory(), NewsImageFactory()],
                document=pdf_document("Laporan penanaman"),
                link_page=related,
            ),
        ),
        **fields,
    )
    for position, author in enumerate(authors):
        page.authors.add(ArticleAuthor(author=author, sort_order=position))
    page.related_links.add(RelatedArticle(article=related, sort_order=0))
    page.corrections.add(
        ArticleCorrection(note="Jumlah pohon semula tertulis 100.", date=timezone.now())
    )
    page.tags.add("pohon", "cisadane")
    return add_page(edition, page)


# --- Search, topics, feeds and API -------------------------------------------------------


def draft_article(edition, title="Artikel yang belum terbit", **fields):
    """An article an editor saved but never published: not live, one draft revision."""
    fields.setdefault("lead", "Draf yang belum disetujui Kepala Humas.")
    page = ArticlePage(title=title, slug=slugify(title)[:50], live=False, **fields)
    edition.add_child(instance=page)
    page.save_revision()
    return page
