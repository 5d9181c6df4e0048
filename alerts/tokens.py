"""Signed links in alert e-mails (django.core.signing), so that no password or account is
needed and no address can be guessed or enumerated.

- confirm: the subscription's id, valid for CONFIRM_MAX_AGE (double opt-in);
- unsubscribe: the subscription's id (or none: all of them) and address, without expiry:
  a link in a year-old digest must still stop the mail (RFC 8058 one-click);
- manage: the address, valid for MANAGE_MAX_AGE, for the page listing all its subscriptions.

Each kind has its own salt, so a token of one kind is refused by the others.
"""

from __future__ import annotations

import datetime

from django.core import signing

CONFIRM_MAX_AGE = datetime.timedelta(days=7)
MANAGE_MAX_AGE = datetime.timedelta(days=90)

_CONFIRM = "alerts.confirm"
_UNSUBSCRIBE = "alerts.unsubscribe"
_MANAGE = "alerts.manage"


class BadToken(Exception):
    """A link that was altered, cut short or has expired; `expired` tells which."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "bad signature")
        self.expired = expired


def _load(token: str, salt: str, max_age=None):
    try:
        if max_age is None:
            return signing.Signer(salt=salt).unsign_object(token)
        return signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(expired=True) from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise BadToken() from error


def confirm_token(subscription) -> str:
    return signing.TimestampSigner(salt=_CONFIRM).sign_object({"s": subscription.pk})


def read_confirm_token(token: str) -> int:
    data = _load(token, _CONFIRM, CONFIRM_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise BadToken()
    return data["s"]


def unsubscribe_token(subscription=None, email: str = "") -> str:
    """One subscription's link, or (subscription None) every subscription of `email`."""
    if subscription is None:
        return signing.Signer(salt=_UNSUBSCRIBE).sign_object({"e": email})
    return signing.Signer(salt=_UNSUBSCRIBE).sign_object(
        {"s": subscription.pk, "e": subscription.email}
    )


def read_unsubscribe_token(token: str) -> tuple[int | None, str]:
    """(subscription id or None for all, address)."""
    data = _load(token, _UNSUBSCRIBE)
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise BadToken()
    pk = data.get("s")
    if pk is not None and not isinstance(pk, int):
        raise BadToken()
    return pk, data["e"]


def manage_token(email: str) -> str:
    return signing.TimestampSigner(salt=_MANAGE).sign_object({"e": email})


def read_manage_token(token: str) -> str:
    data = _load(token, _MANAGE, MANAGE_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise BadToken()
    return data["e"]
