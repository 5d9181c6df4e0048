"""The one rule for "overdue" (quá hạn), shared by the remedies tracker and the reform plans.

Work with a deadline is overdue when it is not done and its deadline has passed. Whether it
is overdue is derived from the dates each time it is read, never stored, so it cannot go
stale; finishing late does not make finished work overdue.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

DONE = "done"


def is_overdue(status: str, deadline: datetime.date | None, today=None) -> bool:
    """Not done and past its deadline. Done work is never overdue, however late."""
    if status == DONE or deadline is None:
        return False
    return deadline < (today or timezone.localdate())


def days_overdue(status: str, deadline: datetime.date | None, today=None) -> int:
    today = today or timezone.localdate()
    return (today - deadline).days if is_overdue(status, deadline, today) else 0


class DeadlineQuerySet(models.QuerySet):
    """`overdue()` and `not_overdue()` for models with `status` (done = "done") and `deadline`."""

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.exclude(status=DONE).filter(deadline__lt=today)

    def not_overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(models.Q(status=DONE) | models.Q(deadline__gte=today))
