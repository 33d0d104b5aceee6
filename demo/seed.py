"""Create the demo content once. Everything is looked up by a stable key first (slug, title,
username), so a second run finds it all and writes nothing.

Pages are published through revisions, as an editor would, so Wagtail's history is right:
the publication's demo editor wrote each page, the demo Kepala Humas published it.
"""

import datetime
import html
import io
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from core.indonesian import MONTHS, WIB
from home.models import BrandingSettings, HomePage
from publications.collections import office_collection, publication_collection
from publications.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    Author,
    BulletinIssuePage,
    MagazineIssuePage,
    NewsImage,
    NewspaperEditionPage,
    Programme,
    PublicationKind,
    PublicationPage,
    RelatedArticle,
)

from . import artwork, buletin, koran, majalah
from .campaigns import seed_campaigns
from .content import (
    AUTHORS,
    DEMO_MARK,
    DEMO_PASSWORD,
    DEMO_TAG,
    HOME_INTRO,
    PUBLICATION_DESCRIPTIONS,
    SOCIAL_LINKS,
    USERS,
    DemoArticle,
    DemoEdition,
    author_bio,
)
from .metrics import seed_metrics

CREDIT = "Ilustrasi demo (dibuat otomatis)"
EDITIONS_BY_KIND = {
    PublicationKind.KORAN: koran.EDITIONS,
    PublicationKind.MAJALAH: majalah.EDITIONS,
    PublicationKind.BULETIN: buletin.EDITIONS,
}
FRIDAY = 4


