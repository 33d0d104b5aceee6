"""What the campaigns view sets share: a few panels, and Indonesian labels for the buttons
Wagtail has no translation for."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.model import ModelViewSet


class CampaignsModelViewSet(ModelViewSet):
    copy_view_enabled = False
    save_labels = {"submit_button_label": "Simpan", "submit_button_active_label": "Menyimpan…"}

    def get_permissions_to_register(self):
        # All of them, "view" included: analysts read campaigns through it (and
        # "approve_post" is the head's), so the group editor must offer them.
        content_type = ContentType.objects.get_for_model(self.model)
        return Permission.objects.filter(content_type=content_type)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(**{**self.save_labels, **kwargs})

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(**{**self.save_labels, **kwargs})


class DisplayPanel(FieldPanel):
    """A field people read but do not edit (status, last error), shown with its choice label;
    hidden until the object exists."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return bool(self.instance and self.instance.pk) and super().is_shown()

        @property
        def value_from_instance(self):
            display = getattr(self.instance, f"get_{self.field_name}_display", None)
            value = display() if display else getattr(self.instance, self.field_name)
            return value or "—"


class FormInlinePanel(InlinePanel):
    """An InlinePanel with our own row form and formset classes (Wagtail's InlinePanel takes
    neither)."""

    def __init__(self, relation_name, *args, form_class=None, formset_class=None, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.form_class = form_class
        self.formset_class = formset_class

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "form_class": self.form_class,
            "formset_class": self.formset_class,
        }

    def get_form_options(self):
        options = super().get_form_options()
        formset_options = options["formsets"][self.relation_name]
        if self.form_class is not None:
            formset_options["form"] = self.form_class
        if self.formset_class is not None:
            formset_options["formset"] = self.formset_class
        return options
