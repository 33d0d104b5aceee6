"""StreamField blocks for article bodies."""

from urllib.parse import urlsplit

import nh3
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "h3",
    "h4",
    "hr",
]

# What Wagtail's own rich text format can hold; anything else (script, style, on*=) is dropped.
ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "i",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "hr",
}
ALLOWED_TAGS |= {"embed"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}


SAFE_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_rich_text(html: str) -> str:
    """Strip what the editor could never produce, whoever stored the HTML (API, import, shell)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel=None,
    )


class SafeRichTextBlock(blocks.RichTextBlock):
    """A rich text paragraph that is sanitised when saved, so no script can reach a reader."""

    def get_prep_value(self, value):
        return sanitise_rich_text(super().get_prep_value(value))

    def to_python(self, value):
        return RichText(sanitise_rich_text(value)) if isinstance(value, str) else value

    def normalize(self, value):
        # Assigning a raw string in Python (import, shell) is as untrusted as stored JSON.
        return self.to_python(value) if isinstance(value, str) else super().normalize(value)

    class Meta:
        icon = "pilcrow"
        label = "Paragraf"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Teks")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Subjudul"), ("h3", "Sub-subjudul")],
        default="h2",
        label="Tingkat",
    )

    class Meta:
        icon = "title"
        label = "Subjudul"
        template = "publications/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Gambar")
    alt_text = blocks.CharBlock(
        label="Teks alternatif",
        required=False,
        help_text="Kosongkan untuk memakai judul gambar.",
    )
    caption = blocks.CharBlock(label="Keterangan", required=False)

    class Meta:
        icon = "image"
        label = "Gambar"
        template = "publications/blocks/image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Judul galeri", required=False)
    images = blocks.ListBlock(ImageBlock(), min_num=2, label="Gambar")

    class Meta:
        icon = "image"
        label = "Galeri"
        template = "publications/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Kutipan")
    attribution = blocks.CharBlock(label="Sumber", required=False)

    class Meta:
        icon = "openquote"
        label = "Kutipan"
        template = "publications/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokumen")
    label = blocks.CharBlock(label="Teks tautan", required=False)

    class Meta:
        icon = "doc-full"
        label = "Tautan dokumen"
        template = "publications/blocks/document_link.html"


def _without_unsafe_url(value):
    """A button's URL from stored JSON may be anything (``javascript:``…): keep only web links."""
    url = (value.get("url") or "").strip()
    if url and urlsplit(url).scheme.lower() not in SAFE_URL_SCHEMES:
        value["url"] = ""
    return value


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Ajakan")
    button_label = blocks.CharBlock(label="Tulisan tombol", default="Selengkapnya")
    page = blocks.PageChooserBlock(label="Halaman", required=False)
    url = blocks.URLBlock(label="atau URL", required=False)

    class Meta:
        icon = "pick"
        label = "Ajakan bertindak"
        template = "publications/blocks/call_to_action.html"

    def to_python(self, value):
        return _without_unsafe_url(super().to_python(value))

    def bulk_to_python(self, values):
        return [_without_unsafe_url(value) for value in super().bulk_to_python(values)]

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": "Pilih halaman atau isi URL tujuan tombol."}
            )
        return value


def images_in(body) -> list:
    """The library images an article body shows, in pictures and galleries."""
    images = []
    for block in body:
        if block.block_type == "image":
            images.append(block.value.get("image"))
        elif block.block_type == "gallery":
            images += [item.get("image") for item in block.value.get("images", [])]
    return [image for image in images if image]


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label="Sematan (YouTube, Instagram…)", icon="media")
    table = TableBlock(label="Tabel")
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()


# Words a reader of Indonesian news reads in a minute (Wagtail's checks panel uses 200-260
# for other languages; Indonesian words are long).
WORDS_PER_MINUTE = 200


def reading_minutes(lead: str, body) -> int:
    """Minutes to read an article: the lead and the text of its body, at least one. Uses the
    blocks' own searchable text, so no block type is counted by hand."""
    words = len((lead or "").split())
    for block in body:
        for text in block.block.get_searchable_content(block.value):
            words += len(str(text).split())
    return max(1, round(words / WORDS_PER_MINUTE))
