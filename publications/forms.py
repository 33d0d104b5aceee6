"""Admin page forms. Imported by the models, so nothing here may import admin forms of other apps
(the document upload form lives in ``publications.uploads``)."""

from wagtail.admin.forms import WagtailAdminPageForm

from .corrections import published_corrections, silently_changed_corrections


class ArticlePageForm(WagtailAdminPageForm):
    """The article editor. New corrections may be added; published ones stay as they are."""

    def clean(self):
        cleaned_data = super().clean()
        published = published_corrections(self.instance)
        formset = self.formsets.get("corrections")
        if not published or formset is None or not formset.is_valid():
            return cleaned_data
        deleted = {id(form) for form in formset.deleted_forms}
        kept = [
            (form.instance.pk, form.cleaned_data.get("date"), form.cleaned_data.get("note"))
            for form in formset.forms
            if id(form) not in deleted and form.instance.pk is not None
        ]
        for message in silently_changed_corrections(published, kept):
            self.add_error(None, message)
        return cleaned_data
