"""Building blocks shared by the endpoints' response schemas.

Identifiers are the public ones (procedure codes, document numbers and slugs, vocabulary
slugs), dates are ISO 8601, and every record carries `url` (the page people read, absolute,
from `base.public_url`) and, where it has one, `api_url` (its record in this API).
"""

from __future__ import annotations

import re

from ninja import Schema

from base.public_url import absolute_url, page_path, public_base_url

_ROOT_RELATIVE = re.compile(r'(\s(?:src|href)=")/(?!/)')

# What a slug parameter may look like (Django's SlugField); whether it names an entry of the
# vocabulary is the section parser's question (400 with its message when it does not).
SLUG = r"^[-a-zA-Z0-9_]+$"
# Dates as the register reads them (legal_documents.filters.DATE_FORMATS).
DATE = r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})$"


class Ref(Schema):
    """A vocabulary entry (field, agency, document type, category...): slug and name."""

    slug: str
    name: str


class Choice(Schema):
    """A fixed value (status, channel, group...): the value used in parameters and its label."""

    value: str
    label: str


def ref(obj) -> dict | None:
    return {"slug": obj.slug, "name": obj.name} if obj is not None else None


def refs(objects) -> list[dict]:
    return [{"slug": obj.slug, "name": obj.name} for obj in objects]


def choice(value: str, label: str) -> dict:
    return {"value": value, "label": str(label)}


def page_url(page, request) -> str:
    return absolute_url(page_path(page), request)


def api_url(request, path: str) -> str:
    """Absolute URL of a record of this API, `path` relative to /api/v1/."""
    return absolute_url(f"/api/v1/{path}", request)


def absolute_html(html: str, request) -> str:
    """Rich text for other sites: its root-relative links and images made absolute."""
    return _ROOT_RELATIVE.sub(rf"\g<1>{public_base_url(request)}/", html)
