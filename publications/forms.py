"""Admin page forms. Imported by the models, so nothing here may import admin forms of other apps
(the document upload form lives in ``publications.uploads``)."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .checks import checks_failed_by
from .corrections import published_corrections, silently_changed_corrections
from .drafts import free_slug_from_abandoned_draft

SUBMIT_ACTION = "action-submit"


class ArticlePageForm(WagtailAdminPageForm):
    """The article editor. New corrections may be added; published ones stay as they are.

    Submitting for review with publishing checks failed (no byline, no hero image with alt
    text, no pillar) stops once to say so; the editor submits again with the box ticked.
    """

    submit_despite_checks = forms.BooleanField(
        label="Tetap kirim untuk ditinjau meski ada peringatan di atas",
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self):
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        free_slug_from_abandoned_draft(parent, self.cleaned_data.get("slug"), self.instance)
        cleaned_data = super().clean()
        self._clean_corrections()
        if SUBMIT_ACTION in self.data and not cleaned_data.get("submit_despite_checks"):
            self._warn_failed_checks(cleaned_data)
        return cleaned_data

    def _clean_corrections(self):
        published = published_corrections(self.instance)
        formset = self.formsets.get("corrections")
        if not published or formset is None or not formset.is_valid():
            return
        deleted = {id(form) for form in formset.deleted_forms}
        kept = [
            (form.instance.pk, form.cleaned_data.get("date"), form.cleaned_data.get("note"))
            for form in formset.forms
            if id(form) not in deleted and form.instance.pk is not None
        ]
        for message in silently_changed_corrections(published, kept):
            self.add_error(None, message)

    def _warn_failed_checks(self, cleaned_data):
        failed = checks_failed_by(
            self._has_byline(), cleaned_data.get("hero_image"), cleaned_data.get("pillar", "")
        )
        if not failed:
            return
        names = "; ".join(check.name.lower() for check in failed)
        self.add_error(
            None,
            f"Periksa sebelum mengirim: {names}. Lengkapi artikelnya, atau centang "
            f"“{self.fields['submit_despite_checks'].label}” lalu kirim lagi.",
        )
        self.fields["submit_despite_checks"].widget = forms.CheckboxInput()

    def _has_byline(self) -> bool:
        formset = self.formsets.get("authors")
        if formset is None:
            return True  # a form without the byline panel cannot be judged on it
        deleted = {id(form) for form in formset.deleted_forms} if formset.is_valid() else set()
        return any(
            id(form) not in deleted and getattr(form, "cleaned_data", {}).get("author")
            for form in formset.forms
        )
