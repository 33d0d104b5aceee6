"""What the campaigns view sets share: a few panels, Indonesian labels for the buttons
Wagtail has no translation for, and the owner rules of ``campaigns.policy`` (the view sets'
permission policy, registered in ``CampaignsConfig.ready``): who may not change an object
reads it, and who answers for it is set by the system."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.text import capfirst
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .. import policy


class OwnerPanel(FieldPanel):
    """``owner`` or ``co_owners``: a field for the head of Humas, read-only text for others
    (shown once the object exists)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = "Hanya Kepala Humas atau administrator yang dapat mengubahnya."

        def is_shown(self):
            if self.read_only and not (self.instance and self.instance.pk):
                return False
            return super().is_shown()


class OwnedCreateView(generic.CreateView):
    """The creator answers for what they create, unless the head of Humas names another."""

    def save_instance(self):
        if getattr(self.form.instance, "owner_id", True) is None:
            self.form.instance.owner = self.request.user
        return super().save_instance()


class OwnedEditView(generic.EditView):
    """Changing needs ``policy``'s consent for this object: a colleague who may only read
    it is sent to its read-only page; a POST from them is refused."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        refusal = policy.refusal(request.user, "change", self.object)
        if refusal and self.inspect_url_name:
            messages.info(request, f"{refusal} Anda dapat melihatnya saja.")
            return redirect(self.get_inspect_url())
        if refusal:
            raise PermissionDenied(refusal)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        policy.require(request.user, "change", self.object)
        return super().post(request, *args, **kwargs)


class OwnedDeleteView(generic.DeleteView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        policy.require(self.request.user, "delete", instance)
        return instance


class CampaignsModelViewSet(ModelViewSet):
    copy_view_enabled = False
    add_view_class = OwnedCreateView
    edit_view_class = OwnedEditView
    delete_view_class = OwnedDeleteView
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
