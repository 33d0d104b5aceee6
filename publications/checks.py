"""Publishing checks: what an article should have before it goes to review or live.

Warnings, not rules: a draft may lack any of them, and the editor may still submit after
reading them. They show in Wagtail's checks panel (as content-checker rules over the
preview, see ``publishing_check_markers``) and as a confirmation on "submit for review".
"""

from dataclasses import dataclass

from wagtail.admin.panels import FieldPanel


@dataclass(frozen=True)
class PublishingCheck:
    code: str  # also the id of its content-checker rule: ``benteng-<code>``
    name: str
    help: str


BYLINE = PublishingCheck("byline", "Belum ada penulis (byline)", "Tambahkan penulis di tab Isi.")
HERO_IMAGE = PublishingCheck(
    "hero-image", "Belum ada foto utama", "Pilih foto utama agar artikel tampil di beranda."
)
HERO_ALT = PublishingCheck(
    "hero-alt",
    "Foto utama belum punya teks alternatif",
    "Isi deskripsi (teks alternatif) foto di pustaka gambar untuk pembaca tunanetra.",
)
PILLAR = PublishingCheck("pillar", "Belum ada pilar LIVE", "Pilih pilar LIVE di tab Isi.")
ALL_CHECKS = (BYLINE, HERO_IMAGE, HERO_ALT, PILLAR)


def failed_checks(page, authors=None) -> list[PublishingCheck]:
    """The checks an article (saved, or in the editor's preview) fails.

    ``authors`` is the byline list when the caller has it already; otherwise it is read
    from the page's in-memory relation, so an unsaved form's bylines count.
    """
    if authors is None:
        authors = list(page.authors.all())
    return checks_failed_by(bool(authors), page.hero_image, page.pillar)


def checks_failed_by(has_byline: bool, hero_image, pillar: str) -> list[PublishingCheck]:
    failed = []
    if not has_byline:
        failed.append(BYLINE)
    if hero_image is None:
        failed.append(HERO_IMAGE)
    elif not (hero_image.description or "").strip():
        failed.append(HERO_ALT)
    if not pillar:
        failed.append(PILLAR)
    return failed


def content_checker_rules() -> tuple[list[dict], dict]:
    """axe-core rules for Wagtail's checks panel, one per check.

    The preview marks each failed check with a visually hidden ``data-publishing-check``
    paragraph; a rule matching it with axe's built-in ``has-alt`` check (false for anything
    but an image or input) reports it as an issue, counted in "Issues found" like Wagtail's
    own checks. (axe's ``exists`` check would only make it "incomplete", which is not shown.)
    """
    rules = [
        {
            "id": f"benteng-{check.code}",
            "impact": "serious",
            "selector": f'[data-publishing-check="{check.code}"]',
            "tags": ["benteng"],
            "any": ["has-alt"],
            "enabled": True,
        }
        for check in ALL_CHECKS
    ]
    messages = {
        f"benteng-{check.code}": {"error_name": check.name, "help_text": check.help}
        for check in ALL_CHECKS
    }
    return rules, messages


class SubmitDespiteChecksPanel(FieldPanel):
    """The "submit anyway" box: shown only once a submit has stopped on the checks (the
    form then swaps its hidden widget for a checkbox)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return not self.bound_field.field.widget.is_hidden and super().is_shown()
