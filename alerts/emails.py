"""The two e-mails alerts send: the confirmation (double opt-in) and the daily digest.

Both are plain text plus HTML, in Vietnamese, with absolute links from `PORTAL_BASE_URL`
(`base.public_url.absolute_url`), and carry `List-Unsubscribe` with
`List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058) so that mail programs can offer
their own one-click unsubscribe button.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from alerts import tokens
from base.public_url import absolute_url


def unsubscribe_url(subscription=None, email: str = "", request=None) -> str:
    token = tokens.unsubscribe_token(subscription, email=email)
    return absolute_url(reverse("alerts:unsubscribe", args=[token]), request)


def manage_url(email: str, request=None) -> str:
    return absolute_url(reverse("alerts:manage", args=[tokens.manage_token(email)]), request)


def _message(to: str, subject: str, template: str, context: dict, unsubscribe: str, request=None):
    # `request`: mail sent while answering one (confirmation, manage link) follows its host
    # when PORTAL_BASE_URL is unset (development); the digest, sent by a command, has none.
    context = {**context, "unsubscribe_url": unsubscribe, "site_url": absolute_url("/", request)}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"alerts/email/{template}.html", context), "text/html"
    )
    return message


def confirmation_message(subscription, request=None) -> EmailMultiAlternatives:
    confirm = absolute_url(
        reverse("alerts:confirm", args=[tokens.confirm_token(subscription)]), request
    )
    return _message(
        subscription.email,
        "Xác nhận đăng ký nhận thông báo qua e-mail",
        "confirm",
        {
            "subscription": subscription,
            "description": subscription.description,
            "list_url": absolute_url(subscription.list_path, request),
            "confirm_url": confirm,
            "days": tokens.CONFIRM_MAX_AGE.days,
        },
        unsubscribe_url(subscription, request=request),
        request,
    )


def digest_message(email: str, sections: list[dict]) -> EmailMultiAlternatives:
    """`sections`: one per subscription with new items: description, list_url, items,
    unsubscribe_url (items carry title, url, published, detail)."""
    total = sum(len(section["items"]) for section in sections)
    return _message(
        email,
        f"Thông báo nội dung mới: {total} mục",
        "digest",
        {"sections": sections, "total": total, "manage_url": manage_url(email)},
        unsubscribe_url(email=email),
    )


def manage_link_message(email: str, request=None) -> EmailMultiAlternatives:
    return _message(
        email,
        "Quản lý đăng ký nhận thông báo",
        "manage_link",
        {"manage_url": manage_url(email, request), "days": tokens.MANAGE_MAX_AGE.days},
        unsubscribe_url(email=email, request=request),
        request,
    )
