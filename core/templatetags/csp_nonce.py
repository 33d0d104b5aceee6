"""``{% csp_nonce %}``: the nonce of the request being answered, also where a template has no
request in its context (form widgets). See core/csp.py."""

from django import template

from core.csp import current_nonce

register = template.Library()


@register.simple_tag(name="csp_nonce")
def csp_nonce_tag() -> str:
    return current_nonce()
