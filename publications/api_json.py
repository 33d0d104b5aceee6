"""The city API's JSON, byte for byte what DRF's renderer writes, with a listing's items
kept as JSON text (``api_items``) spliced in rather than encoded again.

Wagtail's API renders with an indent (``get_renderer_context``), which the standard
library encodes in Python, not in C: a millisecond for an article listing of twenty,
a seventh of its time once the items are kept. An item's text is what ``json.dumps`` of
the whole listing writes for it, less the two levels of indent it sits at.
"""

import json

from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.utils.json import dumps as drf_dumps

# What Wagtail's API views give the renderer (``BaseAPIViewSet.get_renderer_context``).
INDENT = 4
INDENT_SEPARATORS = (",", ": ")  # DRF's, with an indent (rest_framework.renderers)


def encode_item(item) -> str:
    """``item`` as ``ItemsJSONRenderer`` writes it, at the top level."""
    return drf_dumps(
        item,
        cls=JSONRenderer.encoder_class,
        indent=INDENT,
        ensure_ascii=not api_settings.UNICODE_JSON,
        allow_nan=not api_settings.STRICT_JSON,
        separators=INDENT_SEPARATORS,
    )


class EncodedItems(list):
    """A listing's items as JSON text (``encode_item``)."""

    def decoded(self) -> list:
        return [json.loads(text) for text in self]


def _nested(text: str, level: int) -> str:
    """JSON ``text`` written at ``level`` levels of indent (strings hold no raw newline)."""
    return text.replace("\n", "\n" + " " * (INDENT * level))


class ItemsJSONRenderer(JSONRenderer):
    """DRF's JSON renderer; a listing of ``EncodedItems`` has them spliced in as they are."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, EncodedItems):
            return super().render(data, accepted_media_type, renderer_context)
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent != INDENT or list(data) != ["meta", "items"]:
            data = {**data, "items": items.decoded()}
            return super().render(data, accepted_media_type, renderer_context)
        pad = " " * INDENT
        meta = encode_item(data["meta"])
        listed = ",\n".join(pad * 2 + _nested(text, 2) for text in items)
        text = (
            f'{{\n{pad}"meta": {_nested(meta, 1)},\n'
            + (f'{pad}"items": [\n{listed}\n{pad}]' if items else f'{pad}"items": []')
            + "\n}"
        )
        # As DRF does: the JSON stays a strict subset of JavaScript.
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()
