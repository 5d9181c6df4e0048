"""`{% alert_link "thu-tuc" state %}`: the plain GET link from a list to its subscribe page.

A link, not a form: the lists are cached by the proxy (base/cache.py) and a form with a CSRF
token would make them private. `state` is the list's cleaned filters as its template has
them: a query string (`query_string`, trailing "&" allowed), a dict (values or lists of
values), or nothing; `name`/`value` add one filter a route fixed (a field's page,
`/thu-tuc/linh-vuc/ho-tich/`, is the catalogue with `linh-vuc=ho-tich`).
"""

from urllib.parse import parse_qsl, urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from alerts.lists import IGNORED_PARAMS, LIST_PARAM

register = template.Library()


def alert_url(key: str, state=None, name: str = "", value: str = "") -> str:
    pairs = [(LIST_PARAM, key)]
    if isinstance(state, str):
        pairs += parse_qsl(state.strip("&?"))
    elif state:
        for param, values in state.items():
            for one in values if isinstance(values, list | tuple) else [values]:
                pairs.append((param, str(one)))
    if name and value:
        pairs.append((name, value))
    pairs = [(k, v) for k, v in pairs if k not in IGNORED_PARAMS and v != ""]
    return reverse("alerts:subscribe") + "?" + urlencode(pairs)


@register.simple_tag
def alert_link(key, state=None, name="", value=""):
    return format_html(
        '<a class="alert-link" href="{}">Nhận thông báo qua e-mail</a>',
        alert_url(key, state, name, value),
    )
