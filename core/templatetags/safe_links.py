"""The one way templates show a link that came from outside (a platform's permalink, a feed
item, a receiver's answer): ``{% remote_link url label %}`` links only http(s) URLs, in a new
tab without opener or referrer; anything else shows the label alone."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.links import remote_url

register = template.Library()


@register.filter(name="remote_url")
def remote_url_filter(value: object) -> str:
    """The URL if it is http(s), else an empty string (for ``{% if %}`` and attributes)."""
    return remote_url(value)


@register.simple_tag
def remote_link(url: object, label: object = "", suffix: str = "") -> SafeString:
    """``<a href>`` to ``url`` when it is http(s); the label as plain text otherwise.
    ``suffix`` is screen-reader text appended inside the link (e.g. "(tab baru)")."""
    label = label or url or ""
    safe = remote_url(url)
    if not safe:
        return format_html("{}", label)
    if suffix:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}'
            '<span class="w-sr-only"> {}</span></a>',
            safe,
            label,
            suffix,
        )
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', safe, label)
