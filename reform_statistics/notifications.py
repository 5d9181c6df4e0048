"""E-mail to the reviewers when an uploaded statistics file waits for them (review.upload).

One short message per reviewer, sent after the upload commits: who may approve batches
(reviewers, site administrators, superusers), active and with an e-mail address, except the
uploader. The uploader's request never fails because of the mail server: a failure is
logged, and the batch waits in the admin's list all the same.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from base.public_url import admin_absolute_url
from reform_statistics.models import ImportBatch

logger = logging.getLogger(__name__)

# Who may approve a batch (reviewers and site administrators, home/roles.py).
APPROVE_PERMISSION = "reform_statistics.approve_importbatch"


def reviewers(batch: ImportBatch) -> list:
    return list(
        get_user_model()
        .objects.with_perm(
            APPROVE_PERMISSION,
            is_active=True,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .exclude(pk=batch.uploaded_by_id)
        .order_by("pk")
    )


def tell_reviewers(batch: ImportBatch) -> int:
    """Mail each reviewer about `batch`; returns how many messages were sent."""
    context = {
        "batch": batch,
        "uploader": batch.uploaded_by,
        "batch_url": admin_absolute_url(reverse("reform_statistics_batch", args=[batch.pk])),
        "row_count": len(batch.rows),
        "skipped_count": len(batch.skipped),
    }
    sent = 0
    for user in reviewers(batch):
        context["user"] = user
        subject = render_to_string("reform_statistics/email/batch_subject.txt", context).strip()
        body = render_to_string("reform_statistics/email/batch.txt", context)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # any transport error: the upload stands, the batch is listed
            logger.exception("Could not tell %s of statistics batch %s", user.email, batch.pk)
        else:
            sent += 1
    return sent


def tell_reviewers_after_commit(batch: ImportBatch) -> None:
    transaction.on_commit(lambda: tell_reviewers(batch))
