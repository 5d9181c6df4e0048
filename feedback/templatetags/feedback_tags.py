"""`{% feedback_form %}`: the two feedback forms at the foot of every public page.

Rendered from what every visitor of the URL shares (the page, the path, the hour), never from
the visitor, so the page stays cacheable (see feedback.tokens). No database query.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from wagtail.models import Page

from feedback.forms import MAX_COMMENT, MAX_CONTACT, MAX_REPORT
from feedback.models import Reason
from feedback.tokens import make_token
from feedback.views import HONEYPOT, THANKS, THANKS_PARAM

register = template.Library()


def form_context(token: str, *, thanks: str = "", form=None, open_report: bool = False) -> dict:
    data = form.data if form is not None else {}
    return {
        "token": token,
        "thanks": thanks,
        "reasons": Reason.choices,
        "honeypot": HONEYPOT,
        "max_comment": MAX_COMMENT,
        "max_report": MAX_REPORT,
        "max_contact": MAX_CONTACT,
        "form": form,
        "data": data,
        "open_report": open_report,
    }


@register.inclusion_tag("feedback/form.html", takes_context=True)
def feedback_form(context):
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return {"hidden": True}
    page = context.get("page")
    page_id = page.pk if isinstance(page, Page) and page.pk else None
    pairs = [(k, v) for k, v in request.GET.items() if k != THANKS_PARAM]
    back_url = request.path + ("?" + urlencode(pairs) if pairs else "")
    return form_context(
        make_token(page_id, request.path, back_url),
        thanks=THANKS.get(request.GET.get(THANKS_PARAM, ""), ""),
    )


@register.inclusion_tag("feedback/form.html")
def feedback_form_again(token: str, form, kind: str):
    """The forms once more, after a refusal, with what the reader typed."""
    return form_context(token, form=form, open_report=kind == "bao-loi")
