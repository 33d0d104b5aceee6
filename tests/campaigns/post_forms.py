"""Fill the campaigns admin forms the way a person does in the browser: take the form as the
page renders it, add inline rows as the "add" buttons would, change fields, post it."""

import datetime

from bs4 import BeautifulSoup
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from tests.admin_helpers import rendered_form

FORM_ID = "w-editor-form"


def add_url() -> str:
    return reverse("campaigns_post:add")


def edit_url(post) -> str:
    return reverse("campaigns_post:edit", args=[post.pk])


def form_at(client, url: str, **fields) -> QueryDict:
    data = rendered_form(client, url, form_id=FORM_ID)
    for name, value in fields.items():
        data[name] = value
    return data


def add_row(data: QueryDict, prefix: str, **fields) -> None:
    """One more row of an inline panel, as its "add" button makes it."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = str(value)
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def add_target(data: QueryDict, account, text_override: str = "") -> None:
    add_row(data, "deliveries", account=account.pk, text_override=text_override)


def add_image(data: QueryDict, image, alt_text: str) -> None:
    order = int(data["images-TOTAL_FORMS"]) + 1
    add_row(data, "images", image=image.pk, alt_text=alt_text, ORDER=order)


def in_two_hours() -> str:
    """A scheduled time as typed in the form (WIB)."""
    moment = timezone.localtime() + datetime.timedelta(hours=2)
    return f"{moment:%Y-%m-%d %H:%M}"


def new_post_data(client, accounts, text: str, **fields) -> QueryDict:
    """The add form filled with ``text`` for ``accounts``, two hours from now."""
    data = form_at(client, add_url(), **{"text": text, "scheduled_at": in_two_hours(), **fields})
    for account in accounts:
        add_target(data, account)
    return data


def page_text(response) -> str:
    """What a person reads on the page (tags stripped, spaces collapsed)."""
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    return " ".join(text.split())


def refused(response) -> bool:
    """Wagtail's answer to a forbidden admin request: 403, or back to the dashboard."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def table_rows(response) -> list[list[str]]:
    """The cells of the listing's table, row by row, as text."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.find_all("td")]
        for row in soup.select("table.listing tbody tr")
    ]
