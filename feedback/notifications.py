"""E-mail to the editors responsible for the pages readers commented on.

Batched, not one mail per submission: `manage.py notify_feedback` (from cron, hourly) sends
each responsible editor one message listing what is new in their sections since the last run.
Why batched: votes arrive in bursts, a spam wave that slips past the limits must not become
a wave of mail to civil servants, and the reader's request must not wait on (or fail with)
the mail server. An hour's delay is fine for information that is checked and corrected in
office hours.

Responsible = the active members, with an e-mail address, of the groups that own the item's
section (`feedback.sections.owner_groups`). A mail says only what was reported and where, with
links to the admin; the reader's contact stays in the admin.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from base.public_url import absolute_url, admin_absolute_url
from feedback.admin_views import ADMIN_NAME
from feedback.models import Feedback, Kind
from feedback.sections import owner_groups

logger = logging.getLogger(__name__)

# What a mail lists one by one; plain "useful" votes are only counted.
WORTH_READING = (Kind.REPORT, Kind.NOT_USEFUL)


def _recipients(section: str):
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=owner_groups(section))
        .exclude(email="")
        .distinct()
    )


def send_pending() -> int:
    """Send what is new since the last run; returns the number of messages sent."""
    pending = list(
        Feedback.objects.filter(notified_at__isnull=True)
        .select_related("page")
        .order_by("created_at")
    )
    if not pending:
        return 0
    by_user: dict = defaultdict(list)
    users = {}
    for section in {item.section for item in pending}:
        recipients = _recipients(section)
        if not recipients:
            logger.warning("Feedback on section %s has nobody to notify", section)
        for user in recipients:
            users[user.pk] = user
            by_user[user.pk] += [item for item in pending if item.section == section]
    sent = 0
    for user_pk, items in by_user.items():
        listed = [item for item in items if item.kind in WORTH_READING]
        if not listed:
            continue
        for item in listed:
            item.public_url = absolute_url(item.path)
            item.admin_url = admin_absolute_url(reverse(f"{ADMIN_NAME}:edit", args=[item.pk]))
        reports = sum(1 for item in listed if item.kind == Kind.REPORT)
        context = {
            "user": users[user_pk],
            "items": listed,
            "reports": reports,
            "not_useful": len(listed) - reports,
            "useful": sum(1 for item in items if item.kind == Kind.USEFUL),
            "listing_url": admin_absolute_url(reverse(f"{ADMIN_NAME}:index") + "?status=moi"),
        }
        subject = render_to_string("feedback/email/digest_subject.txt", context).strip()
        body = render_to_string("feedback/email/digest.txt", context)
        send_mail(subject, body, None, [users[user_pk].email])
        sent += 1
    with transaction.atomic():
        Feedback.objects.filter(pk__in=[item.pk for item in pending]).update(
            notified_at=timezone.now()
        )
    return sent