def tanggal(day: datetime.date) -> str:
    """A date the way Indonesian readers write it: 20 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class DemoSeeder:
    """Creates what is missing of the demo; ``created`` counts what this run added."""

    def __init__(self, today: datetime.date | None = None):
        self.today = today or timezone.localdate()
        self.now = timezone.now()
        self.created: Counter[str] = Counter()
        self.users: dict[str, object] = {}
        self.authors: dict[str, Author] = {}
        self.programmes: dict[str, Programme] = {}
        self.articles_by_programme: dict[str, list[ArticlePage]] = defaultdict(list)
        self.office: Collection | None = None
        self.collections: dict[str, Collection] = {}

    @transaction.atomic
    def run(self) -> Counter[str]:
        self.programmes = {programme.slug: programme for programme in Programme.objects.all()}
        # Each publication's files in its own collection; logos and bylines in the office's.
        self.office = office_collection()
        self.collections = {kind: publication_collection(kind) for kind in EDITIONS_BY_KIND}
        self.ensure_users()
        self.ensure_branding()
        self.ensure_authors()
        home = HomePage.objects.get(depth=2)
        self.ensure_fields(home, intro=HOME_INTRO)
        for kind, editions in EDITIONS_BY_KIND.items():
            publication = PublicationPage.objects.get(kind=kind)
            self.ensure_fields(
                publication,
                description=PUBLICATION_DESCRIPTIONS[kind],
                logo=lambda title=publication.title: self.image(
                    f"Demo — Logo {title}",
                    artwork.logo(title.upper(), "demo"),
                    "png",
                    collection=self.office,
                    alt=f"Logo {title}",
                ),
            )
            for edition in editions:
                self.ensure_edition(publication, edition)
        self.created.update(seed_campaigns(self.users, self.now))
        self.created.update(seed_metrics(self.now))
        return self.created

    # People --------------------------------------------------------------------------------

    def ensure_users(self) -> None:
        user_model = get_user_model()
        for spec in USERS:
            user, created = user_model.objects.get_or_create(
                username=spec.username,
                defaults={
                    "first_name": spec.first_name,
                    "last_name": spec.last_name,
                    "email": f"{spec.username}@example.org",
                    "is_staff": spec.superuser,
                    "is_superuser": spec.superuser,
                },
            )
            self.created["users"] += created
            # Set once: a demo user who changed their password keeps it (and hashing is slow).
            if created or not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            # The groups come from the editorial-groups migration; get_or_create is a no-op then.
            groups = [Group.objects.get_or_create(name=name)[0] for name in spec.groups]
            missing = set(groups) - set(user.groups.all())
            if missing:
                user.groups.add(*missing)
            self.users[spec.username] = user

    def ensure_authors(self) -> None:
        for spec in AUTHORS:
            author = Author.objects.filter(slug=spec.slug).first()
            if author is None:
                author = Author.objects.create(
                    slug=spec.slug,
                    name=spec.name,
                    role=spec.role,
                    bio=author_bio(spec),
                    photo=self.image(
                        f"Demo — Foto {spec.name}",
                        artwork.portrait(spec.name, spec.palette),
                        collection=self.office,
                        alt=f"Potret ilustrasi {spec.name}",
                    ),
                )
                self.created["authors"] += 1
            self.authors[spec.slug] = author

    # Files ---------------------------------------------------------------------------------

    def image(
        self,
        title: str,
        data: bytes,
        ext: str = "jpg",
        caption: str = "",
        *,
        collection,
        alt: str = "",
    ) -> NewsImage:
        """A demo picture with Indonesian alt text (Wagtail's description; the publishing
        checks warn without it), taken from ``alt`` or else the caption."""
        description = (alt or caption).strip()
        image = NewsImage.objects.filter(title=title).first()
        if image is None:
            image = NewsImage(
                title=title,
                caption=caption,
                description=description,
                credit=CREDIT,
                collection=collection,
            )
            image.file = ImageFile(io.BytesIO(data), name=f"demo.{ext}")
            image._set_image_file_metadata()
            image.save()
            image.tags.add(DEMO_TAG)
            self.created["images"] += 1
        elif not image.description and description:
            # A demo seeded before the pictures had alt text gets it now.
            image.description = description
            image.save(update_fields=["description"])
        return image

    def document(self, title: str, data: bytes, *, collection) -> object:
        document_model = get_document_model()
        document = document_model.objects.filter(title=title).first()
        if document is None:
            document = document_model(title=title, collection=collection)
            document.file = ContentFile(data, name="demo-e-paper.pdf")
            document._set_document_file_metadata()
            document.save()
            document.tags.add(DEMO_TAG)
            self.created["documents"] += 1
        return document

    # Settings and existing pages -----------------------------------------------------------

    def ensure_branding(self) -> None:
        branding = BrandingSettings.load()
        changed = [name for name, url in SOCIAL_LINKS.items() if not getattr(branding, name)]
        for name in changed:
            setattr(branding, name, SOCIAL_LINKS[name])
        if branding.logo_id is None:
            branding.logo = self.image(
                "Demo — Logo Benteng",
                artwork.logo(),
                "png",
                collection=self.office,
                alt="Logo Benteng, Humas Kota Tangerang",
            )
            changed.append("logo")
        if changed:
            branding.save(update_fields=changed)
            self.created["settings"] += 1

    def ensure_fields(self, page, **values) -> None:
        """Fill the blank fields of a page made by a migration, through a published revision.

        A value may be a callable, so a logo is only drawn when the field is really blank.
        """
        page = page.specific
        blank = {name: value for name, value in values.items() if not getattr(page, name)}
        if blank:
            for name, value in blank.items():
                setattr(page, name, value() if callable(value) else value)
            page.save_revision(user=self.users["demo-admin"]).publish(user=self.users["demo-admin"])
            self.created["updated pages"] += 1

    # Editions and articles -----------------------------------------------------------------

    def edition_date(self, kind: str, age: int) -> datetime.date:
        if kind == PublicationKind.KORAN:  # weekly, on Mondays
            return self.today - datetime.timedelta(days=self.today.weekday() + 7 * age)
        if kind == PublicationKind.BULETIN:  # every Friday
            back = (self.today.weekday() - FRIDAY) % 7
            return self.today - datetime.timedelta(days=back + 7 * age)
        month = self.today.month - 1 - age  # monthly, on the 1st
        return datetime.date(self.today.year + month // 12, month % 12 + 1, 1)

    def published_at(self, day: datetime.date, minutes: int = 0) -> datetime.datetime:
        moment = datetime.datetime.combine(day, datetime.time(6, 0), WIB)
        return min(moment + datetime.timedelta(minutes=minutes), self.now)

    def ensure_edition(self, publication: PublicationPage, spec: DemoEdition) -> None:
        kind = publication.kind
        page = publication.get_children().filter(slug=spec.slug).specific().first()
        if page is None:
            day = self.edition_date(kind, spec.age)
            page = self.new_edition(publication, spec, day)
            page.first_published_at = self.published_at(day)
            self.publish(publication, page, kind)
            self.created["editions"] += 1
        day = getattr(page, "date", None) or page.first_published_at.astimezone(WIB).date()
        for position, article in enumerate(spec.articles):
            self.ensure_article(page, article, kind, day, position)

    def new_edition(self, publication, spec: DemoEdition, day: datetime.date):
        headline = spec.articles[0].title
        if publication.kind == PublicationKind.KORAN:
            title = f"Edisi {spec.number} — {tanggal(day)}"
            stories = [(article.title, article.lead) for article in spec.articles]
            return NewspaperEditionPage(
                title=title,
                slug=spec.slug,
                date=day,
                number=spec.number,
                cover=self.cover(publication, title, headline, spec),
                epaper=self.document(
                    f"Demo — E-paper {publication.title} {title}",
                    artwork.epaper(publication.title, title, stories),
                    collection=self.collections[publication.kind],
                ),
            )
        if publication.kind == PublicationKind.MAJALAH:
            title = f"Vol. {spec.volume} No. {spec.number}: {spec.theme}"
            label = f"Vol. {spec.volume} No. {spec.number} · {MONTHS[day.month - 1]} {day.year}"
            stories = [(article.title, article.lead) for article in spec.articles]
            return MagazineIssuePage(
                title=title,
                slug=spec.slug,
                volume=spec.volume,
                number=spec.number,
                theme=spec.theme,
                cover=self.cover(publication, label, spec.theme, spec),
                pdf=self.document(
                    f"Demo — PDF {publication.title} {title}",
                    artwork.epaper(publication.title, label, stories),
                    collection=self.collections[publication.kind],
                ),
            )
        title = f"Jumat, {tanggal(day)}: {spec.theme}"
        return BulletinIssuePage(
            title=title,
            slug=spec.slug,
            date=day,
            theme=spec.theme,
            preacher=spec.preacher,
            cover=self.cover(publication, f"Jumat, {tanggal(day)}", spec.theme, spec),
        )

    def cover(self, publication, label: str, headline: str, spec: DemoEdition) -> NewsImage:
        palette, motif = spec.art
        return self.image(
            f"Demo — Sampul {publication.title} {label}",
            artwork.cover(publication.title, label, headline, palette, motif),
            caption=f"Sampul {publication.title} {label}",
            collection=self.collections[publication.kind],
        )

    def ensure_article(self, edition, spec: DemoArticle, kind, day, position: int) -> None:
        page = edition.get_children().filter(slug=spec.slug).specific().first()
        if page is None:
            page = self.new_article(spec, day, self.collections[kind])
            page.first_published_at = self.published_at(day, minutes=10 * (position + 1))
            self.publish(edition, page, kind)
            self.created["articles"] += 1
        for slug in spec.programmes:
            self.articles_by_programme[slug].append(page)

    def new_article(self, spec: DemoArticle, day: datetime.date, collection) -> ArticlePage:
        palette, motif = spec.art
        page = ArticlePage(
            title=spec.title,
            slug=spec.slug,
            kicker=f"{DEMO_MARK} {spec.kicker}",
            lead=spec.lead,
            display_date=day,
            pillar=spec.pillar,
            hero_image=self.image(
                f"Demo — {spec.title}",
                artwork.photo(spec.kicker, spec.caption, palette, motif),
                caption=spec.caption,
                collection=collection,
            ),
            body=self.body(spec, collection),
        )
        missing = set(spec.programmes) - set(self.programmes)
        if missing:
            raise LookupError(f"Programmes missing (migration 0003 not applied?): {missing}")
        page.programmes = [self.programmes[slug] for slug in spec.programmes]
        page.tags.add(DEMO_TAG, *spec.tags)
        for order, slug in enumerate(spec.authors):
            page.authors.add(ArticleAuthor(author=self.authors[slug], sort_order=order))
        related = []
        for slug in spec.programmes:
            related += [a for a in self.articles_by_programme[slug] if a not in related]
        for order, article in enumerate(related[-2:]):
            page.related_links.add(RelatedArticle(article=article, sort_order=order))
        if spec.correction:
            page.corrections.add(
                ArticleCorrection(date=self.published_at(day, minutes=180), note=spec.correction)
            )
        return page

    def body(self, spec: DemoArticle, collection) -> list[dict]:
        blocks: list[dict] = []
        for entry in spec.body:
            if isinstance(entry, str):
                blocks.append({"type": "paragraph", "value": f"<p>{html.escape(entry)}</p>"})
            elif entry[0] == "h":
                blocks.append({"type": "heading", "value": {"text": entry[1], "level": "h2"}})
            else:
                blocks.append(
                    {"type": "quote", "value": {"text": entry[1], "attribution": entry[2]}}
                )
        if spec.gallery:
            pictures = [
                {
                    "image": self.image(
                        f"Demo — {spec.title} ({number})",
                        artwork.photo(spec.kicker, caption, palette, motif),
                        caption=caption,
                        collection=collection,
                    ).pk,
                    "alt_text": caption,
                    "caption": caption,
                }
                for number, (caption, palette, motif) in enumerate(spec.gallery, start=1)
            ]
            blocks.insert(2, {"type": "gallery", "value": {"title": "", "images": pictures}})
        return blocks

    def publish(self, parent, page, kind: str) -> None:
        """Add ``page`` under ``parent`` as the publication's editor; Kepala Humas publishes it."""
        editor = self.users[f"demo-editor-{kind}"]
        page.owner = editor
        parent.add_child(instance=page)
        page.save_revision(user=editor).publish(user=self.users["demo-kepala-humas"])
        page.refresh_from_db()
