"""`{% shared_fragment name part... %}...{% endshared_fragment %}`: HTML every visitor shares.

The rendered block is kept in Django's cache under the current content generation (see
`base.cache.shared`), keyed by the name and the parts given, which must name everything the
block shows. For what is costly to render and the same for everyone with the same
parameters, such as a list's filter options with their counts.
"""

import hashlib

from django import template

from base.cache import shared

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        values = "\x1f".join(str(part.resolve(context)) for part in self.parts)
        key = "html:" + hashlib.sha256(values.encode()).hexdigest()
        return shared(key, lambda: self.nodelist.render(context), request=context.get("request"))


@register.tag
def shared_fragment(parser, token):
    parts = token.split_contents()[1:]
    if not parts:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, [parser.compile_filter(part) for part in parts])
