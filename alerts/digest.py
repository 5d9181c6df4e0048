"""The daily digest: for each confirmed subscription, what was first published since its last
digest; one e-mail per address, one section per subscription, nothing when nothing is new.

Idempotent. Each subscription's watermark (`sent_until`) is advanced from the value read to
the run's moment with a conditional UPDATE (compare and set) *before* the e-mail is sent, so
two runs at once, or a second run the same day, never send the same items twice. If sending
fails with an error, the watermarks are put back and the next run sends the digest. If the
process dies between the UPDATE and the SMTP conversation, that one digest is lost rather than
sent twice: for alerts we chose at most once over at least once.

Unconfirmed subscriptions are deleted once their confirmation link has expired, so that an
address nobody confirmed is not kept.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.utils import timezone

from alerts import emails, tokens
from alerts.models import Subscription
from base.public_url import absolute_url

logger = logging.getLogger(__name__)


@dataclass
class DigestReport:
    sent: int = 0  # e-mails
    items: int = 0
    failed: int = 0
    purged: int = 0
    errors: list[str] = field(default_factory=list)


def purge_unconfirmed(now) -> int:
    deleted, _ = (
        Subscription.objects.pending().filter(created_at__lt=now - tokens.CONFIRM_MAX_AGE).delete()
    )
    return deleted


def _claim(subscription, until) -> bool:
    """Move the watermark to `until` if nobody else did since we read it."""
    return bool(
        Subscription.objects.filter(pk=subscription.pk, sent_until=subscription.sent_until).update(
            sent_until=until
        )
    )


def _release(subscription, until) -> None:
    Subscription.objects.filter(pk=subscription.pk, sent_until=until).update(
        sent_until=subscription.sent_until
    )


def _section(subscription, items) -> dict:
    return {
        "description": subscription.description,
        "list_url": absolute_url(subscription.list_path),
        "unsubscribe_url": emails.unsubscribe_url(subscription),
        "items": [
            {
                "title": item.title,
                "url": absolute_url(item.path),
                "published": timezone.localtime(item.published),
                "detail": item.detail,
            }
            for item in items
        ],
    }


def send_digests(now=None) -> DigestReport:
    now = now or timezone.now()
    report = DigestReport(purged=purge_unconfirmed(now))
    by_address = defaultdict(list)
    for subscription in Subscription.objects.confirmed().order_by("email", "pk"):
        by_address[subscription.email].append(subscription)
    connection = get_connection()
    for email, subscriptions in by_address.items():
        sections, claimed = [], []
        for subscription in subscriptions:
            alert_list = subscription.alert_list
            if alert_list is None:
                continue
            if subscription.sent_until is not None and subscription.sent_until >= now:
                continue
            try:
                items = alert_list.new_items(subscription.params, subscription.sent_until, now)
            except Exception as error:  # one broken list must not stop everyone's digest
                logger.exception("Alert %s: could not read its list", subscription.pk)
                report.errors.append(f"{subscription.pk}: {error}")
                continue
            if not _claim(subscription, now):
                continue  # another run took it
            claimed.append(subscription)
            if items:
                sections.append(_section(subscription, items))
        if not sections:
            continue
        try:
            message = emails.digest_message(email, sections)
            message.connection = connection
            message.send(fail_silently=False)
        except Exception as error:
            logger.exception("Alert digest to subscription ids %s failed", [s.pk for s in claimed])
            report.failed += 1
            report.errors.append(str(error))
            for subscription in claimed:
                _release(subscription, now)
            continue
        Subscription.objects.filter(pk__in=[s.pk for s in claimed]).update(last_sent_at=now)
        report.sent += 1
        report.items += sum(len(section["items"]) for section in sections)
    connection.close()
    return report
