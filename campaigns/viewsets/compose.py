"""Live checks and previews while a post is written.

The compose screen posts the form as typed; the answer is every broken rule (worded as on save
and on submit, from ``campaigns.validation``), the rules per account, the voice notes of the
personas involved, and a server-rendered preview of what each account will publish."""

import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin.panels import Panel

from ..forms import ComposeInput
from ..models import Network
from ..networks import x
from ..networks.registry import adapter_for

PREVIEW_RENDITION = "max-480x480"
HASHTAG = re.compile(r"((?<![\w#])#\w+)")


def hashtag_parts(text: str) -> list[tuple[str, str]]:
    """The text as ("hashtag" | "text" | "break", piece) parts, for
    ``campaigns/compose/_text.html``: hashtags marked, line breaks kept."""
    parts = []
    for index, part in enumerate(HASHTAG.split(text)):
        if index % 2:
            parts.append(("hashtag", part))
            continue
        for number, line in enumerate(part.split("\n")):
            if number:
                parts.append(("break", ""))
            if line:
                parts.append(("text", line))
    return parts


def _rendered_images(compose: ComposeInput) -> list[dict]:
    images = []
    for image, alt_text in compose.images:
        rendition = image.get_rendition(PREVIEW_RENDITION)
        images.append({"url": rendition.url, "alt": alt_text or image.title})
    return images


def _webhook_body(text: str, compose: ComposeInput, images: list[dict]) -> str:
    """The JSON the receiver will get (ids and times are filled in when it is sent)."""
    body = {
        "id": "(kunci idempotensi, dibuat saat dikirim)",
        "text": text,
        "link": compose.link or None,
        "images": [
            {"url": f"{settings.PUBLIC_BASE_URL}{image['url']}", "alt": image["alt"]}
            for image in images
        ],
        "post_id": None,
        "campaign": None,
        "scheduled_for": None,
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def preview(compose: ComposeInput, account, override: str, images: list[dict]) -> str:
    """What ``account`` will publish, drawn like its network shows it."""
    adapter = adapter_for(account.network)
    text = adapter.compose_text(compose.text_for(override), compose.link)
    context = {
        "account": account,
        "text": text,
        "text_parts": hashtag_parts(text),
        "link": compose.link,
        "link_title": compose.link_title,
        "link_domain": urlsplit(compose.link).netloc if compose.link else "",
        "images": images,
        "messages": compose.messages_for(account, override),
    }
    if account.network == Network.X:
        context.update(weighted=x.weighted_length(text), limit=x.MAX_WEIGHTED)
    if account.network == Network.WEBHOOK:
        context["body"] = _webhook_body(text, compose, images)
    return render_to_string(f"campaigns/compose/preview_{account.network}.html", context)


def results(compose: ComposeInput) -> dict:
    """Everything the compose screen shows, as data and as one HTML fragment."""
    images = _rendered_images(compose)
    accounts = [
        {
            "id": account.pk,
            "label": str(account),
            "network": account.network,
            "messages": compose.messages_for(account, override),
            "preview": preview(compose, account, override, images),
        }
        for account, override in compose.targets
    ]
    personas = {
        account.persona.pk: account.persona for account, _ in compose.targets if account.persona_id
    }
    data = {
        "messages": compose.messages(),
        "accounts": accounts,
        "personas": [
            {"name": persona.name, "voice_notes": persona.voice_notes}
            for persona in personas.values()
        ],
    }
    data["html"] = render_to_string("campaigns/compose/results.html", data)
    return data


@require_POST
def check_view(request):
    """The form as typed → rules and previews (JSON). Nothing is saved."""
    user = request.user
    if not (user.has_perm("campaigns.add_post") or user.has_perm("campaigns.change_post")):
        raise PermissionDenied
    return JsonResponse(results(ComposeInput.from_data(request.POST)))


class ComposePanel(Panel):
    """Rules, persona voice notes and previews beside the text, refreshed as the user types
    (``compose.js``); rendered on the server first so it works before the script loads."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/compose/panel.html"

        class Media:
            js = ["campaigns/compose.js"]
            css = {"all": ["campaigns/compose.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            if self.form is not None and self.form.is_bound:
                compose = ComposeInput.from_data(self.form.data)
            elif self.instance is not None and self.instance.pk:
                compose = ComposeInput.from_post(self.instance)
            else:
                compose = ComposeInput()
            context["results"] = results(compose)
            context["check_url"] = reverse("campaigns_post:compose_check")
            return context
