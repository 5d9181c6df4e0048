"""The form token that lets a cached page carry a working feedback form.

Public pages are kept by the caching proxy and served to everyone (base/cache.py): a page that
rendered Django's CSRF token would set a cookie and turn private, and the token of one visitor
would be served to all the others. So the feedback endpoint is CSRF-exempt and protected
otherwise (see feedback/views.py). This token is one of those protections: it is signed with
SECRET_KEY, names the page and the address the form was on, and carries the hour it was
issued, not who asked. Every visitor of a URL gets the same token, the page stays cacheable,
and its ETag changes at most once an hour. A form posted without a token, with a forged one or
with one older than `MAX_AGE_HOURS` (a tab left open for days) is refused with a message
asking to reload the page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core import signing

SALT = "feedback.form"
MAX_AGE_HOURS = 72
# Longer addresses (a list with many filters) are sent back to their path alone.
MAX_BACK_URL = 500


@dataclass(frozen=True)
class FormTarget:
    """What a token says: the page (None outside the page tree), its path, where to return."""

    page_id: int | None
    path: str
    back_url: str


def _hour() -> int:
    return int(time.time() // 3600)


def make_token(page_id: int | None, path: str, back_url: str) -> str:
    if len(back_url) > MAX_BACK_URL or not back_url.startswith("/"):
        back_url = path
    # signing.Signer, not signing.dumps: dumps adds a timestamp to the second, which would make
    # every rendering of the page different (its ETag too); the hour inside is the only clock.
    return signing.Signer(salt=SALT).sign_object(
        {"i": page_id, "p": path, "u": back_url, "h": _hour()}, compress=True
    )


class BadToken(Exception):
    pass


def read_token(token: str) -> FormTarget:
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
        page_id, path, back_url, hour = data["i"], data["p"], data["u"], int(data["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken from error
    if not 0 <= _hour() - hour <= MAX_AGE_HOURS:
        raise BadToken
    if page_id is not None and not isinstance(page_id, int):
        raise BadToken
    # Only our own root-relative addresses; never "//other.host".
    if not (path.startswith("/") and back_url.startswith("/")) or back_url.startswith("//"):
        raise BadToken
    return FormTarget(page_id=page_id, path=path, back_url=back_url)
