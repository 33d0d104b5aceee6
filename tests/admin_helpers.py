"""Drive Wagtail's admin forms the way a browser would: GET the form, change fields, POST it.

The form's own inputs (inline panels, hidden fields, selects) come from the rendered HTML;
only what JavaScript builds in a browser (StreamField blocks) is added here.
"""

from django.http import QueryDict
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.test.utils.form_data import querydict_from_html as _querydict_from_html

PAGE_FORM_ID = "page-edit-form"


def add_page_url(model, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def edit_page_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def rendered_form(client, url: str, form_id: str | None = PAGE_FORM_ID) -> QueryDict:
    """The form at ``url`` as the browser would submit it untouched."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return _querydict_from_html(response.content.decode(), form_id=form_id)


def with_body(data: QueryDict, *paragraphs: str) -> QueryDict:
    """Add an article body of rich-text paragraphs, as the StreamField widget's script posts it."""
    blocks = [("paragraph", rich_text(html)) for html in paragraphs]
    for key, value in nested_form_data({"body": streamfield(blocks)}).items():
        data[key] = value
    return data


def form_errors(response) -> dict:
    """Field errors of the page form re-rendered after a failed POST."""
    return dict(response.context["form"].errors)


def assert_admin_may_only_view(model) -> None:
    """A read-only listing's permission policy: "view" for anyone who may see it, and no
    add, change or delete for anyone, a superuser included."""
    from django.contrib.auth.models import User
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    root = User.objects.create_superuser("akar", "akar@tangerangkota.go.id", "rahasia-uji")
    instance = model.objects.first()
    assert policy.user_has_permission(root, "view")
    assert policy.user_has_permission_for_instance(root, "view", instance)
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(root, action)
        assert not policy.user_has_permission_for_instance(root, action, instance)
    assert list(policy.users_with_any_permission(["change", "delete"])) == []
