"""``{% article_part name %}…{% endarticle_part %}``: a part of the article page cached
per published version (``publications.article_parts``)."""

from django import template

from publications.article_parts import PART_NAMES

register = template.Library()


class ArticlePartNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        parts = context.get("article_parts")
        if parts is None:  # a preview, or a page never published
            return self.nodelist.render(context)
        if self.name in parts.found:
            return parts.found[self.name]
        html = self.nodelist.render(context)
        parts.rendered[self.name] = html
        return html


@register.tag("article_part")
def article_part(parser, token) -> ArticlePartNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1].strip("\"'") not in PART_NAMES:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one of {PART_NAMES}")
    nodelist = parser.parse(("endarticle_part",))
    parser.delete_first_token()
    return ArticlePartNode(bits[1].strip("\"'"), nodelist)
