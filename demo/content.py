"""The shape of demo content, the demo's writers and the demo log-ins (one per role)."""

from dataclasses import dataclass, field

from core.roles import (
    ANALYSTS_GROUP,
    EDITORS_GROUP_BY_KIND,
    HEAD_OF_HUMAS_GROUP,
    SOCIAL_MEDIA_MANAGERS_GROUP,
)
from publications.models import PublicationKind

DEMO_TAG = "demo"
DEMO_MARK = "[Demo]"
# For the demo only: these log-ins are printed on the screen and written in the README.
DEMO_PASSWORD = "benteng-demo"  # noqa: S105 - printed for everyone on purpose

# A body entry is a paragraph (str), a heading ("h", text) or a quote ("q", text, attribution).
BodyEntry = str | tuple[str, ...]


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    kicker: str
    title: str
    lead: str
    pillar: str
    programmes: tuple[str, ...]
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    body: tuple[BodyEntry, ...]
    art: tuple[str, str]  # (palette, motif) of the generated hero picture
    caption: str
    correction: str = ""
    gallery: tuple[tuple[str, str, str], ...] = ()  # (caption, palette, motif) per picture


@dataclass(frozen=True)
class DemoEdition:
    """An edition; ``age`` counts back from the latest (0) in the publication's own rhythm."""

    slug: str
    age: int
    art: tuple[str, str]
    articles: tuple[DemoArticle, ...]
    number: int = 0
    volume: int = 0
    theme: str = ""
    preacher: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    role: str
    bio: str
    palette: str


AUTHORS = (
    DemoAuthor(
        "rina-kusumawardani",
        "Rina Kusumawardani",
        "Redaktur Koran Kota Benteng",
        "Menulis tentang lingkungan, sungai dan tata kota.",
        "hijau",
    ),
    DemoAuthor(
        "bagus-hadiwijaya",
        "Bagus Hadiwijaya",
        "Wartawan",
        "Meliput transportasi, lapangan kerja dan ekonomi kota.",
        "biru",
    ),
    DemoAuthor(
        "nur-aini-rahmawati",
        "Nur Aini Rahmawati",
        "Wartawan",
        "Meliput kesehatan, pendidikan dan layanan publik digital.",
        "teal",
    ),
    DemoAuthor(
        "yoga-prasetyo",
        "Yoga Prasetyo",
        "Fotografer dan penulis feature",
        "Memotret dan menulis tentang wisata, budaya dan festival.",
        "senja",
    ),
    DemoAuthor(
        "maya-anggraini",
        "Maya Anggraini",
        "Redaktur Majalah LIVE",
        "Menyunting liputan panjang Majalah LIVE.",
        "ungu",
    ),
    DemoAuthor(
        "mahmud-syarifuddin",
        "H. Mahmud Syarifuddin",
        "Penulis Buletin Jumat",
        "Menulis renungan dan ringkasan khutbah untuk Buletin Jumat.",
        "kuning",
    ),
)


def author_bio(author: DemoAuthor) -> str:
    return f"{DEMO_MARK} Tokoh fiktif untuk konten contoh. {author.bio}"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str  # shown in the log-in table
    groups: tuple[str, ...] = ()
    superuser: bool = False


USERS = (
    DemoUser("demo-admin", "Admin", "Demo", "Administrator (superuser)", superuser=True),
    DemoUser(
        "demo-editor-koran",
        "Editor Koran",
        "Demo",
        "Editor Koran Kota Benteng",
        (EDITORS_GROUP_BY_KIND[PublicationKind.KORAN],),
    ),
    DemoUser(
        "demo-editor-majalah",
        "Editor Majalah",
        "Demo",
        "Editor Majalah LIVE",
        (EDITORS_GROUP_BY_KIND[PublicationKind.MAJALAH],),
    ),
    DemoUser(
        "demo-editor-buletin",
        "Editor Buletin",
        "Demo",
        "Editor Buletin Jumat",
        (EDITORS_GROUP_BY_KIND[PublicationKind.BULETIN],),
    ),
    DemoUser(
        "demo-kepala-humas",
        "Kepala Humas",
        "Demo",
        "Kepala Humas (approver)",
        (HEAD_OF_HUMAS_GROUP,),
    ),
    DemoUser(
        "demo-medsos",
        "Manajer Medsos",
        "Demo",
        "Manajer media sosial",
        (SOCIAL_MEDIA_MANAGERS_GROUP,),
    ),
    DemoUser("demo-analis", "Analis", "Demo", "Analis", (ANALYSTS_GROUP,)),
)

# Placeholders: the office's real accounts are configured by the office, not by a demo.
SOCIAL_LINKS = {
    "instagram_url": "https://example.org/demo/instagram",
    "facebook_url": "https://example.org/demo/facebook",
    "x_url": "https://example.org/demo/x",
    "telegram_url": "https://example.org/demo/telegram",
    "youtube_url": "https://example.org/demo/youtube",
}

PUBLICATION_DESCRIPTIONS = {
    PublicationKind.KORAN: (
        "<p>Koran mingguan Pemerintah Kota Tangerang: kabar program kota, layanan publik dan "
        "suara warga dari 13 kecamatan.</p>"
    ),
    PublicationKind.MAJALAH: (
        "<p>Majalah bulanan Tangerang LIVE: liputan panjang, foto dan cerita di balik program "
        "kota yang layak huni, layak investasi, layak dikunjungi dan cerdas.</p>"
    ),
    PublicationKind.BULETIN: (
        "<p>Buletin yang dibagikan selepas salat Jumat di masjid-masjid Kota Tangerang: "
        "ringkasan khutbah, renungan dan info kota.</p>"
    ),
}
HOME_INTRO = (
    "<p>Berita resmi Humas Pemerintah Kota Tangerang dari Koran Kota Benteng, Majalah LIVE "
    "dan Buletin Jumat. <i>Isi situs ini adalah contoh (demo).</i></p>"
)
